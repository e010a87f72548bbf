"""The partner municipality's own way in: it files a formal request to us, and both sides add documents to it.

A partner contact person files the request from its side in Kompotten: the person as it knows them, the household,
the housing needs, the four criteria with their evidence, the person's consent and the documents. The request lands
in "received" at our Nexus with the two weeks of the assessment running (`relocation.register`), and our designated
contact persons are told by e-mail (the case number and a link only).

Protected identities first: the filing is tied to the person it names from the first moment (`_filed_person`,
looked up by identity number on the server), so our staff see it only as they may see that person, while the partner
reads back exactly what it filed whatever we know of the person (see `PartnerFiling`). Linking grants nobody: the
partner gets no grant, and a person already protected here is not handed to our designated contact persons unless
they may see them already. Nexus confirms the identity during its assessment (`filing_take_in_person`).
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.access import AccessPolicy
from cases.identity_numbers import parse_identity_number
from cases.models import CaseParty, Document, HouseholdMember, Person, ProtectionLevel
from cases.models.person import stricter_protection
from cases.relocation import notifications, tasks
from cases.relocation.contacts import active_membership, current_contacts, designated_nexus_contacts
from cases.relocation.models import Direction, MemberContact, Network, PartnerFiling, RelocationRequest
from cases.relocation.services import _check_partner, actor_of, consent_record, register
from cases.relocation.workflow import Actor, is_open
from cases.services.cases import case_add_person, case_assign_designated_contact
from cases.services.common import save
from cases.services.journal import document_add, document_check
from cases.services.persons import household_member_add, person_new
from kompotten.models import Unit, User
from kompotten.organisations import host_municipality

# The documents a partner files with a request, and the one it may add later; all shared with both sides.
PARTNER_DOCUMENT_TYPES = (
    Document.Type.RISK_ASSESSMENT,
    Document.Type.REQUEST,
    Document.Type.CONSENT,
    Document.Type.OTHER,
)


@dataclass(frozen=True)
class FiledPerson:
    given_name: str
    family_name: str
    identity_number: str
    protection_level: str = ProtectionLevel.NONE
    adults: int = 1
    children_ages: tuple[int, ...] = ()


@dataclass(frozen=True)
class FiledConsent:
    given_on: date
    share_identity: bool = False
    share_household: bool = False
    share_risk_assessment: bool = False
    share_contact_details: bool = False


@dataclass(frozen=True)
class FiledDocument:
    type: str
    title: str
    uploaded_file: UploadedFile = field(repr=False)


CRITERIA_FIELDS = (
    "serious_violence",
    "home_options_tried",
    "risk_assessed_by",
    "risk_assessed_on",
    "cannot_arrange_housing",
)


@transaction.atomic
def request_file(
    *,
    network: Network,
    person: FiledPerson,
    consent: FiledConsent,
    acting_user: User,
    documents: Iterable[FiledDocument] = (),
    on: date | None = None,
    **details,
) -> RelocationRequest:
    """A formal request filed by the partner's contact person: everything in one transaction, or nothing."""
    municipality = acting_user.partner_municipality
    if municipality is None:
        raise ValidationError(_("Bara samverkanskommunernas kontaktpersoner skickar förfrågningar härifrån."))
    on = on or timezone.localdate()
    _check_partner(network, municipality, on)
    if not active_membership(network, host_municipality(), on):
        raise ValidationError({"network": _("Vi är inte medlem i det nätverket. Välj ett annat nätverk.")})
    identity_number = _filed_identity_number(person.identity_number)
    _check_criteria(details)
    _check_consent(consent, on)
    documents = list(documents)
    for document in documents:  # every file is checked before anything is written
        document_check(document.uploaded_file)

    filing = PartnerFiling(
        filed_by=acting_user,
        given_name=person.given_name.strip(),
        family_name=person.family_name.strip(),
        identity_number=identity_number,
        protection_level=person.protection_level,
        adults=person.adults,
        children_ages=list(person.children_ages),
    )
    filing.full_clean(exclude=["request", "filed_by", "person"])

    request = register(
        direction=Direction.INCOMING,
        network=network,
        municipality=municipality,
        on=on,
        unit=_nexus_unit(),
        partner_contact=_own_contact(network, acting_user, on),
        acting_user=acting_user,
        **details,
    )
    filing.request = request
    filing.person, protected_before = _filed_person(filing, on, acting_user)
    save(filing, acting_user)
    case_add_person(case=request.case, person=filing.person, role=CaseParty.Role.APPLICANT, acting_user=acting_user)
    designation = _("Utsedd kontaktperson i %(network)s") % {"network": network.name}
    for contact_user in _designated_nexus_users(network, on):
        # Handling the request shows the person. One protected here already goes to a contact who may see them
        # already, or else to whom the team lead assigns, as for any case with a protected person.
        if not protected_before or AccessPolicy(contact_user).identity_visible(filing.person):
            case_assign_designated_contact(
                case=request.case, user=contact_user, designation=designation, acting_user=acting_user
            )
    consent_record(request=request, acting_user=acting_user, **consent.__dict__)
    for document in documents:
        document_add(
            case=request.case,
            uploaded_file=document.uploaded_file,
            title=document.title,
            type=document.type,
            document_date=on,
            shared_with_partners=True,
            acting_user=acting_user,
        )
    tasks.notify_other_side(request, notifications.NEW, Actor.PARTNER)
    return request


