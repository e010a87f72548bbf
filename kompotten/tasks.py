"""Tasks of the project package."""

from celery import shared_task

from kompotten.models import Municipality


@shared_task
def check_worker_database() -> dict:
    """Answers from the worker with what it sees in the database: proves broker, worker and database are wired."""
    return {"municipalities": Municipality.objects.count()}
