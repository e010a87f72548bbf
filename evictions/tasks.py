"""Background work of eviction prevention. Tasks take ids, look the objects up, call the work in `import_batches`,
and are safe to run twice. The services enqueue them, so they import nothing from the services (no cycle)."""

from django.utils import timezone

from celery import shared_task

from evictions import import_batches
from evictions.models import ImportBatch
from kompotten.models import User


@shared_task
def import_batch_run(batch_id: int, acting_user_id: int) -> int:
    """Imports a confirmed CSV file; returns how many notices it created (a second run creates none)."""
    batch = import_batches.import_batch_run(
        batch=ImportBatch.objects.get(pk=batch_id), acting_user=User.objects.get(pk=acting_user_id)
    )
    return batch.imported_count


@shared_task
def import_batches_purge() -> int:
    """Beat's sweep: previews not confirmed within a day are deleted with their file; returns how many."""
    deleted, _abandoned = import_batches.import_batches_purge(now=timezone.now())
    return deleted
