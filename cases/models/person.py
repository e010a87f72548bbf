"""The person (klient, sökande) and their protection (skyddade personuppgifter).

Three levels exist in Swedish practice: sekretessmarkering (extra care), skyddad folkbokföring (registered
elsewhere than they live; the real address is kept apart in `ProtectedAddress`) and fingerade personuppgifter
(a new identity; the link to the former one is kept apart in `FormerIdentityLink`, readable only with an
explicit grant on that link). Who may see what is decided in `cases.access`, never here.
"""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db import models
from django.db.models import Q
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _

from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from simple_history.models import HistoricalRecords

from cases.identity_numbers import validate_identity_number


class ProtectionLevel(models.TextChoices):
    NONE = "none", _("Ingen")
    CONFIDENTIALITY_MARKING = "sekretessmarkering", _("Sekretessmarkering")
    PROTECTED_REGISTRATION = "skyddad_folkbokforing", _("Skyddad folkbokföring")
    FICTITIOUS_IDENTITY = "fingerade_personuppgifter", _("Fingerade personuppgifter")


def stricter_protection(first: str, second: str) -> str:
    """The stricter of two protection levels (`ProtectionLevel` lists them from none to the strictest)."""
    return max(first, second, key=ProtectionLevel.values.index)


class AddressFields(models.Model):
    street_address = models.CharField(_("gatuadress"), max_length=200, blank=True)
    postal_code = models.CharField(_("postnummer"), max_length=5, blank=True)
    locality = models.CharField(_("postort"), max_length=100, blank=True)
    municipality = models.ForeignKey(
        "kompotten.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kommun"),
    )

    class Meta:
        abstract = True


class Person(AddressFields):
    """A client or applicant. For a protected person every field here is a protected detail."""

    given_name = models.CharField(_("förnamn"), max_length=150)
    family_name = models.CharField(_("efternamn"), max_length=150)
    identity_number = models.CharField(
        _("personnummer eller samordningsnummer"),
        max_length=13,
        null=True,
        blank=True,
        unique=True,
        validators=[validate_identity_number],
    )
    reserve_number = models.CharField(_("reservnummer"), max_length=30, blank=True)
    birth_date = models.DateField(_("födelsedatum"), null=True, blank=True)
    phone = models.CharField(_("telefon"), max_length=30, blank=True)
    workplace = models.CharField(_("arbetsplats"), max_length=200, blank=True)
    protection_level = models.CharField(
        _("skyddsnivå"), max_length=30, choices=ProtectionLevel.choices, default=ProtectionLevel.NONE
    )
    protection_noted_on = models.DateField(_("skydd noterat"), null=True, blank=True)
    protection_source = models.CharField(_("uppgiftskälla för skyddet"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("registrerad"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("registrerad av")
    )
    # Gallrad: every file about the person was culled, and with the last one their personal data (cases.retention).
    culled_at = models.DateTimeField(_("gallrad"), null=True, blank=True, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["family_name", "given_name"]
        verbose_name = _("person")
        verbose_name_plural = _("personer")
        constraints = [
            models.CheckConstraint(
                condition=~Q(identity_number=None) | ~Q(reserve_number=""), name="person_has_an_identifying_number"
            ),
            models.CheckConstraint(
                condition=Q(protection_level=ProtectionLevel.NONE)
                | (~Q(protection_noted_on=None) & ~Q(protection_source="")),
                name="person_protection_has_date_and_source",
            ),
        ]
        indexes = [
            models.Index(fields=["family_name", "given_name"]),
            # Name search is `icontains`, i.e. UPPER(name) LIKE UPPER('%term%'): trigram indexes on that expression.
            GinIndex(OpClass(Upper("family_name"), name="gin_trgm_ops"), name="person_family_name_trgm"),
            GinIndex(OpClass(Upper("given_name"), name="gin_trgm_ops"), name="person_given_name_trgm"),
        ]

    def __str__(self):
        # Deliberately not the name: __str__ ends up in logs, admin breadcrumbs and error pages.
        return f"Person {self.pk}"

    @property
    def is_protected(self) -> bool:
        return self.protection_level != ProtectionLevel.NONE

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"


class ProtectedAddress(AddressFields):
    """Where a person with skyddad folkbokföring really lives; never shown without a grant, never printed."""

    person = models.OneToOneField(Person, on_delete=models.PROTECT, related_name="protected_address")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("skyddad adress")
        verbose_name_plural = _("skyddade adresser")

    def __str__(self):
        return f"Skyddad adress {self.pk}"


class FormerIdentityLink(models.Model):
    """The link between a fingerade personuppgifter identity and the former one: the most sensitive fact of all."""

    person = models.OneToOneField(Person, on_delete=models.PROTECT, related_name="former_identity_link")
    former_given_name = models.CharField(_("tidigare förnamn"), max_length=150)
    former_family_name = models.CharField(_("tidigare efternamn"), max_length=150)
    former_identity_number = models.CharField(
        _("tidigare personnummer"), max_length=13, blank=True, validators=[validate_identity_number]
    )
    noted_on = models.DateField(_("noterat"))
    source = models.CharField(_("uppgiftskälla"), max_length=200)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("koppling till tidigare identitet")
        verbose_name_plural = _("kopplingar till tidigare identitet")

    def __str__(self):
        return f"Identitetskoppling {self.pk}"


class HouseholdMember(models.Model):
    """Someone in the person's household; children with birth year and school."""

    class Relation(models.TextChoices):
        CHILD = "child", _("Barn")
        PARTNER = "partner", _("Make, maka eller sambo")
        OTHER = "other", _("Annan vuxen")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="household")
    relation = models.CharField(_("relation"), max_length=20, choices=Relation.choices)
    given_name = models.CharField(_("förnamn"), max_length=150)
    family_name = models.CharField(_("efternamn"), max_length=150, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("födelseår"), null=True, blank=True)
    school = models.CharField(_("skola eller förskola"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["relation", "birth_year"]
        verbose_name = _("hushållsmedlem")
        verbose_name_plural = _("hushållsmedlemmar")

    def __str__(self):
        return f"Hushållsmedlem {self.pk}"


# Guardian's direct foreign-key permission tables: list views filter on them in one indexed join.
class PersonUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Person, on_delete=models.CASCADE)


class PersonGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Person, on_delete=models.CASCADE)


class FormerIdentityLinkUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(FormerIdentityLink, on_delete=models.CASCADE)