def _filed_identity_number(value: str) -> str:
    """Checked for form and check digit only, like any number typed here: the answer never depends on our register."""
    try:
        return parse_identity_number(value).normalised
    except ValidationError as error:
        raise ValidationError({"identity_number": error.messages}) from None


def _filed_person(filing: PartnerFiling, on: date, acting_user: User) -> tuple[Person, bool]:
    """The person the filing names: the one registered with its identity number, or a new registration in the
    partner's words at the filed protection level. A known person keeps the stricter of their level and the filed
    one: a partner may add protection, never take it away. Registered without a grant to anyone (the filing partner
    must not find the person again). Returns the person and whether they were protected here before the filing."""
    source = _("Uppgift från %(municipality)s i förfrågan %(number)s") % {
        "municipality": filing.request.municipality.short_name,
        "number": filing.request.case.number,
    }
    person = Person.objects.select_for_update().filter(identity_number=filing.identity_number).first()
    if person is None:
        protected = filing.is_protected
        person = person_new(
            given_name=filing.given_name,
            family_name=filing.family_name,
            identity_number=filing.identity_number,
            protection_level=filing.protection_level,
            protection_noted_on=on if protected else None,
            protection_source=source if protected else "",
            acting_user=acting_user,
        )
        return save(person, acting_user), False
    protected_before = person.is_protected
    level = stricter_protection(person.protection_level, filing.protection_level)
    if level != person.protection_level:
        person.protection_level = level
        if not protected_before:
            person.protection_noted_on, person.protection_source = on, source
        save(person, acting_user, update_fields=["protection_level", "protection_noted_on", "protection_source"])
    return person, protected_before


def _check_criteria(details: dict) -> None:
    missing = [name for name in CRITERIA_FIELDS if not str(details.get(name) or "").strip()]
    if missing:
        raise ValidationError(
            {name: _("Fyll i kriteriet med underlag. En formell förfrågan behöver alla fyra.") for name in missing}
        )
    if details["risk_assessed_on"] > timezone.localdate():
        raise ValidationError({"risk_assessed_on": _("Riskbedömningen kan inte vara gjord i framtiden.")})


def _check_consent(consent: FiledConsent, on: date) -> None:
    if consent.given_on > on:
        raise ValidationError({"given_on": _("Samtycket kan inte vara lämnat i framtiden.")})


def _nexus_unit() -> Unit:
    return Unit.objects.get(municipality=host_municipality(), kind=Unit.Kind.NEXUS)


def _own_contact(network: Network, user: User, on: date) -> MemberContact | None:
    membership = active_membership(network, user.partner_municipality, on)
    return current_contacts(membership.contacts.filter(user=user), on).first() if membership else None


def _designated_nexus_users(network: Network, on: date) -> list[User]:
    """Our designated contact persons who work in Kompotten at Nexus become the handlers of a filed request."""
    contacts = designated_nexus_contacts(network, on).filter(
        user__is_active=True, user__unit__kind=Unit.Kind.NEXUS, user__partner_municipality__isnull=True
    )
    return list(User.objects.filter(network_contacts__in=contacts).distinct().order_by("pk"))


