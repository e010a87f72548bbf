"""The eviction-prevention file (one per household) and the notices (underrättelser) it is made of.

A landlord who terminates a tenancy for rent debt, or warns a tenant for disturbances, must notify the social
committee (12 kap. 44 § and 25 § jordabalken); housing cooperatives likewise; Kronofogden notifies before every
eviction (avhysning). A notice for a household the team had contact with in the last two years joins that
household's file; repeated notices flag the file for the team lead (JO 1683-2017). The file is a `Case` of kind
eviction: journal, documents, deadlines, timeline and access come from the case core.
"""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from simple_history.models import HistoricalRecords

from evictions.workflow import FileStatus


class LandlordAnswer(models.TextChoices):
    MAY_STAY = "may_stay", _("Får bo kvar")
    MAY_STAY_WITH_PLAN = "with_plan", _("Får bo kvar med avbetalningsplan")
    WILL_NOT = "will_not", _("Får inte bo kvar")


class Investigation(models.TextChoices):
    OPENED = "opened", _("Utredning inleds")
    NOT_OPENED = "not_opened", _("Ingen utredning")


class EvictionFile(models.Model):
    case = models.OneToOneField("cases.Case", on_delete=models.PROTECT, related_name="eviction_file")
    status = models.CharField(_("status"), max_length=20, choices=FileStatus.choices, default=FileStatus.OPEN)
    district = models.ForeignKey(
        "cases.District", on_delete=models.PROTECT, null=True, related_name="files", verbose_name=_("distrikt")
    )
    has_children = models.BooleanField(_("barn i hushållet"), default=False)
    escalated = models.BooleanField(_("flaggad för teamledaren"), default=False)
    escalated_on = models.DateField(_("flaggad"), null=True, blank=True)
    escalation_reason = models.CharField(_("skäl till flaggning"), max_length=200, blank=True)
    landlord_answer = models.CharField(
        _("hyresvärdens besked"), max_length=20, choices=LandlordAnswer.choices, blank=True
    )
    landlord_answer_on = models.DateField(_("besked lämnat"), null=True, blank=True)
    investigation = models.CharField(_("beslut om utredning"), max_length=20, choices=Investigation.choices, blank=True)
    investigation_on = models.DateField(_("beslutat"), null=True, blank=True)
    investigation_reason = models.CharField(_("motivering"), max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("vräkningsförebyggande ärende")
        verbose_name_plural = _("vräkningsförebyggande ärenden")
        indexes = [models.Index(fields=["status", "escalated"])]

    def __str__(self):
        return f"Vräkningsärende {self.case_id}"


# What makes two notices the same notice, whatever channel brought them: the same tenant (the first one named, a
# person by identity number), kind, service date (the day a termination was served, else the day the notice came in)
# and landlord. The database refuses a second one (`notice_registered_once`); `evictions.registration` finds it first.
SERVICE_DATE = Coalesce("served_on", "received_on")
SAME_NOTICE = (models.F("first_tenant"), models.F("kind"), SERVICE_DATE, models.F("landlord"))


class NoticeQuerySet(models.QuerySet):
    """Which notices are the team's: the one definition every count of notices uses (statistics, the committee
    report, the monthly statistics and their exports, the managers' dashboard)."""

    def handled_here(self) -> "NoticeQuerySet":
        """Notices the team handles: filed in one of its files. A notice routed to another district or municipality
        (`evictions.routing`) is not the team's, though the team received and forwarded it."""
        return self.filter(routing=Notice.Routing.FILED)

    def routed_elsewhere(self) -> "NoticeQuerySet":
        """Notices forwarded to another district or municipality: reported on a line of their own."""
        return self.exclude(routing=Notice.Routing.FILED)


class Notice(models.Model):
    """One notice (underrättelse) as it came in, exactly: a wrong amount can make a termination void."""

    class Channel(models.TextChoices):
        POST = "post", _("Post")
        EMAIL = "email", _("E-post")
        PHONE = "phone", _("Telefon")
        OTHER_UNIT = "other_unit", _("Från annan enhet")
        VISIT = "visit", _("Besök")

    class Sender(models.TextChoices):
        LANDLORD = "landlord", _("Hyresvärd")
        DEBT_COLLECTOR = "debt_collector", _("Inkassobolag (ombud)")
        LAWYER = "lawyer", _("Advokat (ombud)")
        KRONOFOGDEN = "kronofogden", _("Kronofogden")
        COOPERATIVE = "cooperative", _("Bostadsrättsförening")
        CARE = "care", _("Omsorgen")
        HEALTH = "health", _("Hälso- och sjukvården")
        POLICE = "police", _("Polisen")
        PERSON = "person", _("Personen själv")
        RELATIVE = "relative", _("Anhörig")

    class Kind(models.TextChoices):
        TERMINATION = "termination", _("Uppsägning")
        WARNING = "warning", _("Varning (rättelseanmaning)")
        EVICTION = "eviction", _("Avhysning (från Kronofogden)")
        EXTENSION_DISPUTE = "extension_dispute", _("Tvist om förlängning av hyresavtal")

    class Reason(models.TextChoices):
        RENT_DEBT = "rent_debt", _("Hyresskuld")
        NEGLECT = "neglect", _("Vanvård eller sanitära skäl")
        SUBLETTING = "subletting", _("Olovlig andrahandsuthyrning")
        DISTURBANCE = "disturbance", _("Störningar")
        LATE_PAYMENT = "late_payment", _("Upprepade sena betalningar")

    class ServiceMethod(models.TextChoices):
        """How the termination was served on the tenant (delgivning, 12 kap. 8 § jordabalken)."""

        IN_PERSON = "in_person", _("Personligen")
        REGISTERED_POST = "registered_post", _("Rekommenderat brev")
        SPECIAL = "special", _("Särskild delgivning (genom Kronofogden)")
        OTHER = "other", _("På annat sätt")

    class Routing(models.TextChoices):
        FILED = "filed", _("Registrerad i teamets ärende")
        DISTRICT = "district", _("Vidarebefordrad till annat distrikt")
        MUNICIPALITY = "municipality", _("Vidarebefordrad till annan kommun")

    file = models.ForeignKey(EvictionFile, on_delete=models.PROTECT, null=True, related_name="notices")
    unit = models.ForeignKey("kompotten.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("enhet"))
    received_on = models.DateField(_("mottagen"))
    channel = models.CharField(_("kom in via"), max_length=20, choices=Channel.choices)
    sender_kind = models.CharField(_("avsändare"), max_length=20, choices=Sender.choices)
    sender_name = models.CharField(_("avsändarens namn"), max_length=200, blank=True)
    sender_reference = models.CharField(
        _("avsändarens referens"), max_length=100, blank=True, help_text=_("Till exempel Kronofogdens målnummer.")
    )
    receipt_requested = models.BooleanField(_("avsändaren vill ha mottagningsbekräftelse"), default=False)
    receipt_sent_on = models.DateField(_("mottagningsbekräftelse skickad"), null=True, blank=True)
    receipt_sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    receipt_sent_to = models.CharField(_("bekräftelsen skickad till"), max_length=200, blank=True)
    kind = models.CharField(_("typ av underrättelse"), max_length=20, choices=Kind.choices)
    reasons = ArrayField(
        models.CharField(max_length=20, choices=Reason.choices), verbose_name=_("skäl"), default=list, blank=True
    )
    rent_debt_capital = models.DecimalField(
        _("hyresskuld, kapital (kr)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    rent_debt_costs = models.DecimalField(
        _("hyresskuld, kostnader och ränta (kr)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    served_on = models.DateField(_("uppsägningen delgiven"), null=True, blank=True)
    eviction_date = models.DateField(_("datum för avhysning"), null=True, blank=True)
    # Formulär 3 (förordning 1978:314), the landlord's message under 12 kap. 44 § jordabalken, field by field and
    # exactly as the landlord wrote it; empty on notices registered before they were asked for.
    service_method = models.CharField(_("delgivningssätt"), max_length=20, choices=ServiceMethod.choices, blank=True)
    amount_to_pay = models.DecimalField(
        _("belopp att betala för att få bo kvar (kr)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Återvinningsbeloppet, exakt som hyresvärden skrivit det, i kronor och öre."),
    )
    last_day_to_pay = models.DateField(_("sista dag att betala enligt hyresvärden"), null=True, blank=True)
    monthly_rent = models.DecimalField(_("månadshyra (kr)"), max_digits=10, decimal_places=2, null=True, blank=True)
    rooms = models.PositiveSmallIntegerField(_("antal rum"), null=True, blank=True)
    floor_area = models.DecimalField(_("boarea (m²)"), max_digits=6, decimal_places=1, null=True, blank=True)
    street_address = models.CharField(_("gatuadress"), max_length=200)
    postal_code = models.CharField(_("postnummer"), max_length=5)
    locality = models.CharField(_("postort"), max_length=100, blank=True)
    apartment_number = models.CharField(_("lägenhetsnummer"), max_length=20, blank=True)
    landlord = models.ForeignKey(
        "cases.Landlord", on_delete=models.PROTECT, related_name="notices", verbose_name=_("hyresvärd")
    )
    district = models.ForeignKey(
        "cases.District", on_delete=models.PROTECT, null=True, related_name="notices", verbose_name=_("distrikt")
    )
    routing = models.CharField(_("hantering"), max_length=20, choices=Routing.choices, default=Routing.FILED)
    routed_to_municipality = models.ForeignKey(
        "kompotten.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vidarebefordrad till kommun"),
    )
    routed_at = models.DateTimeField(_("vidarebefordrad"), null=True, blank=True)
    routed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recovery_deadline = models.OneToOneField(
        "cases.Deadline",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("återvinningsfrist"),
    )
    eviction_deadline = models.OneToOneField(
        "cases.Deadline",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("avhysningsdatum"),
    )
    # Who the notice is about, for telling one notice from another: the first tenant it names (`SAME_NOTICE`).
    first_tenant = models.ForeignKey(
        "cases.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("första hyresgästen")
    )
    import_key = models.CharField(_("importnyckel"), max_length=40, blank=True, editable=False)
    registered_at = models.DateTimeField(_("registrerad"), auto_now_add=True)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    objects = NoticeQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("underrättelse")
        verbose_name_plural = _("underrättelser")
        indexes = [models.Index(fields=["routing", "received_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(routing="filed", file__isnull=False)
                | (~models.Q(routing="filed") & models.Q(file__isnull=True, routed_at__isnull=False)),
                name="notice_filed_or_routed",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="eviction") | models.Q(eviction_date__isnull=False),
                name="notice_eviction_has_date",
            ),
            models.UniqueConstraint(
                fields=["import_key"], condition=~models.Q(import_key=""), name="notice_unique_import_key"
            ),
            # Each notice once, whatever channel brought it (the form, a CSV import): see `SAME_NOTICE`.
            models.UniqueConstraint(*SAME_NOTICE, name="notice_registered_once"),
        ]

    # Set by registration on the notice it returns when that notice was registered before and this registration
    # (by any channel) changed nothing.
    already_registered = False

    def __str__(self):
        return f"Underrättelse {self.pk}"

    @property
    def rent_debt_total(self):
        if self.rent_debt_capital is None and self.rent_debt_costs is None:
            return None
        return (self.rent_debt_capital or 0) + (self.rent_debt_costs or 0)

    @property
    def service_date(self):
        """The date that, with tenant, kind and landlord, tells this notice from another (`SERVICE_DATE`)."""
        return self.served_on or self.received_on

    def reason_labels(self) -> list[str]:
        return [str(self.Reason(reason).label) for reason in self.reasons]


class NoticeTenant(models.Model):
    """A tenant named on the notice: always a registered `Person`, looked up by identity number (registered when new)
    the moment the notice is registered, filed or routed, so the person's protection applies to the notice from the
    first moment. The name is kept as the notice wrote it (the notice as received); it is shown only through the
    access policy, masked exactly as the person is (`evictions.selectors`). The identity number is the person's."""

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="tenants")
    person = models.ForeignKey("cases.Person", on_delete=models.PROTECT, related_name="+")
    given_name = models.CharField(_("förnamn enligt underrättelsen"), max_length=150)
    family_name = models.CharField(_("efternamn enligt underrättelsen"), max_length=150)
    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]
        verbose_name = _("hyresgäst på underrättelsen")
        verbose_name_plural = _("hyresgäster på underrättelsen")

    def __str__(self):
        return f"Hyresgäst {self.pk}"
