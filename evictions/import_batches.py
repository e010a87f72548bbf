"""A confirmed CSV import of notices, run by the background task, and beat's sweep of import files kept too long.

The work the tasks in `evictions.tasks` do, below them and below the services (which enqueue those tasks), so that
services -> tasks -> import_batches is one way down. The preview and the confirmation are services
(`services.import_batch_preview`, `services.import_batch_queue`); the parsing is `importing`'s.
"""

import logging
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from evictions import importing, registration, workflow
from evictions.models import EvictionFile, ImportBatch
from kompotten.models import User
from kompotten.workflow import locked_state, who_is

logger = logging.getLogger(__name__)

# A preview not confirmed within this long is deleted with its file (beat: `tasks.import_batches_purge`).
PREVIEW_KEPT = timedelta(days=1)
IMPORT_CONFLICT = gettext_lazy(
    "Importen stoppades av en krock i databasen, till exempel samma underrättelse importerad samtidigt från en annan "
    "fil. Inget importerades. Ladda upp filen igen."
)
IMPORT_ABANDONED = gettext_lazy(
    "Importen blev inte klar inom ett dygn och är avbruten. Inget importerades. Ladda upp filen igen."
)


@transaction.atomic
def import_batch_transition(
    *, batch: ImportBatch, to_status: str, acting_user: User | None = None, **fields
) -> ImportBatch:
    """The one service that moves an import's status, along an edge of `evictions.workflow.IMPORT_BATCH`, saving
    `fields` with it. No `acting_user` means its background task (`SYSTEM`), which imports or fails it."""
    workflow.IMPORT_BATCH.check(locked_state(batch), to_status, who_is(acting_user))
    batch.status = to_status
    for name, value in fields.items():
        setattr(batch, name, value)
    batch.save(update_fields=["status", *fields])
    return batch


def _import_batch_finish(batch: ImportBatch, status: str, **fields) -> ImportBatch:
    """The import is done, imported or failed: the file's text goes (the notices hold what was imported)."""
    return import_batch_transition(batch=batch, to_status=status, content="", **fields)


def import_batch_run(*, batch: ImportBatch, acting_user: User) -> ImportBatch:
    """Imports every good row in one transaction, or none: a failure leaves nothing half-imported and says why.
    Either way the file's text is removed. Running it again after it finished, or once the batch is gone, does
    nothing."""
    with transaction.atomic():
        locked = ImportBatch.objects.select_for_update().filter(pk=batch.pk).first()
        if locked is None or locked.status != ImportBatch.Status.QUEUED:
            return locked or batch
        batch = locked
        try:
            with transaction.atomic():
                parsed = importing.parse(batch.content.encode()).rows
                rows = [row for row in parsed if row.ok]
                notices = registration.notices_register(
                    notices=[(row.data, row.key) for row in rows], unit=batch.unit, acting_user=acting_user
                )
                new = [notice for notice in notices if not notice.already_registered]  # since the preview
                files = EvictionFile.objects.filter(pk__in={notice.file_id for notice in new})
                to_team_lead = registration.awaiting_team_lead(files).count()
        except ValidationError as error:
            return _import_batch_finish(batch, ImportBatch.Status.FAILED, error=" ".join(error.messages)[:500])
        except IntegrityError:
            # The database's message names the conflicting values (an identity number, say): logged by id only.
            logger.warning("import_batch_conflict", extra={"batch_id": batch.pk}, exc_info=True)
            return _import_batch_finish(batch, ImportBatch.Status.FAILED, error=str(IMPORT_CONFLICT))
        return _import_batch_finish(
            batch,
            ImportBatch.Status.IMPORTED,
            imported_count=len(new),
            # Registered before the preview, or since (typed in from the form while the import waited).
            rows_registered=sum(row.registered is not None for row in parsed) + len(notices) - len(new),
            imported_at=timezone.now(),
            to_team_lead=to_team_lead,
        )


def import_batches_purge(*, now: datetime) -> tuple[int, int]:
    """Beat's daily-ish sweep of files kept no longer than needed: a preview not confirmed within `PREVIEW_KEPT` is
    deleted with its file, and an import still queued after that long (its task lost) is failed with a reason and
    its file removed. A batch being imported right now is locked and left alone. Returns (deleted, abandoned)."""
    cutoff = now - PREVIEW_KEPT
    with transaction.atomic():
        stale = ImportBatch.objects.select_for_update(skip_locked=True).filter(uploaded_at__lt=cutoff)
        previews = list(stale.filter(status=ImportBatch.Status.PREVIEW).values_list("pk", flat=True))
        ImportBatch.objects.filter(pk__in=previews).delete()
        abandoned = list(stale.filter(status=ImportBatch.Status.QUEUED))
        for batch in abandoned:
            _import_batch_finish(batch, ImportBatch.Status.FAILED, error=str(IMPORT_ABANDONED))
    if previews or abandoned:
        logger.info(
            "import_batches_purged", extra={"deleted": previews, "abandoned": [batch.pk for batch in abandoned]}
        )
    return len(previews), len(abandoned)
