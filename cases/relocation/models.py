"""Relocation between municipalities (förflyttning) in Kompotten, Länskompotten and any other network.

A network (nätverk) is data, not code: the national Kompotten network, a county's Länskompotten agreement, or a
new regional one (Södertörnsnätverket) is added by an administrator. Members join and leave on dates; each member
names contact persons (kontaktpersoner) and a responsible manager (ansvarig chef), with dates.

A telephone inquiry (information via telefon) is a contact that never became formal: counted, with no personal data.
A formal request (formell förfrågan) is a `Case` of kind relocation with a `RelocationRequest` beside it: incoming
(a partner asks us) or outgoing (we ask a partner). Its states and who may move them are in
`cases.relocation.workflow`; every move is a `RelocationTransition`. The person's consent (samtycke) to the request
and to what may be shared with the partner is a `RelocationConsent` record, revocable.

These models began in the case core: each keeps its table there (`db_table`, and the history's `table_name`), so
moving them into this app moved no row (migration `relocation.0001`).
"""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from simple_history.models import HistoricalRecords

from cases.models.person import ProtectionLevel
from cases.relocation.workflow import State


class Network(models.Model):
    class Kind(models.TextChoices):
        NATIONAL = "national", _("Nationellt nätverk")
        COUNTY = "county", _("Länsöverenskommelse")
        REGIONAL = "regional", _("Regionalt nätverk")

    name = models.CharField(_("namn"), max_length=150, unique=True)
    kind = models.CharField(_("typ"), max_length=20, choices=Kind.choices)
    county = models.ForeignKey(
        "kompotten.County", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("län")
    )
    coordinator = models.ForeignKey(
        "kompotten.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("samordnare"),
        help_text=_("Kommunen eller myndigheten som samordnar nätverket, om någon."),
    )
    description = models.TextField(_("beskrivning"), blank=True)
    answer_weeks = models.PositiveSmallIntegerField(
        _("veckor för svar på våra förfrågningar"),
        default=2,
        validators=[MinValueValidator(1)],
        help_text=_("Så många veckor har samverkanskommunen på sig att svara på en utgående förfrågan."),
    )
    history = HistoricalRecords(table_name="cases_historicalnetwork")

    class Meta:
        db_table = "cases_network"
        ordering = ["name"]
        verbose_name = _("nätverk")
        verbose_name_plural = _("nätverk")

    def __str__(self):
        return self.name


class NetworkMembership(models.Model):
    """A municipality's membership of a network, from one date and, once it has left, to another."""

    network = models.ForeignKey(Network, on_delete=models.PROTECT, related_name="memberships")
    municipality = models.ForeignKey(
        "kompotten.Municipality", on_delete=models.PROTECT, related_name="network_memberships", verbose_name=_("kommun")
    )
    joined_on = models.DateField(_("medlem från"))
    left_on = models.DateField(_("medlem till"), null=True, blank=True)
    history = HistoricalRecords(table_name="cases_historicalnetworkmembership")

    class Meta:
        db_table = "cases_networkmembership"
        ordering = ["network__name", "municipality__short_name"]
        verbose_name = _("medlemskap")
        verbose_name_plural = _("medlemskap")
        constraints = [
            models.UniqueConstraint(fields=["network", "municipality", "joined_on"], name="membership_unique_start"),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=models.F("joined_on")), name="membership_dates"
            ),
        ]

    def __str__(self):
        return f"{self.municipality} i {self.network}"

    def is_active_on(self, day) -> bool:
        return self.joined_on <= day and (self.left_on is None or self.left_on >= day)


class MemberContact(models.Model):
    """A member municipality's designated contact person or responsible manager, with dates."""

    class Role(models.TextChoices):
        CONTACT_PERSON = "contact_person", _("Kontaktperson")
        MANAGER = "manager", _("Ansvarig chef")

    membership = models.ForeignKey(NetworkMembership, on_delete=models.PROTECT, related_name="contacts")
    role = models.CharField(_("roll"), max_length=20, choices=Role.choices)
    name = models.CharField(_("namn"), max_length=150)
    unit = models.CharField(_("enhet"), max_length=150, blank=True)
    phone = models.CharField(_("telefon"), max_length=30, blank=True)
    email = models.EmailField(_("e-postadress"), blank=True)
    valid_from = models.DateField(_("från"))
    valid_to = models.DateField(_("till"), null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="network_contacts",
        verbose_name=_("användare i Kompotten"),
        help_text=_("Kontaktpersonens inloggning, om personen arbetar i Kompotten."),
    )
    history = HistoricalRecords(table_name="cases_historicalmembercontact")

    class Meta:
        db_table = "cases_membercontact"
        ordering = ["membership__municipality__short_name", "role", "name"]
        verbose_name = _("kontaktperson")
        verbose_name_plural = _("kontaktpersoner")

    def __str__(self):
        return f"{self.name} ({self.get_role_display()}, {self.membership.municipality})"


