"""Background work of the housing unit. Tasks take ids (or nothing), call services, and are safe to run twice."""

from django.utils import timezone

from celery import shared_task

from housing import services


@shared_task(name="housing.tasks.report_move_ins")
def report_move_ins() -> int:
    """Every night: the contracts that start today (or started while the task did not run) are the move-ins of
    their applicants, told to whoever referred them (the relocation request says "Inflyttad" from that day).
    Returns how many were reported."""
    return len(services.contracts_report_move_ins(today=timezone.localdate()))
