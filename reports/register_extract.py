"""What a person's register extract (registerutdrag, GDPR article 15) holds, and its PDF.

Everything the product holds about one person, read by the extract's report run as the system (not through one
user's access: the extract covers every case about her, in every unit, and a caseworker checks it before it
leaves): her own details; every case about her (a party in it, or the person a partner municipality's filing
names) with its kind, unit, dates, state and handlers; each capability's records in it (the relocation request and
its consents, the housing application, decisions, offers and contract, Nexus's placements and kundvård, the
eviction file's notices, consents, letters, contacts and plans) with dates and who handled them; documents and
letters by title and date; to whom her data went (the partner municipalities of a request and what the consent let
them see, the landlord a kundvård request or an eviction consent named, a landlord meeting's list); and every row
of the access log naming her (who looked, when).

Other people in her records are third parties (GDPR article 15(4), offentlighets- och sekretesslagen 26 kap.): none
is named, protected or not. A co-applicant or co-tenant is "en annan person" with their part in the case; household
members by relation and birth year only. Free text written by staff (a document's or letter's title, an emergency
access's reason) is printed only when it names nobody else and carries no protected detail (`Redactor`). Her own
protected address and the link to a former identity are never printed: the extract says that they are recorded.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import AccessLogEntry, Case, HouseholdMember, Person
from cases.outbound import contains_phrase, digits, identity_numbers_in, normalise
from cases.relocation.models import RelocationRequest
from evictions.models import EvictionFile, LatePayer
from housing.models import HousingApplication
from kompotten.organisations import host_municipality
from kompotten.pdf import render_pdf
from reports.models import ReportRun

ANOTHER_PERSON = _("en annan person")


@dataclass(frozen=True)
class Entry:
    """One dated line of a case: what happened or was recorded, and by whom."""

    on: date | datetime | None
    what: str
    by: str = ""


@dataclass
class CaseSection:
    case: Case
    title: str
    facts: list[tuple[str, str]] = field(default_factory=list)  # (label, value)
    shared_with: list[str] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)


class Redactor:
    """Says whether a staff-written text may be printed in the subject's extract: not when it names another person
    of her cases or household, carries another person's identity number, phone, workplace, address or a child's
    school, or her own protected address or former identity."""

    def __init__(self, person: Person, cases: list[Case]):
        others = Person.objects.filter(parties__case__in=cases).exclude(pk=person.pk).distinct()
        phrases = set()
        for other in others.select_related("protected_address"):
            phrases |= {other.full_name, other.family_name if len(other.family_name) >= 5 else "", other.workplace}
            phrases |= {other.street_address, getattr(getattr(other, "protected_address", None), "street_address", "")}
            phrases |= {other.phone}
        for member in HouseholdMember.objects.filter(Q(person=person) | Q(person__in=others)):
            phrases |= {f"{member.given_name} {member.family_name}".strip(), member.school}
            phrases |= {member.given_name if len(member.given_name) >= 4 else ""}
        own = getattr(person, "protected_address", None)
        link = getattr(person, "former_identity_link", None)
        phrases |= {own.street_address if own else ""}
        if link is not None:
            phrases |= {f"{link.former_given_name} {link.former_family_name}", link.former_family_name}
        self.phrases = [normalise(phrase) for phrase in phrases if phrase and len(phrase.strip()) >= 3]
        self.own_number = digits(person.identity_number or "")[-10:]

    def shows(self, text: str) -> bool:
        normalised = normalise(text)
        if any(contains_phrase(normalised, phrase) for phrase in self.phrases):
            return False
        return all(digits(number)[-10:] == self.own_number for number in identity_numbers_in(text))

    def text(self, text: str) -> str:
        return text if self.shows(text) else _("(texten skrivs inte ut: den kan röra en annan person)")


def build(run: ReportRun, progress) -> bytes:
    extract = run.register_extract
    progress(10, _("Personuppgifter och ärenden"))
    context = contents(extract.person)
    progress(70, _("PDF"))
    return render_pdf("reports/register_extract_pdf.html", context | {"requested_at": extract.requested_at})


def cases_about(person: Person) -> list[Case]:
    """Every case about the person: those she is a party of, and requests a partner's filing names her in."""
    about = Q(parties__person=person) | Q(relocation__filing__person=person)
    return list(Case.objects.filter(about).distinct().select_related("unit").order_by("opened_on", "pk"))