class Direction(models.TextChoices):
    INCOMING = "incoming", _("Till oss")
    OUTGOING = "outgoing", _("Från oss")


class TelephoneInquiry(models.Model):
    """Information via telefon: a contact that never became a formal request. Holds no personal data at all."""

    class Topic(models.TextChoices):
        HOUSING_SITUATION = "housing_situation", _("Bostadsläget")
        CRITERIA = "criteria", _("Kriterierna för en förfrågan")
        PROCESS = "process", _("Hur en förfrågan går till")
        OTHER = "other", _("Annat")

    class StopReason(models.TextChoices):
        NO_FLATS = "no_flats", _("Inga lägenheter att tillgå")
        OTHER_SOLUTION = "other_solution", _("Den andra kommunen fann en annan lösning")
        CRITERIA_NOT_MET = "criteria_not_met", _("Kriterierna var inte uppfyllda")
        BECAME_FORMAL = "became_formal", _("Blev en formell förfrågan")
        OTHER = "other", _("Annat skäl")

    occurred_on = models.DateField(_("datum"), default=timezone.localdate)
    direction = models.CharField(_("riktning"), max_length=10, choices=Direction.choices)
    network = models.ForeignKey(Network, on_delete=models.PROTECT, related_name="inquiries", verbose_name=_("nätverk"))
    municipality = models.ForeignKey(
        "kompotten.Municipality", on_delete=models.PROTECT, related_name="+", verbose_name=_("samverkanskommun")
    )
    topic = models.CharField(_("vad frågan gällde"), max_length=30, choices=Topic.choices)
    stop_reason = models.CharField(_("varför det stannade vid telefon"), max_length=30, choices=StopReason.choices)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(table_name="cases_historicaltelephoneinquiry")

    class Meta:
        db_table = "cases_telephoneinquiry"
        ordering = ["-occurred_on", "-id"]
        verbose_name = _("telefonförfrågan")
        verbose_name_plural = _("telefonförfrågningar")
        indexes = [models.Index(fields=["occurred_on", "direction"])]

    def __str__(self):
        return f"{self.occurred_on} {self.get_direction_display()} {self.municipality}"


class RiskAssessor(models.TextChoices):
    POLICE = "police", _("Polisen")
    SOCIAL_SERVICES = "social_services", _("Socialtjänsten")


