"""Tasks of the project package."""

from django.conf import settings

from celery import shared_task

from kompotten.models import Municipality


@shared_task
def check_worker_database() -> dict:
    """Answers from the worker with what it sees in the database: proves broker, worker and database are wired."""
    return {"municipalities": Municipality.objects.count()}


@shared_task
def prune_login_records() -> int:
    """Login records (who logged in from where, kept by django-axes) are personal data with a purpose that ends:
    keep them LOGIN_RECORD_DAYS. The access log of protected persons is not touched: it is kept for good."""
    from axes.handlers.proxy import AxesProxyHandler  # noqa: PLC0415 - needs configured settings

    days = settings.LOGIN_RECORD_DAYS
    return AxesProxyHandler.reset_logs(age_days=days) + AxesProxyHandler.reset_failure_logs(age_days=days)
