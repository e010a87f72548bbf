"""Who is who: counties (län), municipalities (kommuner), the units of the host municipality, and the people who log in.

A user belongs either to a unit of the host municipality (Nexus, the housing unit, the eviction-prevention
team, management) or, as a partner contact person (kontaktperson), to another municipality. What a user may
do follows from their role, a Django group (see `kompotten.roles`).
"""

from django.contrib.auth.models import AbstractBaseUser, PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from simple_history.models import HistoricalRecords

from kompotten.capabilities import Capability
from kompotten.managers import UserManager
from kompotten.roles import Role


class County(models.Model):
    """A county (län), identified by its two-digit SCB code."""

    code = models.CharField(_("länskod"), max_length=2, unique=True)
    name = models.CharField(_("namn"), max_length=100)
    short_name = models.CharField(_("kortnamn"), max_length=100)

    class Meta:
        ordering = ["code"]
        verbose_name = _("län")
        verbose_name_plural = _("län")

    def __str__(self):
        return self.name


class Municipality(models.Model):
    """A municipality (kommun), identified by its four-digit SCB code."""

    code = models.CharField(_("kommunkod"), max_length=4, unique=True)
    name = models.CharField(_("namn"), max_length=100)
    short_name = models.CharField(_("kortnamn"), max_length=100)
    county = models.ForeignKey(County, on_delete=models.PROTECT, related_name="municipalities", verbose_name=_("län"))

    class Meta:
        ordering = ["short_name"]
        verbose_name = _("kommun")
        verbose_name_plural = _("kommuner")

    def __str__(self):
        return self.short_name


class Unit(models.Model):
    """A unit (enhet) of a municipality's social services."""

    class Kind(models.TextChoices):
        NEXUS = "nexus", _("Nexus (stöd vid våld i nära relationer)")
        HOUSING = "housing", _("Bostadsenheten")
        EVICTION_PREVENTION = "eviction_prevention", _("Vräkningsförebyggande teamet")
        MANAGEMENT = "management", _("Ledning")
        ADMINISTRATION = "administration", _("Systemförvaltning")

    name = models.CharField(_("namn"), max_length=150)
    kind = models.CharField(_("typ"), max_length=30, choices=Kind.choices)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="units", verbose_name=_("kommun")
    )
    # The unit's own contact details: what a letter gives when the caseworker has no phone of her own.
    phone = models.CharField(_("telefon"), max_length=30, blank=True)
    email = models.EmailField(_("e-postadress"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["municipality__short_name", "name"]
        verbose_name = _("enhet")
        verbose_name_plural = _("enheter")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="unit_unique_name_per_municipality")
        ]

    def __str__(self):
        return f"{self.name} ({self.municipality})"


class User(AbstractBaseUser, PermissionsMixin):
    """Someone who logs in, with their e-mail address.

    Users are deactivated, never deleted, so history keeps its authors.
    """

    email = models.EmailField(_("e-postadress"), unique=True)
    first_name = models.CharField(_("förnamn"), max_length=150)
    last_name = models.CharField(_("efternamn"), max_length=150)
    title = models.CharField(_("titel"), max_length=150, blank=True)
    phone = models.CharField(_("telefon"), max_length=30, blank=True)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="members", verbose_name=_("enhet")
    )
    partner_municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contact_persons",
        verbose_name=_("samverkanskommun"),
        help_text=_("Endast för kontaktpersoner i andra kommuner."),
    )
    is_active = models.BooleanField(_("aktiv"), default=True)
    is_staff = models.BooleanField(_("får använda administrationen"), default=False)
    date_joined = models.DateTimeField(_("skapad"), default=timezone.now)
    # Who the user is at the municipality's identity provider (kompotten.identity_provider): the ID token's issuer
    # and subject, stored at the first login through it and matched on afterwards, whatever the e-mail address.
    # Defaults in the database too: a row written by code that predates the columns (an older release still running
    # during a deploy, a data-migration test's historical model) gets them.
    provider_issuer = models.CharField(
        _("identitetsleverantör (iss)"), max_length=255, blank=True, default="", db_default=""
    )
    provider_subject = models.CharField(
        _("id hos identitetsleverantören (sub)"), max_length=255, blank=True, default="", db_default=""
    )
    provider_link_pending = models.BooleanField(
        _("kopplas vid nästa inloggning med kommunens konto"),
        default=False,
        db_default=False,
        help_text=_(
            "Kontot kopplas till det konto hos identitetsleverantören som nästa gång loggar in med kontots "
            "e-postadress. Kryssa bara i när du vet att adressen hos leverantören tillhör den här personen."
        ),
    )

    history = HistoricalRecords(excluded_fields=["password", "last_login"])
    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("användare")
        verbose_name_plural = _("användare")
        constraints = [
            models.UniqueConstraint(
                fields=["provider_issuer", "provider_subject"],
                condition=~Q(provider_subject=""),
                name="user_unique_provider_subject",
            ),
            models.CheckConstraint(
                condition=Q(unit__isnull=True) | Q(partner_municipality__isnull=True),
                name="user_unit_or_partner_municipality",
            ),
        ]
        # Role capabilities, granted to the role groups (kompotten.roles) and never to individuals.
        permissions = Capability.permissions()

    def __str__(self):
        return self.get_full_name() or self.email

    def get_full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self):
        return self.first_name

    @property
    def is_partner(self) -> bool:
        return self.partner_municipality_id is not None


# Partner contact persons log in with a password, never through the municipality's identity provider.
STAFF_ROLE_CHOICES = [(role.value, role.label) for role in Role if role != Role.PARTNER_CONTACT]


class ProviderGroupRole(models.Model):
    """One line of the mapping from the identity provider's group claim to a role (kompotten.identity_provider).

    Staff who log in with their municipal account get, at every login, exactly the roles whose lines name one of
    the groups the provider sends; a group that maps to nothing gives nothing. The administrator edits these lines in
    the Django admin. Partner contact persons log in with a password and are never given a role from here.
    """

    claim_value = models.CharField(
        _("grupp hos identitetsleverantören"),
        max_length=255,
        help_text=_("Gruppens värde i inloggningens gruppanspråk, till exempel gruppens namn eller objekt-id."),
    )
    role = models.CharField(_("roll"), max_length=30, choices=STAFF_ROLE_CHOICES)
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("enhet"),
        help_text=_("Enheten som användare i gruppen hör till. Lämna tomt för att inte ändra användarens enhet."),
    )
    history = HistoricalRecords()  # who granted which group a role, and when

    class Meta:
        ordering = ["claim_value", "role"]
        verbose_name = _("grupp från identitetsleverantören")
        verbose_name_plural = _("grupper från identitetsleverantören")
        constraints = [
            models.UniqueConstraint(fields=["claim_value", "role"], name="provider_group_role_unique"),
        ]

    def __str__(self):
        return f"{self.claim_value} → {self.get_role_display()}"