class RelocationRequest(models.Model):
    """A formal request (formell förfrågan) between us and a partner municipality; its case is kind relocation."""

    case = models.OneToOneField("cases.Case", on_delete=models.PROTECT, related_name="relocation")
    direction = models.CharField(_("riktning"), max_length=10, choices=Direction.choices)
    state = models.CharField(_("status"), max_length=30, choices=State.choices)
    network = models.ForeignKey(Network, on_delete=models.PROTECT, related_name="requests", verbose_name=_("nätverk"))
    municipality = models.ForeignKey(
        "kompotten.Municipality", on_delete=models.PROTECT, related_name="+", verbose_name=_("samverkanskommun")
    )
    partner_contact = models.ForeignKey(
        MemberContact,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kontaktperson hos samverkanskommunen"),
    )
    received_on = models.DateField(_("mottagen"), null=True, blank=True)
    sent_on = models.DateField(_("skickad"), null=True, blank=True)
    # The four criteria of the networks, each with what shows it.
    serious_violence = models.TextField(
        _("Våldet är så allvarligt att personen inte kan bo kvar i hemkommunen"), blank=True
    )
    home_options_tried = models.TextField(_("Alla möjligheter till tryggt boende i hemkommunen är prövade"), blank=True)
    risk_assessed_by = models.CharField(
        _("riskbedömningen gjord av"), max_length=20, choices=RiskAssessor.choices, blank=True
    )
    risk_assessed_on = models.DateField(_("riskbedömningen gjord"), null=True, blank=True)
    cannot_arrange_housing = models.TextField(
        _("Personen kan inte själv ordna boende för sig och sina barn"), blank=True
    )
    # Housing needs.
    rooms_needed = models.PositiveSmallIntegerField(_("antal rum"), null=True, blank=True)
    accessibility_needs = models.CharField(_("tillgänglighet"), max_length=300, blank=True)
    avoid_areas = models.CharField(
        _("områden personen måste undvika"), max_length=300, blank=True, help_text=_("Stadsdelar eller orter.")
    )
    # The partner's words above stay as written; what they mean here is Nexus's mapping below (`avoid_areas_map`),
    # which the hand-over carries to the housing application as structured restrictions.
    avoid_districts = models.ManyToManyField(
        "cases.District", blank=True, related_name="+", verbose_name=_("stadsdelar personen måste undvika")
    )
    avoid_municipalities = models.ManyToManyField(
        "kompotten.Municipality", blank=True, related_name="+", verbose_name=_("kommuner personen måste undvika")
    )
    avoid_none_of_ours = models.BooleanField(
        _("inget av områdena är våra stadsdelar eller kända kommuner"),
        default=False,
        help_text=_("Nexus har bekräftat att de områden samverkanskommunen skrev inte finns bland våra."),
    )
    avoid_areas_mapped = models.CharField(
        _("områden som kartlades"),
        max_length=300,
        blank=True,
        help_text=_("Samverkanskommunens text som den löd när Nexus kartlade den."),
    )
    avoid_areas_mapped_on = models.DateField(_("områdena kartlagda"), null=True, blank=True)
    avoid_areas_mapped_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("områdena kartlagda av"),
    )
    handed_over_on = models.DateField(_("lämnad till bostadsenheten"), null=True, blank=True)
    housing_case = models.OneToOneField(
        "cases.Case",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="relocation_referral",
        verbose_name=_("bostadsansökan"),
        help_text=_("Ansökan om bostadssocialt kontrakt som överlämnandet öppnade hos bostadsenheten."),
    )
    client_case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="client_relocation_requests",
        verbose_name=_("stödärende"),
        help_text=_("Nexus stödärende för klienten som en utgående förfrågan gjordes från."),
    )
    answered_on = models.DateField(_("besvarad"), null=True, blank=True)
    housed_on = models.DateField(_("inflyttad"), null=True, blank=True)
    ended_on = models.DateField(_("avslutad"), null=True, blank=True)
    history = HistoricalRecords(table_name="cases_historicalrelocationrequest")

    class Meta:
        db_table = "cases_relocationrequest"
        verbose_name = _("förflyttningsförfrågan")
        verbose_name_plural = _("förflyttningsförfrågningar")
        indexes = [models.Index(fields=["direction", "state"]), models.Index(fields=["municipality", "state"])]

    def __str__(self):
        return str(self.case)

    @property
    def avoid_areas_unmapped(self) -> bool:
        """The partner typed areas to avoid that Nexus has not yet mapped to districts and municipalities (or
        confirmed as none of ours), or changed them since: the hand-over waits for the mapping."""
        typed = self.avoid_areas.strip()
        return bool(typed) and (self.avoid_areas_mapped_on is None or self.avoid_areas_mapped.strip() != typed)

    @property
    def criteria_recorded(self) -> bool:
        return all(
            [
                self.serious_violence.strip(),
                self.home_options_tried.strip(),
                self.risk_assessed_by and self.risk_assessed_on,
                self.cannot_arrange_housing.strip(),
            ]
        )


class RelocationTransition(models.Model):
    """One move of a request through its workflow: who, when, from where to where, and why."""

    request = models.ForeignKey(RelocationRequest, on_delete=models.CASCADE, related_name="transitions")
    from_state = models.CharField(max_length=30, blank=True, choices=State.choices)
    to_state = models.CharField(max_length=30, choices=State.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    reason = models.TextField(_("skäl"), blank=True)

    class Meta:
        db_table = "cases_relocationtransition"
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.request}: {self.from_state} → {self.to_state}"


