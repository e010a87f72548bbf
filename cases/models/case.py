"""The case (ärende): what every capability's record extends.

A relocation request, a housing application and an eviction file are each one kind of case; their own details
live in their own app, pointing here. The core holds what they share: the number caseworkers write
("2026-00042"), the owning unit, the handlers, the persons and their roles, the partner municipalities and what
is shared with them, and the timeline of events.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from simple_history.models import HistoricalRecords

from cases.events import CaseAction, action_choices


class CaseNumberSequence(models.Model):
    """The last sequence number used in a year; locked while the next one is taken."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("ärendenummerserie")

    def __str__(self):
        return f"{self.year}: {self.last}"


class Case(models.Model):
    class Kind(models.TextChoices):
        RELOCATION = "relocation", _("Förflyttningsärende")
        HOUSING = "housing", _("Bostadssocialt ärende")
        EVICTION = "eviction", _("Vräkningsförebyggande ärende")
        SUPPORT = "support", _("Stödärende")  # Nexus's own case for a client (housing.services.support_case_open)

    year = models.PositiveSmallIntegerField(_("år"), editable=False)
    sequence = models.PositiveIntegerField(_("löpnummer"), editable=False)
    kind = models.CharField(_("ärendetyp"), max_length=20, choices=Kind.choices)
    unit = models.ForeignKey("kompotten.Unit", on_delete=models.PROTECT, related_name="cases", verbose_name=_("enhet"))
    opened_on = models.DateField(_("öppnat"), default=timezone.localdate)
    closed_on = models.DateField(_("avslutat"), null=True, blank=True)
    created_at = models.DateTimeField(_("skapat"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("skapat av")
    )
    handlers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="CaseAssignment",
        through_fields=("case", "user"),
        related_name="assigned_cases",
        verbose_name=_("handläggare"),
    )
    persons = models.ManyToManyField("cases.Person", through="CaseParty", related_name="cases")
    # Gallrad: the personal data, journal and documents are gone; the dates, kind and outcomes stay for the reports.
    culled_at = models.DateTimeField(_("gallrat"), null=True, blank=True, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "-sequence"]
        verbose_name = _("ärende")
        verbose_name_plural = _("ärenden")
        constraints = [models.UniqueConstraint(fields=["year", "sequence"], name="case_unique_number")]
        indexes = [models.Index(fields=["unit", "closed_on"]), models.Index(fields=["kind", "closed_on"])]

    def __str__(self):
        return self.number

    @property
    def number(self) -> str:
        return f"{self.year}-{self.sequence:05d}"

    @property
    def is_open(self) -> bool:
        return self.closed_on is None


class CaseAssignment(models.Model):
    """A handler assigned to a case. Assigning grants object access; unassigning revokes it (cases.access)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assignments")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="case_assignments",
        verbose_name=_("handläggare"),
    )
    assigned_at = models.DateTimeField(auto_now_add=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("tilldelad av")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tilldelning")
        verbose_name_plural = _("tilldelningar")
        constraints = [models.UniqueConstraint(fields=["case", "user"], name="case_assignment_unique")]

    def __str__(self):
        return f"{self.case} – {self.user}"


class CaseParty(models.Model):
    """A person's part in a case."""

    class Role(models.TextChoices):
        APPLICANT = "applicant", _("Sökande")
        CO_APPLICANT = "co_applicant", _("Medsökande")
        CHILD = "child", _("Barn")
        CO_TENANT = "co_tenant", _("Medhyresgäst")
        TENANT = "tenant", _("Hyresgäst")
        OTHER = "other", _("Övrig")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="parties")
    person = models.ForeignKey("cases.Person", on_delete=models.PROTECT, related_name="parties")
    role = models.CharField(_("roll i ärendet"), max_length=20, choices=Role.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("person i ärendet")
        verbose_name_plural = _("personer i ärendet")
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["case", "person"], name="case_party_unique")]

    def __str__(self):
        return f"{self.case} – {self.get_role_display()}"


class CasePartner(models.Model):
    """A partner municipality taking part in a case, and what is shared with it."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="partners")
    municipality = models.ForeignKey(
        "kompotten.Municipality", on_delete=models.PROTECT, related_name="partner_cases", verbose_name=_("kommun")
    )
    identity_shared = models.BooleanField(
        _("identiteten delas"),
        default=False,
        help_text=_("Kontaktpersonen får se namn och personnummer (aldrig för skyddade personer utan behörighet)."),
    )
    added_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("samverkanskommun i ärendet")
        verbose_name_plural = _("samverkanskommuner i ärendet")
        constraints = [models.UniqueConstraint(fields=["case", "municipality"], name="case_partner_unique")]

    def __str__(self):
        return f"{self.case} – {self.municipality}"


class CaseEvent(models.Model):
    """One line of a case's timeline: what happened, by whom. Details never carry personal data."""

    Action = CaseAction  # the core's steps; housing and evictions register theirs (cases/events.py)

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    action = models.CharField(max_length=40, choices=action_choices)
    detail = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.case} {self.get_action_display()}"


class CaseUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Case, on_delete=models.CASCADE)


class CaseGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Case, on_delete=models.CASCADE)
