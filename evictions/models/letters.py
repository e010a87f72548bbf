"""Letters to the household (brev), from templates an administrator keeps, and the receipt confirmation.

The rules in `evictions.letters` propose a letter and say which rule applied; the caseworker confirms it or
chooses another with a reason. A visit or home-visit letter carries a booked time, which is also a deadline on
the file. What was sent is kept as it was sent (`body` and the address lines), so the PDF can be produced again
exactly: a letter is a record of what the household was told, where. It is tied to the persons it names
(`recipients`), and its copy of them is shown only to those who see them all (`evictions.selectors`). A letter never
carries a protected address: for a protected tenant the caseworker gives the address.
"""

import string

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from simple_history.models import HistoricalRecords

# The placeholders a template may use, filled in by `evictions.letters.letter_fields`.
PLACEHOLDERS = {
    "mottagare": _("hyresgästernas namn"),
    "ärendenummer": _("ärendets nummer"),
    "datum": _("dagens datum"),
    "besökstid": _("den bokade tiden, till exempel tisdag 3 mars 2026 kl. 10.00"),
    "besöksplats": _("var besöket sker"),
    "hyresvärd": _("hyresvärdens namn"),
    "handläggare": _("handläggarens namn"),
    "telefon": _("handläggarens telefon, enhetens om handläggaren saknar telefon"),
    "e_post": _("handläggarens e-postadress"),
    "kontaktuppgifter": _("telefon och e-post på en rad, utan tomma delar"),
    "kommun": _("kommunens namn"),
    "skuld": _("hyresskulden enligt underrättelsen, till exempel 13 350,50 kr"),
    "att_betala": _("beloppet att betala för att få bo kvar enligt hyresvärden, i kronor och öre"),
    "sista_dag": _("sista dag att betala (hyresvärdens, annars återvinningsfristens sista dag)"),
    "om_skulden": _("ett stycke om beloppet eller skulden och sista dag att betala, eller den allmänna regeln"),
}


def placeholders_in(text: str) -> set[str]:
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:
        raise ValidationError(
            _("Mallen har en ensam { eller }. Skriv {{ eller }} för att få tecknet i texten.")
        ) from None


class LetterKind(models.TextChoices):
    VISIT = "visit", _("Besöksbrev med bokad tid")
    HOME_VISIT = "home_visit", _("Hembesöksbrev med bokad tid")
    CONTACT = "contact", _("Kontaktbrev")

    @property
    def needs_booked_time(self) -> bool:
        return self in (LetterKind.VISIT, LetterKind.HOME_VISIT)


class LetterTemplate(models.Model):
    """The text of one kind of letter, kept by the administrator; placeholders in braces, e.g. {besökstid}."""

    kind = models.CharField(_("brevtyp"), max_length=20, choices=LetterKind.choices, unique=True)
    subject = models.CharField(_("rubrik"), max_length=200)
    body = models.TextField(
        _("brevtext"),
        help_text=_("Tomma rader skiljer stycken. Fält inom klammer: %(names)s.")
        % {"names": ", ".join(f"{{{name}}}" for name in PLACEHOLDERS)},
    )
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind"]
        verbose_name = _("brevmall")
        verbose_name_plural = _("brevmallar")

    def __str__(self):
        return self.get_kind_display()

    def clean(self):
        unknown = (placeholders_in(self.subject) | placeholders_in(self.body)) - set(PLACEHOLDERS)
        if unknown:
            raise ValidationError(
                _("Okända fält: %(unknown)s. Tillåtna fält: %(allowed)s.")
                % {
                    "unknown": ", ".join(sorted(f"{{{n}}}" for n in unknown)),
                    "allowed": ", ".join(f"{{{n}}}" for n in PLACEHOLDERS),
                }
            )
        if LetterKind(self.kind).needs_booked_time and "besökstid" not in placeholders_in(self.body):
            raise ValidationError({"body": _("Ett besöksbrev måste ha med den bokade tiden: skriv {besökstid}.")})


class Letter(models.Model):
    class VisitOutcome(models.TextChoices):
        ATTENDED = "attended", _("Besöket genomfördes")
        MISSED = "missed", _("Uteblev från besöket")
        NOBODY_HOME = "nobody_home", _("Ingen hemma, lapp lämnad")

    file = models.ForeignKey("evictions.EvictionFile", on_delete=models.PROTECT, related_name="letters")
    kind = models.CharField(_("brevtyp"), max_length=20, choices=LetterKind.choices)
    proposed_kind = models.CharField(_("föreslagen brevtyp"), max_length=20, choices=LetterKind.choices)
    proposal_rule = models.CharField(_("regel för förslaget"), max_length=200)
    override_reason = models.CharField(_("skäl att välja annat brev"), max_length=300, blank=True)
    booked_at = models.DateTimeField(_("bokad tid"), null=True, blank=True)
    visit_place = models.CharField(_("plats för besöket"), max_length=200, blank=True)
    recipient = models.CharField(_("mottagare"), max_length=300)
    # The persons the letter names: its copy of their names and address is shown only to those who see them all.
    recipients = models.ManyToManyField("cases.Person", related_name="+", verbose_name=_("mottagarna"))
    address_lines = models.TextField(_("adress"))
    address_chosen_by_caseworker = models.BooleanField(_("adress vald av handläggaren"), default=False)
    subject = models.CharField(_("rubrik"), max_length=200)
    body = models.TextField(_("brevtext"))
    visit_outcome = models.CharField(_("utfall"), max_length=20, choices=VisitOutcome.choices, blank=True)
    visit_outcome_note = models.CharField(_("anteckning om utfallet"), max_length=300, blank=True)
    # A contact letter's reminder to follow it up (`evictions.letters.FOLLOW_UP_WORKING_DAYS`), on the due list; met
    # when a contact with the household is logged (`evictions.services.contact_log`).
    follow_up_deadline = models.OneToOneField(
        "cases.Deadline",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uppföljning"),
    )
    # Now, unless the letter was written on an earlier day (`evictions.services.letter_create`'s `written_on`).
    created_at = models.DateTimeField(_("skapat"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("brev")
        verbose_name_plural = _("brev")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="contact") | models.Q(booked_at__isnull=False), name="visit_letter_has_a_time"
            ),
            models.CheckConstraint(
                condition=models.Q(kind=models.F("proposed_kind")) | ~models.Q(override_reason=""),
                name="letter_override_has_a_reason",
            ),
        ]

    def __str__(self):
        return f"Brev {self.pk}"
