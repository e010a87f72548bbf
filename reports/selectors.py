"""Reads of the reports app. Reports are for managers only; anyone else gets 404 on every report URL, as if the
reports did not exist. A manager sees the runs they asked for and the scheduled ones, not a colleague's own runs.

A register extract is a person's, not a report: its run never shows among the reports (a manager would otherwise
download a file naming a person), and the extract itself is found through the access policy on its person."""

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from cases.models import Person
from kompotten.capabilities import Capability
from kompotten.models import User
from reports.models import RegisterExtract, ReportKind, ReportRun

if TYPE_CHECKING:  # the policy is handed in by the views
    from cases.access import AccessPolicy


def may_use_reports(user: User) -> bool:
    return user.is_authenticated and user.has_perm(Capability.VIEW_REPORTS) and not user.partner_municipality_id


def require_reports(user: User) -> None:
    if not may_use_reports(user):
        raise Http404


def visible_runs(user: User) -> QuerySet[ReportRun]:
    require_reports(user)
    runs = ReportRun.objects.exclude(kind=ReportKind.REGISTER_EXTRACT)
    return runs.filter(Q(requested_by=user) | Q(requested_by=None)).select_related("requested_by")


def run_or_404(user: User, pk: int) -> ReportRun:
    return get_object_or_404(visible_runs(user), pk=pk)


def person_extracts(person) -> list[RegisterExtract]:
    """The person's register extracts, newest first (the caller has opened the person through the policy)."""
    return list(RegisterExtract.objects.filter(person=person).select_related("run", "requested_by"))


def extract_or_404(policy: "AccessPolicy", pk, *, may=None) -> RegisterExtract:
    """The extract, for a user who may open its person (404 otherwise, as for one that does not exist) and, with
    `may`, act on them (403 otherwise): `cases.access.AccessPolicy.get_or_404` on the extract's person."""
    extract = get_object_or_404(
        RegisterExtract.objects.select_related("run", "requested_by", "checked_by", "released_by"), pk=pk
    )
    extract.person = policy.get_or_404(Person, pk=extract.person_id, may=may)
    return extract
