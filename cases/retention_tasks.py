"""The background task that culls an approved retention list (gallring): it takes the list's id, and a second run
finds nothing left to do. Listed in `cases.tasks` for the worker's discovery."""

from celery import shared_task

from cases.culling import retention_list_cull
from cases.models import RetentionList


@shared_task(autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=3)
def cull_retention_list(retention_list_id: int) -> int:
    """Culls an approved retention list (`cases.culling.retention_list_cull`)."""
    return retention_list_cull(retention_list=RetentionList.objects.get(pk=retention_list_id))