def contents(person: Person) -> dict:
    person = Person.objects.select_related("created_by").get(pk=person.pk)
    cases = cases_about(person)
    redactor = Redactor(person, cases)
    return {
        "title": _("Registerutdrag"),
        "person": person,
        "own": own_details(person),
        "household": [_household_member(member) for member in person.household.all()],
        "sections": [case_section(case, person, redactor) for case in cases],
        "access_log": access_log(person, redactor),
        "produced_at": timezone.localtime(),
        "product_name": settings.PRODUCT_NAME,
        "municipality": host_municipality(),
    }


def _household_member(member: HouseholdMember) -> str:
    """A member of her household by relation and birth year: their name and school are theirs, not hers."""
    if member.birth_year:
        return _("%(relation)s, född %(year)s") % {"relation": member.get_relation_display(), "year": member.birth_year}
    return str(member.get_relation_display())


def own_details(person: Person) -> list[tuple[str, str]]:
    """Her own details as the register holds them. For a protected person the address, phone and workplace are
    not printed (a PDF can go astray: no PDF carries a protected person's whereabouts), nor the protected address or
    a former identity: the extract says that they are recorded."""
    not_printed = _("Registrerad. Skrivs inte ut av säkerhetsskäl.")
    address = ", ".join(filter(None, [person.street_address, person.postal_code, person.locality]))
    where = [(_("Folkbokföringsadress"), address), (_("Telefon"), person.phone), (_("Arbetsplats"), person.workplace)]
    if person.is_protected:
        where = [(label, not_printed) for label, value in where if value]
    rows = [
        (_("Namn"), person.full_name),
        (_("Personnummer eller samordningsnummer"), person.identity_number or ""),
        (_("Reservnummer"), person.reserve_number),
        (_("Födelsedatum"), f"{person.birth_date:%Y-%m-%d}" if person.birth_date else ""),
        *where,
        (
            _("Registrerad i %(product)s") % {"product": settings.PRODUCT_NAME},
            f"{timezone.localtime(person.created_at):%Y-%m-%d}",
        ),
    ]
    if person.is_protected:
        rows.append(
            (
                _("Skydd"),
                _("%(level)s, noterat %(on)s enligt %(source)s")
                % {
                    "level": person.get_protection_level_display(),
                    "on": f"{person.protection_noted_on:%Y-%m-%d}",
                    "source": person.protection_source,
                },
            )
        )
    if hasattr(person, "protected_address"):
        rows.append((_("Verklig adress"), not_printed))
    if hasattr(person, "former_identity_link"):
        rows.append((_("Tidigare identitet"), _("En koppling finns registrerad. Den skrivs inte ut.")))
    return [(label, value) for label, value in rows if value]


def _name(user) -> str:
    return user.get_full_name() if user else _("systemet")


def case_section(case: Case, person: Person, redactor: Redactor) -> CaseSection:
    section = CaseSection(case=case, title=f"{case.get_kind_display()} {case.number}")
    parties = list(case.parties.select_related("person").order_by("pk"))
    own = next((party for party in parties if party.person_id == person.pk), None)
    section.facts += [
        (_("Enhet"), case.unit.name),
        (_("Öppnat"), f"{case.opened_on:%Y-%m-%d}"),
        (_("Avslutat"), f"{case.closed_on:%Y-%m-%d}" if case.closed_on else _("Pågår")),
        (_("Din roll"), own.get_role_display() if own else _("Nämnd i en förfrågan från en annan kommun")),
        (_("Handläggare"), ", ".join(a.user.get_full_name() for a in case.assignments.select_related("user"))),
    ]
    others = [party for party in parties if party.person_id != person.pk]
    if others:
        section.facts.append(
            (_("Andra personer i ärendet"), ", ".join(f"{p.get_role_display()}: {ANOTHER_PERSON}" for p in others))
        )
    for partner in case.partners.select_related("municipality"):
        shared = _("identiteten delad") if partner.identity_shared else _("identiteten inte delad")
        section.shared_with.append(f"{partner.municipality.name} ({shared})")
    _documents(section, case, redactor)
    for note in case.notes.select_related("author").order_by("written_at"):
        section.entries.append(Entry(note.written_at, _("Journalanteckning"), _name(note.author)))
    for event in case.events.select_related("actor").order_by("at", "pk"):
        section.entries.append(Entry(event.at, str(event.get_action_display()), _name(event.actor)))
    for add in (_relocation, _housing, _nexus, _eviction):
        add(section, case, person, redactor)
    section.entries.sort(key=lambda entry: _moment(entry.on))
    return section


