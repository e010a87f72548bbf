"""Report runs: one request for one report file, produced by a Celery task and kept so it can be downloaded again.

A run moves queued → running (with progress 0–100 and the step it is on) → ready (the file, its checksum and content
type are set) or failed (with a reason in Swedish). Scheduled runs (Celery beat) and runs from the command line
(`manage.py run_report`) have no `requested_by`; `origin` says which.

Runs and downloads are operational records holding counts only, no personal data, so they carry no
django-simple-history: the run keeps its own timings and attempts, and every download is a `ReportDownload` row.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from simple_history.models import HistoricalRecords

from reports.workflow import ExtractState, RunState  # noqa: F401 - the states live with their workflows


class ReportKind(models.TextChoices):
    ANNUAL = "annual", _("Årsrapport till socialnämnden")
    MONTHLY = "monthly", _("Månadsstatistik, vräkningsförebyggande")
    RANGE = "range", _("Rapport till socialnämnden för valfri period")
    # A person's register extract (GDPR article 15): its run makes the PDF; the `RegisterExtract` says whose it is.
    REGISTER_EXTRACT = "register_extract", _("Registerutdrag")


class ReportFormat(models.TextChoices):
    PDF = "pdf", _("PDF")
    CSV = "csv", _("CSV (Excel)")
    XLSX = "xlsx", _("Excel-arbetsbok (.xlsx)")


CONTENT_TYPES = {
    ReportFormat.PDF: "application/pdf",
    ReportFormat.CSV: "text/csv; charset=utf-8",
    ReportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class RunOrigin(models.TextChoices):
    MANAGER = "manager", _("Beställd av chef")
    SCHEDULE = "schedule", _("Schemalagd")
    COMMAND = "command", _("Kommandorad")


# The builders (reports/committee.py, reports/monthly.py) report progress in steps, `progress(percent, step)`: the
# steps below this percent count the figures, those from it on make the file (charts, PDF, workbook).
FILE_STEP_PERCENT = 60
COMMENTARY_MAX_LENGTH = 4000


class ReportRun(models.Model):
    kind = models.CharField(_("rapport"), max_length=20, choices=ReportKind.choices)
    file_format = models.CharField(_("format"), max_length=10, choices=ReportFormat.choices, default=ReportFormat.PDF)
    period_start = models.DateField(_("periodens början"))
    period_end = models.DateField(_("periodens slut"))
    parameters = models.JSONField(_("parametrar"), default=dict, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="report_runs"
    )
    origin = models.CharField(_("ursprung"), max_length=10, choices=RunOrigin.choices, default=RunOrigin.MANAGER)
    state = models.CharField(_("status"), max_length=10, choices=RunState.choices, default=RunState.QUEUED)
    progress = models.PositiveSmallIntegerField(_("förlopp"), default=0)
    step = models.CharField(_("steg"), max_length=120, blank=True)
    failure_reason = models.TextField(_("orsak"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("försök"), default=0)
    # The attempt that holds the run: progress and the finished file are accepted only from it.
    claim_token = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(_("beställd"), default=timezone.now)
    # When the run's task was last sent to the broker (ordered, retried or sent again because it was lost).
    queued_at = models.DateTimeField(_("köad"), default=timezone.now)
    started_at = models.DateTimeField(_("startad"), null=True, blank=True)
    finished_at = models.DateTimeField(_("klar"), null=True, blank=True)
    file_name = models.CharField(_("fil"), max_length=200, blank=True)
    checksum = models.CharField(_("kontrollsumma (SHA-256)"), max_length=64, blank=True)
    content_type = models.CharField(_("innehållstyp"), max_length=100, blank=True)
    size = models.PositiveIntegerField(_("storlek"), default=0)
    # How long each step of the finished run took: [{"percent": 10, "step": "...", "seconds": 1.2}, ...].
    step_timings = models.JSONField(_("tid per steg"), default=list, blank=True)
    # The committee's commentary: written by the manager when ordering the run, kept with it and printed in the
    # report's own section. Free text the manager writes for the committee: it must name no one.
    commentary = models.TextField(_("kommentar till nämnden"), blank=True, max_length=COMMENTARY_MAX_LENGTH)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("rapportkörning")
        verbose_name_plural = _("rapportkörningar")
        indexes = [
            models.Index(fields=["requested_by", "-created_at"]),
            models.Index(fields=["state", "queued_at"]),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="report_run_progress_at_most_100"),
            models.CheckConstraint(condition=Q(period_end__gte=models.F("period_start")), name="report_run_period"),
            # Nothing half-written is downloadable: a ready run always has its complete file.
            models.CheckConstraint(
                condition=~Q(state=RunState.READY) | (~Q(file_name="") & ~Q(checksum="") & ~Q(content_type="")),
                name="report_run_ready_has_file",
            ),
            # Beat may ask twice; a scheduled report exists once per period and format.
            models.UniqueConstraint(
                fields=["kind", "file_format", "period_start", "period_end"],
                condition=Q(origin=RunOrigin.SCHEDULE),
                name="report_run_one_scheduled_per_period",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.period_label}"

    @property
    def requested_by_label(self) -> str:
        return self.requested_by.get_full_name() if self.requested_by else self.get_origin_display()

    def seconds_making(self, *, file: bool) -> float:
        """Seconds spent counting the figures (`file=False`) or making the file from them (`file=True`, charts
        included): the steps from `FILE_STEP_PERCENT` on make the file."""
        steps = [t for t in self.step_timings if t["percent"] > 0]  # 0: starting, the libraries loading
        return sum(t["seconds"] for t in steps if (t["percent"] >= FILE_STEP_PERCENT) == file)

    @property
    def is_finished(self) -> bool:
        return self.state in (RunState.READY, RunState.FAILED)

    @property
    def period_label(self) -> str:
        if self.kind == ReportKind.ANNUAL:
            return str(self.period_start.year)
        if self.kind == ReportKind.MONTHLY:
            return f"{self.period_start:%Y-%m}"
        return f"{self.period_start:%Y-%m-%d}–{self.period_end:%Y-%m-%d}"

    @property
    def download_name(self) -> str:
        stems = {
            ReportKind.ANNUAL: "arsrapport",
            ReportKind.MONTHLY: "manadsstatistik",
            ReportKind.REGISTER_EXTRACT: "registerutdrag",
        }
        stem = stems.get(self.kind, "rapport")
        return f"{stem}-{self.period_label.replace('–', '_')}.{self.file_format}"


class ReportDownload(models.Model):
    """Who downloaded which report file, when and from where: append-only like the access log."""

    run = models.ForeignKey(ReportRun, on_delete=models.PROTECT, related_name="downloads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("tidpunkt"), default=timezone.now)
    ip_address = models.GenericIPAddressField(_("adress"), null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("nedladdning av rapport")
        verbose_name_plural = _("nedladdningar av rapporter")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.run_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Report downloads are append-only.")
        super().save(*args, **kwargs)


class Delivery(models.TextChoices):
    IN_PERSON = "in_person", _("Lämnas över personligen")
    GIVEN_ADDRESS = "given_address", _("Skickas till en adress som personen har uppgett")
    REGISTERED_ADDRESS = "registered_address", _("Skickas till personens folkbokföringsadress")


class RegisterExtract(models.Model):
    """A person's register extract (registerutdrag, GDPR article 15): everything held about one person across the
    apps, as a PDF made in the background by a report run (`run`, kind `REGISTER_EXTRACT`: the runner's claims,
    retries and file writing), then read and marked checked by a caseworker, then released.

    Released how it was asked for: handed over in person, or sent to an address the person gave when asking
    (`delivery_address`), or to the registered address, which is refused for a protected person (the register holds
    an address she must not be reached at, or one others can read). Every look at the extract is in the access log.
    """

    person = models.ForeignKey("cases.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("person"))
    run = models.OneToOneField(ReportRun, on_delete=models.PROTECT, related_name="register_extract")
    state = models.CharField(
        _("granskning"), max_length=20, choices=ExtractState.choices, default=ExtractState.AWAITING_CHECK
    )
    requested_at = models.DateTimeField(_("begärt"), default=timezone.now)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("beställt av")
    )
    delivery = models.CharField(_("utlämning"), max_length=20, choices=Delivery.choices)
    # Where the person asked for it to be sent: her words, shown only on the extract's page (never in the PDF).
    delivery_address = models.TextField(_("adress som personen uppgett"), blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    checked_at = models.DateTimeField(_("kontrollerat"), null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    released_at = models.DateTimeField(_("utlämnat"), null=True, blank=True)
    # How many times a caseworker had its failed run made again (`register_extract_retry`); the history says who.
    retries = models.PositiveSmallIntegerField(_("omförsök"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("registerutdrag")
        verbose_name_plural = _("registerutdrag")
        constraints = [
            models.CheckConstraint(
                condition=~Q(delivery=Delivery.GIVEN_ADDRESS) | ~Q(delivery_address=""),
                name="register_extract_given_address_is_written",
            ),
            models.CheckConstraint(
                condition=Q(state=ExtractState.AWAITING_CHECK) | Q(checked_at__isnull=False),
                name="register_extract_released_only_when_checked",
            ),
        ]

    def __str__(self):
        return f"Registerutdrag {self.pk}"

    @property
    def log_label(self) -> str:
        """What the access log says was looked at when its PDF is opened."""
        return f"Registerutdrag {self.pk}"

    @property
    def status_label(self) -> str:
        """The making and the review as one status: being made, failed, waiting for its check, checked, released."""
        if self.run.state != RunState.READY:
            return _("Skapas") if self.run.state in (RunState.QUEUED, RunState.RUNNING) else _("Misslyckades")
        return self.get_state_display()
