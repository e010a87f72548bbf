"""An import of notices from a CSV file (bulk intake): previewed row by row, then imported by a background task
in one transaction — every good row or none. The file's text is kept only until it is imported."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from evictions.workflow import ImportStatus


class ImportBatch(models.Model):
    Status = ImportStatus  # the states and their moves: evictions.workflow.IMPORT_BATCH

    unit = models.ForeignKey("kompotten.Unit", on_delete=models.PROTECT, related_name="+")
    filename = models.CharField(_("fil"), max_length=200)
    encoding = models.CharField(_("teckenkodning"), max_length=20)
    content = models.TextField(_("innehåll"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PREVIEW)
    report = models.JSONField(_("radrapport"), default=list)
    rows_ok = models.PositiveIntegerField(default=0)
    rows_bad = models.PositiveIntegerField(default=0)
    rows_duplicate = models.PositiveIntegerField(default=0)  # repeated within the file
    # Notices registered already, by any channel: skipped, neither an error nor a new notice.
    rows_registered = models.PositiveIntegerField(_("redan registrerade"), default=0)
    imported_count = models.PositiveIntegerField(default=0)
    # Files the import opened for a protected person: no handler until the team lead assigns one.
    to_team_lead = models.PositiveIntegerField(_("ärenden till gruppledaren"), default=0)
    error = models.CharField(_("fel"), max_length=500, blank=True)
    uploaded_at = models.DateTimeField(_("uppladdad"), auto_now_add=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    imported_at = models.DateTimeField(_("importerad"), null=True, blank=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        verbose_name = _("import")
        verbose_name_plural = _("importer")

    def __str__(self):
        return f"Import {self.pk}"