def _moment(on) -> datetime:
    if on is None:
        return datetime.min.replace(tzinfo=timezone.get_current_timezone())
    if isinstance(on, datetime):
        return on
    return timezone.make_aware(datetime.combine(on, datetime.min.time()))


def _documents(section: CaseSection, case: Case, redactor: Redactor) -> None:
    for document in case.documents.select_related("uploaded_by").order_by("document_date", "pk"):
        what = _("Dokument: %(title)s (%(type)s)") % {
            "title": redactor.text(document.title),
            "type": document.get_type_display(),
        }
        if document.shared_with_partners:
            what += ", " + _("delat med samverkanskommunen")
        section.entries.append(Entry(document.document_date, what, _name(document.uploaded_by)))


def _relocation(section: CaseSection, case: Case, person: Person, redactor: Redactor) -> None:
    request = RelocationRequest.objects.filter(case=case).select_related("network", "municipality").first()
    if request is None:
        return
    section.facts += [
        (_("Status"), str(request.get_state_display())),
        (_("Riktning"), str(request.get_direction_display())),
        (_("Nätverk"), request.network.name),
        (_("Samverkanskommun"), request.municipality.name),
    ]
    filing = getattr(request, "filing", None)
    if filing is not None:
        section.entries.append(
            Entry(filing.filed_at, _("Förfrågan inlämnad av %(municipality)s") % {"municipality": request.municipality})
        )
    for transition in request.transitions.select_related("by"):
        what = _("Status: %(state)s") % {"state": transition.get_to_state_display()}
        section.entries.append(Entry(transition.at, what, _name(transition.by)))
    for consent in request.consents.select_related("recorded_by"):
        flags = [
            (consent.share_identity, _("identitet")),
            (consent.share_household, _("hushållet")),
            (consent.share_risk_assessment, _("riskbedömningen")),
            (consent.share_contact_details, _("kontaktuppgifter")),
        ]
        shared = ", ".join(str(label) for on, label in flags if on) or _("inget utöver förfrågan")
        what = _("Samtycke till att dela med %(municipality)s: %(shared)s") % {
            "municipality": request.municipality.name,
            "shared": shared,
        }
        section.entries.append(Entry(consent.given_on, what, _name(consent.recorded_by)))
        if consent.revoked_on:
            section.entries.append(Entry(consent.revoked_on, _("Samtycket återkallat"), _name(consent.revoked_by)))
    for message in request.messages.select_related("author"):
        what = _("Meddelande i förfrågan (mellan oss och %(municipality)s)") % {"municipality": request.municipality}
        section.entries.append(Entry(message.sent_at, what, _name(message.author)))


def _housing(section: CaseSection, case: Case, person: Person, redactor: Redactor) -> None:
    application = HousingApplication.objects.filter(case=case).select_related("referred_by").first()
    if application is None:
        return
    section.facts.append((_("Status"), str(application.get_status_display())))
    what = _("Remiss om bostadssocialt kontrakt (%(kind)s)") % {"kind": application.get_referral_kind_display()}
    section.entries.append(Entry(application.referred_on, what, _name(application.referred_by)))
    for decision in application.decisions.select_related("decided_by"):
        what = _("Beslut: %(outcome)s") % {"outcome": decision.get_outcome_display()}
        section.entries.append(Entry(decision.decided_on, what, _name(decision.decided_by)))
    for offer in application.offers.select_related("made_by"):
        what = _("Erbjudande om lägenhet: %(status)s") % {"status": offer.get_status_display()}
        section.entries.append(Entry(offer.offered_on, what, _name(offer.made_by)))
    contract = getattr(application, "contract", None)
    if contract is not None:
        what = _("Bostadssocialt kontrakt: %(status)s") % {"status": contract.get_status_display()}
        section.entries.append(Entry(contract.starts_on, what, _name(contract.created_by)))