class RelocationConsent(models.Model):
    """The person's consent (samtycke) to the request and to what may be shared with the partner; revocable."""

    request = models.ForeignKey(RelocationRequest, on_delete=models.CASCADE, related_name="consents")
    given_on = models.DateField(_("samtycke lämnat"))
    share_identity = models.BooleanField(_("identitet (namn och personnummer)"), default=False)
    share_household = models.BooleanField(_("hushållet (barn och medsökande)"), default=False)
    share_risk_assessment = models.BooleanField(_("riskbedömningen"), default=False)
    share_contact_details = models.BooleanField(_("kontaktuppgifter"), default=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    revoked_on = models.DateField(_("återkallat"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords(table_name="cases_historicalrelocationconsent")

    class Meta:
        db_table = "cases_relocationconsent"
        ordering = ["-given_on", "-id"]
        verbose_name = _("samtycke")
        verbose_name_plural = _("samtycken")
        constraints = [
            models.UniqueConstraint(
                fields=["request"], condition=Q(revoked_on__isnull=True), name="relocation_one_valid_consent"
            )
        ]

    def __str__(self):
        return f"{self.request} {self.given_on}"

    @property
    def is_valid(self) -> bool:
        return self.revoked_on is None


class RelocationMessage(models.Model):
    """A message between our contact person and the partner's on a request: both sides read the whole thread.
    Never changed or deleted once sent (what was said is part of the record)."""

    MAX_LENGTH = 5000

    request = models.ForeignKey(RelocationRequest, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("meddelande"), max_length=MAX_LENGTH)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "cases_relocationmessage"
        ordering = ["sent_at", "id"]
        verbose_name = _("meddelande")
        verbose_name_plural = _("meddelanden")

    def __str__(self):
        return f"{self.request} {self.sent_at:%Y-%m-%d %H:%M}"


class PartnerFiling(models.Model):
    """What a partner municipality stated about the person when it filed a request to us from its own side, in its
    own words, tied to the `Person` it names from the first moment (issue 18).

    Filing looks the identity number up in our register on the server and links the person we have, or registers
    one at the filed protection level; a person we know keeps the stricter of their level and the filed one. So the
    protection applies to our staff at once: they see the filing only as they may see the person
    (`AccessPolicy.filed_identity_visible`). The partner reads back exactly what it filed, whatever we know of the
    person, and nothing of our record: an identity number typed by a partner must not probe whom we know or
    protect. Nexus confirms the identity during its assessment
    (`cases.relocation.filing.filing_take_in_person`).
    """

    MAX_CHILDREN = 12

    request = models.OneToOneField(RelocationRequest, on_delete=models.CASCADE, related_name="filing")
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    filed_at = models.DateTimeField(default=timezone.now)
    person = models.ForeignKey(
        "cases.Person", on_delete=models.PROTECT, related_name="partner_filings", verbose_name=_("person")
    )
    given_name = models.CharField(_("förnamn"), max_length=150)
    family_name = models.CharField(_("efternamn"), max_length=150)
    identity_number = models.CharField(_("personnummer eller samordningsnummer"), max_length=13)
    protection_level = models.CharField(
        _("skyddsnivå"), max_length=30, choices=ProtectionLevel.choices, default=ProtectionLevel.NONE
    )
    adults = models.PositiveSmallIntegerField(_("vuxna i hushållet"), default=1)
    children_ages = models.JSONField(_("barnens åldrar"), default=list, blank=True)
    taken_in_on = models.DateField(_("identiteten bekräftad"), null=True, blank=True)
    history = HistoricalRecords(table_name="cases_historicalpartnerfiling")

    class Meta:
        db_table = "cases_partnerfiling"
        verbose_name = _("uppgifter från samverkanskommunen")
        verbose_name_plural = _("uppgifter från samverkanskommuner")
        constraints = [models.CheckConstraint(condition=Q(adults__gte=1), name="partner_filing_adults")]

    def __str__(self):
        # Never the name: __str__ reaches logs and admin breadcrumbs.
        return f"Uppgifter {self.pk}"

    @property
    def is_protected(self) -> bool:
        return self.protection_level != ProtectionLevel.NONE


class ProtectionAssessment(models.Model):
    """Nexus's independent assessment of the protection need (skyddsbedömning) of an incoming request, within two
    weeks of receipt: required before the request is handed over to the housing unit or rejected. Personal data
    stays on the `Person`; the reason is read by our staff only (never by the partner)."""

    class Result(models.TextChoices):
        CONFIRMED = "confirmed", _("Skyddsbehov bekräftat")
        NOT_CONFIRMED = "not_confirmed", _("Skyddsbehov inte bekräftat")

    class ThreatLevel(models.TextChoices):
        NO_CURRENT_THREAT = "no_current_threat", _("Ingen aktuell hotbild")
        THREATS = "threats", _("Hot")
        SERIOUS_THREATS = "serious_threats", _("Allvarliga hot")
        EXTREMELY_SERIOUS = "extremely_serious", _("Ytterst allvarlig hotbild")

    request = models.ForeignKey(RelocationRequest, on_delete=models.PROTECT, related_name="assessments")
    assessed_on = models.DateField(_("bedömningsdatum"))
    result = models.CharField(_("resultat"), max_length=20, choices=Result.choices)
    threat_level = models.CharField(_("hotbild"), max_length=20, choices=ThreatLevel.choices)
    reason = models.TextField(_("motivering"))
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("bedömd av")
    )
    history = HistoricalRecords(table_name="cases_historicalprotectionassessment")

    class Meta:
        ordering = ["-assessed_on", "-id"]
        verbose_name = _("skyddsbedömning")
        verbose_name_plural = _("skyddsbedömningar")
        indexes = [models.Index(fields=["assessed_on", "result"])]

    def __str__(self):
        return f"{self.request} {self.assessed_on}"

    @property
    def confirmed(self) -> bool:
        return self.result == self.Result.CONFIRMED
