"""Deadlines (tidsfrister) of a case, on the calendar of lag (1930:173) in `cases.calendar`.

A deadline can be paused with a reason (the clock stops; on resumption the days left are kept) and extended
with a reason; every such change is a `DeadlineChange` row. Whoever sets a deadline may cap its extensions
(`max_extensions`: the relocation workflow allows one); empty means no cap (a social contract's trial may be
extended step by step up to its own limit).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from simple_history.models import HistoricalRecords


class Deadline(models.Model):
    class Status(models.TextChoices):
        RUNNING = "running", _("Löper")
        PAUSED = "paused", _("Pausad")
        MET = "met", _("Klar")

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="deadlines")
    label = models.CharField(_("vad fristen gäller"), max_length=200)
    starts_on = models.DateField(_("räknas från"))
    due_on = models.DateField(_("sista dag"))
    original_due_on = models.DateField(_("ursprunglig sista dag"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.RUNNING)
    paused_on = models.DateField(_("pausad sedan"), null=True, blank=True)
    met_on = models.DateField(_("klar"), null=True, blank=True)
    max_extensions = models.PositiveSmallIntegerField(
        _("högst antal förlängningar"), null=True, blank=True, help_text=_("Tomt: ingen gräns.")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("tidsfrist")
        verbose_name_plural = _("tidsfrister")
        indexes = [
            models.Index(fields=["status", "due_on"]),
            # The running deadlines are a few percent of all: one partial index answers "the next deadline of this
            # case" (every list's next-deadline column) and one "due by this date" (the due lists).
            models.Index(fields=["case", "due_on"], condition=Q(status="running"), name="deadline_running_by_case"),
            models.Index(fields=["due_on", "case"], condition=Q(status="running"), name="deadline_running_by_due"),
        ]

    def __str__(self):
        return f"{self.label} ({self.due_on})"


class DeadlineChange(models.Model):
    class Action(models.TextChoices):
        PAUSED = "paused", _("Pausad")
        RESUMED = "resumed", _("Återupptagen")
        EXTENDED = "extended", _("Förlängd")
        MET = "met", _("Klar")

    deadline = models.ForeignKey(Deadline, on_delete=models.CASCADE, related_name="changes")
    action = models.CharField(max_length=20, choices=Action.choices)
    reason = models.TextField(_("skäl"))
    due_on_before = models.DateField()
    due_on_after = models.DateField()
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["changed_at", "id"]

    def __str__(self):
        return f"{self.deadline} {self.get_action_display()}"