def _nexus(section: CaseSection, case: Case, person: Person, redactor: Redactor) -> None:
    for placement in case.placements.select_related("provider", "created_by"):
        what = _("Skyddat boende hos %(provider)s") % {"provider": placement.provider.name}
        section.entries.append(Entry(placement.starts_on, what, _name(placement.created_by)))
    for stay in case.nexus_flat_stays.select_related("created_by"):
        section.entries.append(Entry(stay.since, _("Inflyttning i Nexus lägenhet"), _name(stay.created_by)))
    for kundvard in case.kundvard.select_related("landlord", "created_by"):
        what = _("Begäran om kundvård till hyresvärden %(landlord)s") % {"landlord": kundvard.landlord.name}
        section.entries.append(Entry(kundvard.requested_on, what, _name(kundvard.created_by)))
        section.shared_with.append(kundvard.landlord.name)


def _eviction(section: CaseSection, case: Case, person: Person, redactor: Redactor) -> None:
    file = EvictionFile.objects.filter(case=case).first()
    if file is None:
        return
    section.facts.append((_("Status"), str(file.get_status_display())))
    for notice in file.notices.select_related("landlord"):
        what = _("Underrättelse: %(kind)s från %(sender)s") % {
            "kind": notice.get_kind_display(),
            "sender": notice.landlord.name if notice.landlord_id else notice.get_sender_kind_display(),
        }
        section.entries.append(Entry(notice.received_on, what))
    for consent in file.consents.select_related("created_by"):
        partners = ", ".join(redactor.text(label) for label in consent.partner_labels())
        what = _("Medgivande att tala med: %(partners)s") % {"partners": partners}
        section.entries.append(Entry(consent.signed_on or consent.created_at, what, _name(consent.created_by)))
        if consent.in_force or consent.revoked_on:
            section.shared_with.append(partners)
        if consent.revoked_on:
            section.entries.append(Entry(consent.revoked_on, _("Medgivandet återkallat")))
    for letter in file.letters.select_related("created_by"):
        what = _("Brev: %(subject)s (%(kind)s)") % {
            "subject": redactor.text(letter.subject),
            "kind": letter.get_kind_display(),
        }
        section.entries.append(Entry(letter.created_at, what, _name(letter.created_by)))
    for contact in file.contacts.select_related("created_by"):
        what = _("Kontakt: %(kind)s") % {"kind": contact.get_kind_display()}
        section.entries.append(Entry(contact.happened_on, what, _name(contact.created_by)))
    for plan in file.repayment_plans.select_related("created_by"):
        what = _("Avbetalningsplan: %(status)s") % {"status": plan.get_status_display()}
        section.entries.append(Entry(plan.agreed_on, what, _name(plan.created_by)))
    for aid in file.financial_aid.select_related("created_by"):
        section.entries.append(Entry(aid.applied_on, _("Ansökan om ekonomiskt bistånd"), _name(aid.created_by)))
    for late in LatePayer.objects.filter(file=file).select_related("meeting__landlord", "created_by"):
        what = _("Med på hyresvärdens lista över sena betalare (samverkansmöte med %(landlord)s)") % {
            "landlord": late.meeting.landlord.name
        }
        section.entries.append(Entry(late.created_at, what, _name(late.created_by)))
        section.shared_with.append(late.meeting.landlord.name)


def access_log(person: Person, redactor: Redactor) -> list[Entry]:
    """Every access-log row naming her: who looked or downloaded, when, in which case, and why when a reason was
    given (an emergency access)."""
    rows = AccessLogEntry.objects.filter(person=person).select_related("user", "case").order_by("at", "pk")
    return [
        Entry(
            row.at,
            " – ".join(
                filter(
                    None,
                    [
                        str(row.get_action_display()),
                        row.case.number if row.case else "",
                        redactor.text(row.reason) if row.reason else "",
                    ],
                )
            ),
            _name(row.user),
        )
        for row in rows
    ]
