"""Grants given (beviljade behörigheter): access is given, never taken.

A grant opens a case, and so the protected identities in it, to a user: assignment as handler (the grant to the people
on the case), an explicit grant on a person, or emergency access (nödåtkomst). Every grant given and every grant
revoked is one `GrantEvent`, written by the service that gives it (`cases.access` is the one place that writes grants,
and it writes the event beside them): who gave it, to whom, on which case or person, why and when. The managers'
review lists them (`cases.log_review.grant_events`). Like the access log, the rows are never changed.

A protected person who joins a case that already has a handler is not opened to her by that: her access to the person
waits (`PendingPartyAccess`) until the team lead confirms it with a reason.

A user who needs a case without a grant asks for it (`AccessRequest`, "Begär åtkomst"); the unit's team lead sees the
open requests and assigns, or not.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from simple_history.models import HistoricalRecords


class GrantEvent(models.Model):
    class Kind(models.TextChoices):
        ASSIGNED = "assigned", _("Tilldelad som handläggare")
        UNASSIGNED = "unassigned", _("Borttagen som handläggare")
        PERSON_GRANTED = "person_granted", _("Behörighet till personen")
        PERSON_REVOKED = "person_revoked", _("Behörighet till personen återkallad")
        REGISTERED = "registered", _("Registrerade den skyddade personen")
        EMERGENCY = "emergency", _("Nödåtkomst")
        CONFIRMED = "confirmed", _("Handläggarens åtkomst till ny person bekräftad")

    REVOKING = (Kind.UNASSIGNED, Kind.PERSON_REVOKED)

    at = models.DateTimeField(_("tidpunkt"), default=timezone.now, db_index=True)
    kind = models.CharField(_("behörighet"), max_length=20, choices=Kind.choices)
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("given av")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("till")
    )
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    person = models.ForeignKey("cases.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    protected = models.BooleanField(
        _("skyddad identitet"), default=False, help_text=_("Ärendet eller personen hade skyddade personuppgifter.")
    )
    reason = models.TextField(_("skäl"), blank=True)
    emergency_access = models.OneToOneField(
        "cases.EmergencyAccess", on_delete=models.PROTECT, null=True, blank=True, related_name="grant_event"
    )

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("beviljad behörighet")
        verbose_name_plural = _("beviljade behörigheter")
        indexes = [models.Index(fields=["at", "id"]), models.Index(fields=["user", "at"])]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_kind_display()}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Grant events are never changed.")
        super().save(*args, **kwargs)

    @property
    def is_revocation(self) -> bool:
        return self.kind in self.REVOKING


class AccessRequest(models.Model):
    """A caseworker asks the unit's team lead for a case she may not open the people of ("Begär åtkomst")."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="access_requests")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("begärd av")
    )
    reason = models.TextField(_("skäl"))
    requested_at = models.DateTimeField(_("begärd"), default=timezone.now)
    handled_at = models.DateTimeField(_("hanterad"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["requested_at", "id"]
        verbose_name = _("begäran om åtkomst")
        verbose_name_plural = _("begäranden om åtkomst")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "requested_by"],
                condition=models.Q(handled_at__isnull=True),
                name="access_request_one_open_per_user_and_case",
            )
        ]

    def __str__(self):
        return f"{self.case} – {self.requested_by}"


class PendingPartyAccess(models.Model):
    """A handler's access to one person of her case, waiting for the team lead: the person is protected and joined the
    case after she was assigned (a new eviction notice naming them joins the household's file). Her assignment shows
    her everyone else on the case and this person masked until the unit's team lead or a manager confirms her access
    with a reason (`cases.services.case_assign_handler`), which is a grant like any other (`GrantEvent`)."""

    party = models.ForeignKey("cases.CaseParty", on_delete=models.CASCADE, related_name="pending_access")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    since = models.DateTimeField(_("sedan"), default=timezone.now)

    class Meta:
        ordering = ["since", "id"]
        verbose_name = _("åtkomst som väntar på bekräftelse")
        verbose_name_plural = _("åtkomster som väntar på bekräftelse")
        constraints = [models.UniqueConstraint(fields=["party", "user"], name="pending_party_access_unique")]

    def __str__(self):
        return f"Väntande åtkomst {self.pk}"