@dataclass(frozen=True)
class TakenIn:
    person: Person
    children_added: int


@transaction.atomic
def filing_take_in_person(*, request: RelocationRequest, acting_user: User) -> TakenIn:
    """Nexus confirms the identity the filing is tied to (it compares the partner's words with our record) and
    takes the filed household in. Only someone who may see the person confirms them. A person the filing did not
    make the applicant (one protected here when the filings of before were linked, migration 0018) joins the case
    now, and so reaches its handlers: given by someone who may see them, never taken through a filing."""
    request = RelocationRequest.objects.select_for_update().select_related("case", "municipality").get(pk=request.pk)
    if actor_of(acting_user, request) != Actor.NEXUS:
        raise ValidationError(_("Det är Nexus som bekräftar personen i förfrågan."))
    filing = PartnerFiling.objects.select_for_update().select_related("person").filter(request=request).first()
    if filing is None or filing.taken_in_on is not None:
        raise ValidationError(_("Det finns inga nya uppgifter från samverkanskommunen att bekräfta."))
    if not is_open(request.direction, request.state):
        raise ValidationError(_("Förfrågan är avslutad och kan inte ändras."))
    person = filing.person
    if not AccessPolicy(acting_user).identity_visible(person, request.case):
        raise ValidationError(
            _(
                "Personen har skyddade personuppgifter som du inte har behörighet till. Be en kollega med behörighet "
                "eller gruppledaren att bekräfta personen i förfrågan."
            )
        )
    if not request.case.parties.filter(person=person).exists():
        case_add_person(case=request.case, person=person, role=CaseParty.Role.APPLICANT, acting_user=acting_user)
    children = _take_in_children(filing, acting_user)
    filing.taken_in_on = timezone.localdate()
    save(filing, acting_user, update_fields=["taken_in_on"])
    return TakenIn(person, children)


def _take_in_children(filing: PartnerFiling, acting_user: User) -> int:
    """The filed children by their ages (a partner gives no children's names), unless the person's household has
    children registered already: ours are the record, and an age cannot tell which filed child is which."""
    if filing.person.household.filter(relation=HouseholdMember.Relation.CHILD).exists():
        return 0
    year = timezone.localdate().year
    for n, age in enumerate(filing.children_ages, start=1):
        household_member_add(
            person=filing.person,
            relation=HouseholdMember.Relation.CHILD,
            family_name="",
            birth_year=year - age,
            given_name=_("Barn %(n)d, namn ej angivet") % {"n": n},
            acting_user=acting_user,
        )
    return len(filing.children_ages)


@transaction.atomic
def request_document_add(
    *,
    request: RelocationRequest,
    uploaded_file: UploadedFile,
    title: str,
    type: str,
    acting_user: User,
    shared_with_partners: bool = False,
    reviewed: bool = False,
    document_date: date | None = None,
) -> Document:
    """A document on the request, from the partner (always shared with both sides) or from Nexus (internal unless
    the caseworker shares it; then its title and text are checked as text that leaves the unit, and a file that
    cannot be read needs her confirmation, `reviewed`: all in `document_add`); the other side hears of a shared one
    by e-mail (number and link only). Size and type are checked by the one upload check of `document_add`."""
    side = actor_of(acting_user, request)
    if side not in (Actor.NEXUS, Actor.PARTNER):
        raise ValidationError(_("Bara Nexus och samverkanskommunens kontaktperson lägger till dokument här."))
    if not is_open(request.direction, request.state):
        raise ValidationError(_("Förfrågan är avslutad. Skicka ett meddelande om något behöver kompletteras."))
    if side == Actor.PARTNER and type not in PARTNER_DOCUMENT_TYPES:
        raise ValidationError({"type": _("Välj en av dokumenttyperna i listan.")})
    document = document_add(
        case=request.case,
        uploaded_file=uploaded_file,
        title=title,
        type=type,
        document_date=document_date or timezone.localdate(),
        acting_user=acting_user,
        shared_with_partners=True if side == Actor.PARTNER else shared_with_partners,
        reviewed=reviewed,
    )
    if document.shared_with_partners:  # an internal document of ours concerns nobody on the other side
        tasks.notify_other_side(request, notifications.DOCUMENT, side)
    return document
