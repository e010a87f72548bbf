"""Background work on cases. Tasks take ids, look the objects up, call services, and are safe to run twice."""

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from celery import shared_task

from cases import services
from cases.models import Case
from cases.retention_tasks import cull_retention_list  # noqa: F401 - for the worker's task discovery
from cases.services import retention
from kompotten.models import User


@shared_task(autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=3)
def transfer_open_cases(from_user_id: int, to_user_id: int, acting_user_id: int) -> int:
    """A caseworker leaves or goes on leave: their open cases pass to a colleague. Returns how many moved; a second
    run finds none left and moves nothing. History and the timeline name the acting user, not the worker."""
    from_user, to_user = User.objects.get(pk=from_user_id), User.objects.get(pk=to_user_id)
    acting_user = User.objects.get(pk=acting_user_id)
    with translation.override("sv"):
        reason = _("Öppna ärenden fördes över från %(name)s.") % {"name": from_user.get_full_name()}
    moved = 0
    for case in Case.objects.filter(assignments__user=from_user, closed_on__isnull=True).order_by("pk"):
        with transaction.atomic():
            if not case.assignments.filter(user=to_user).exists():
                services.case_assign_handler(case=case, user=to_user, acting_user=acting_user, reason=reason)
            services.case_unassign_handler(case=case, user=from_user, acting_user=acting_user)
        moved += 1
    return moved


@shared_task
def build_retention_list() -> int:
    """The yearly retention list (gallringslista): beat runs it every morning in January; the list for this year is
    built once and later runs return it unchanged. Culling waits for a manager's approval."""
    with translation.override("sv"):
        return retention.retention_list_build(year=timezone.localdate().year).pk
