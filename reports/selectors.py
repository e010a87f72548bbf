"""Reads of the reports app. Reports are for managers only; anyone else gets 404 on every report URL, as if the
reports did not exist. A manager sees the runs they asked for and the scheduled ones, not a colleague's own runs."""

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from kompotten.capabilities import Capability
from kompotten.models import User
from reports.models import ReportRun


def may_use_reports(user: User) -> bool:
    return user.is_authenticated and user.has_perm(Capability.VIEW_REPORTS) and not user.partner_municipality_id


def require_reports(user: User) -> None:
    if not may_use_reports(user):
        raise Http404


def visible_runs(user: User) -> QuerySet[ReportRun]:
    require_reports(user)
    return ReportRun.objects.filter(Q(requested_by=user) | Q(requested_by=None)).select_related("requested_by")


def run_or_404(user: User, pk: int) -> ReportRun:
    return get_object_or_404(visible_runs(user), pk=pk)
