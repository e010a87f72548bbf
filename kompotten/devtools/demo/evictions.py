"""Fictional demo data for eviction prevention, written through the services: the districts of Uppsala as postal-code
areas, landlords, and notices since 1 January two years ago (about 85 a year, so last year's annual report has the
year before beside it) with realistic variety — mostly rent-debt terminations, some warnings for disturbance or
neglect, some evictions from Kronofogden, some households notified again, some addresses routed to another district
or municipality — and files open, ready to close and closed.

Identity numbers are Skatteverket's test numbers (birth numbers 980-999); names and addresses are invented.
Loaded once: if the district "Centrum" exists, nothing is done.
"""

import random
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cases import services as case_services
from cases.calendar import statutory_due_date
from cases.models import District, DistrictPostalArea, Landlord
from evictions import letters, services
from evictions.models import (
    Closure,
    Consent,
    ContactKind,
    LandlordAnswer,
    LetterKind,
    Notice,
    Partner,
    RegisterCheck,
    RegisteredChild,
)
from evictions.register import ChildFacts, RegisterFacts
from evictions.services import RECOVERY_PERIOD_WEEKS, LetterInput, NoticeInput, TenantInput
from evictions.workflow import FileStatus
from kompotten.devtools.demo import eviction_meetings
from kompotten.models import User

DISTRICTS = [  # name, handled by the team, contact, postal-code ranges
    ("Centrum", True, "", [("75300", "75399")]),
    ("Norr", True, "", [("75200", "75299")]),
    ("Öst", True, "", [("75400", "75499")]),
    ("Sävja", True, "", [("75700", "75799")]),
    ("Gottsunda", False, "vrakning.gottsunda@uppsala.example", [("75600", "75699")]),
]
LANDLORDS = [
    ("Uppsalahem", Landlord.Kind.MUNICIPAL),
    ("Heimstaden", Landlord.Kind.PRIVATE),
    ("Rikshem", Landlord.Kind.PRIVATE),
    ("Stena Fastigheter", Landlord.Kind.PRIVATE),
    ("HSB Brf Tallkotten", Landlord.Kind.COOPERATIVE),
]
ADDRESSES = [  # street, postal code: in the team's districts
    ("Svartbäcksgatan", "75320"),
    ("Kungsgatan", "75321"),
    ("Luthagsesplanaden", "75227"),
    ("Tycho Hedéns väg", "75431"),
    ("Väderkvarnsgatan", "75329"),
    ("Sävja allé", "75757"),
    ("Salabacksgatan", "75219"),
]
ROUTED_ADDRESSES = [("Gottsundavägen", "75645"), ("Stora gatan", "72212")]  # district Gottsunda; Västerås
NOTICES = 250  # about 85 a year: every state and both years of the report, and seed_demo runs often in CI
RECENT_DAYS = 17  # files this new have their first letter only (a booked visit or two on the due list most days)
GIVEN = ["Amina", "Bo", "Carina", "Dawit", "Elin", "Farid", "Greta", "Hassan", "Ida", "Jonas", "Karin", "Lars"]
FAMILY = ["Andersson", "Berg", "Cederlund", "Demir", "Ekström", "Falk", "Gustafsson", "Hussein", "Isaksson"]


def demo_identity_number(serial: int, *, born_from: date = date(1960, 1, 1)) -> str:
    """Skatteverket's test personnummer number `serial`: born `born_from` plus serial // 20 days, birth number
    980-999, with its Luhn check digit."""
    born = born_from + timedelta(days=serial // 20)
    nine = f"{born:%y%m%d}{980 + serial % 20}"
    total = 0
    for index, digit in enumerate(int(d) for d in nine):
        product = digit * (2 if index % 2 == 0 else 1)
        total += product - 9 if product > 9 else product
    return f"{born:%Y%m%d}-{nine[6:]}{(10 - total % 10) % 10}"


def _catalogues() -> None:
    for name, handled, contact, areas in DISTRICTS:
        # the shared register: housing's demo may have made the district already; one it has not is ours alone
        defaults = {"handled_by_team": handled, "contact": contact}
        district, _ = District.objects.update_or_create(
            name=name, defaults=defaults, create_defaults=defaults | {"for_housing": False}
        )
        for low, high in areas:
            DistrictPostalArea.objects.create(district=district, postal_code_from=low, postal_code_to=high)
    for name, kind in LANDLORDS:
        Landlord.objects.update_or_create(name=name, defaults={"kind": kind})


def _notice(rng: random.Random, received: date, tenants: tuple[TenantInput, ...], children: bool) -> NoticeInput:
    street, postal_code = rng.choice(ROUTED_ADDRESSES if rng.random() < 0.07 else ADDRESSES)
    landlord, landlord_kind = rng.choice(LANDLORDS)
    roll = rng.random()
    common = {
        "received_on": received,
        "street_address": f"{street} {rng.randint(1, 60)}",
        "postal_code": postal_code,
        "landlord_name": landlord,
        "landlord_kind": landlord_kind,
        "tenants": tenants,
        "children_in_household": children,
        "apartment_number": str(rng.randint(1001, 1404)),
    }
    if roll < 0.08:
        return NoticeInput(
            channel=Notice.Channel.POST,
            sender_kind=Notice.Sender.KRONOFOGDEN,
            kind=Notice.Kind.EVICTION,
            reasons=(Notice.Reason.RENT_DEBT,),
            rent_debt_capital=Decimal(rng.randint(15, 60) * 1000),
            eviction_date=received + timedelta(days=rng.randint(21, 60)),
            sender_name="Kronofogden",
            **common,
        )
    if roll < 0.18:
        reason = rng.choice([Notice.Reason.DISTURBANCE, Notice.Reason.NEGLECT, Notice.Reason.SUBLETTING])
        return NoticeInput(
            channel=Notice.Channel.EMAIL,
            sender_kind=Notice.Sender.LANDLORD,
            kind=Notice.Kind.WARNING,
            reasons=(reason,),
            **common,
        )
    agent = rng.random() < 0.4
    return _with_form_3(
        NoticeInput(
            channel=rng.choice([Notice.Channel.POST, Notice.Channel.EMAIL]),
            sender_kind=Notice.Sender.DEBT_COLLECTOR if agent else Notice.Sender.LANDLORD,
            sender_name="Intrum" if agent else "",
            receipt_requested=rng.random() < 0.2,
            kind=Notice.Kind.TERMINATION,
            reasons=(Notice.Reason.RENT_DEBT,) + ((Notice.Reason.LATE_PAYMENT,) if rng.random() < 0.2 else ()),
            rent_debt_capital=Decimal(rng.randint(40, 400) * 100),
            rent_debt_costs=Decimal(rng.randint(0, 30) * 50),
            served_on=received - timedelta(days=rng.randint(0, 3)),
            **common,
        )
    )


def _with_form_3(data: NoticeInput) -> NoticeInput:
    """A termination as the landlord's formulär 3 states it: how it was served, the amount to pay to keep the flat
    and the last day to pay, the flat's size and rent. Derived from the notice, not drawn, so the demo's other
    households stay as they were."""
    seed = int(data.rent_debt_capital) // 100
    rooms = 1 + seed % 4
    return replace(
        data,
        service_method=list(Notice.ServiceMethod.values)[seed % 3],
        amount_to_pay=data.rent_debt_capital + (data.rent_debt_costs or 0),
        last_day_to_pay=statutory_due_date(data.served_on, weeks=RECOVERY_PERIOD_WEEKS),
        monthly_rent=Decimal(4500 + seed % 60 * 100),
        rooms=rooms,
        floor_area=Decimal(28 + rooms * 17),
    )


@transaction.atomic
def seed() -> int:
    """Creates the catalogues and the notices; returns how many notices it created (0 when they exist)."""
    if DistrictPostalArea.objects.exists():  # the districts are shared with housing; their postal areas are ours
        return 0
    _catalogues()
    caseworker = User.objects.get(email="vrakning@uppsala.example")
    rng = random.Random(1683)  # noqa: S311 - a repeatable demo, not a secret (JO 1683-2017)
    today = timezone.localdate()
    households: list[tuple[tuple[TenantInput, ...], bool]] = []
    created = 0
    # From 1 January two years ago to today: the annual report of last year has the year before to compare with.
    first = date(today.year - 2, 1, 1)
    span = (today - first).days
    for serial in range(NOTICES):
        received = first + timedelta(days=serial * span // NOTICES)
        if households and rng.random() < 0.1:
            tenants, children = rng.choice(households)  # the same household notified again
        else:
            tenants = (TenantInput(rng.choice(GIVEN), rng.choice(FAMILY), demo_identity_number(serial)),)
            if rng.random() < 0.3:
                tenants += (
                    TenantInput(rng.choice(GIVEN), tenants[0].family_name, demo_identity_number(serial + 5000)),
                )
            children = rng.random() < 0.35
            households.append((tenants, children))
        notice = services.notice_register(
            data=_notice(rng, received, tenants, children), unit=caseworker.unit, acting_user=caseworker
        )
        if notice.already_registered:  # the same notice drawn twice: registered once, worked on once
            continue
        created += 1
        _work(notice, rng, today, caseworker)
    _revoke_one(caseworker)
    eviction_meetings.seed(today, caseworker, demo_identity_number(9000, born_from=date(2003, 4, 1)))
    return created


def _work(notice: Notice, rng: random.Random, today: date, caseworker: User) -> None:
    """What the team did: a register check, the ladder (letters for recent files, logged steps for older ones),
    consents, landlord talks, repayment plans, financial aid; most older files closed on their ground."""
    file = notice.file
    if file is None or file.status == FileStatus.CLOSED:
        return
    received = notice.received_on
    if rng.random() < 0.7:
        children = tuple(
            ChildFacts(rng.randint(0, 17), rng.choice(RegisteredChild.Living.values))
            for _ in range(rng.randint(1, 3) if file.has_children else 0)
        )
        facts = RegisterFacts(received, rng.random() < 0.9, RegisterCheck.Source.MANUAL, children)
        services.register_check_record(file=file, facts=facts, acting_user=caseworker)
    age = (today - received).days
    if age <= RECENT_DAYS:
        _letter(file, rng, today, caseworker)
        return
    _ladder(file, rng, received, today, caseworker)
    if age > 90 and rng.random() < 0.8:
        _close(file, notice, rng, today, caseworker)
    elif age > 35 and notice.kind == Notice.Kind.WARNING and rng.random() < 0.5:
        services.file_transition(file=file, target=FileStatus.READY_TO_CLOSE, acting_user=caseworker)


def _letter(file, rng, today, caseworker) -> None:
    proposal = letters.proposal_for(file, today)
    booked = None
    if proposal.kind != LetterKind.CONTACT:
        day = today + timedelta(days=rng.randint(3, 12))
        booked = timezone.make_aware(datetime.combine(day, time(rng.choice([9, 10, 13, 14]), 0)))
    data = LetterInput(kind=proposal.kind, booked_at=booked, visit_place="Socialtjänsten, Stationsgatan 12")
    services.letter_create(file=file, data=data, acting_user=caseworker, written_on=today)


def _past_letter(file, day: date, caseworker: User, *, answered: bool) -> None:
    """A contact letter written on `day`, in a year the report compares: made through the service on its day, so
    that the month it was written counts it ("Brev") and its follow-up reminder runs from that day. The reminder is
    met when the household answered the letter, otherwise by the ladder's next contact with the household. The
    reason for choosing a contact letter is kept only when the service proposes another letter."""
    letter = services.letter_create(
        file=file,
        data=LetterInput(kind=LetterKind.CONTACT, override_reason="Demodata: ett kontaktbrev först (fiktivt)."),
        acting_user=caseworker,
        written_on=day,
    )
    if answered and letter.follow_up_deadline is not None:
        case_services.deadline_mark_met(deadline=letter.follow_up_deadline, acting_user=caseworker, on=day)


def _ladder(file, rng, received, today, caseworker) -> None:
    step_day = received
    reached = False
    for kind in (ContactKind.LETTER, ContactKind.CALL, ContactKind.HOME_VISIT):
        step_day = min(step_day + timedelta(days=rng.randint(1, 6)), today)
        reached = rng.random() < 0.6
        if kind == ContactKind.LETTER:  # the ladder's letter step is a letter made in Kompotten (one definition)
            _past_letter(file, step_day, caseworker, answered=reached)
        else:
            services.contact_log(file=file, kind=kind, happened_on=step_day, reached=reached, acting_user=caseworker)
        if reached:
            break
    if not reached:
        return
    consent = services.consent_create(
        file=file,
        partners=[Partner.LANDLORD, rng.choice([Partner.CARE, Partner.RELATIVES, Partner.PSYCHIATRY])],
        acting_user=caseworker,
    )
    services.consent_sign(consent=consent, signed_on=step_day, acting_user=caseworker)
    services.contact_log(
        file=file,
        kind=ContactKind.LANDLORD,
        happened_on=step_day,
        acting_user=caseworker,
        note="Samtal med hyresvärden om att bo kvar.",
    )
    services.file_set_landlord_answer(
        file=file, answer=LandlordAnswer.MAY_STAY_WITH_PLAN, on=step_day, acting_user=caseworker
    )
    debt = file.notices.exclude(rent_debt_capital=None).order_by("-received_on").first()
    if debt is not None:
        services.repayment_plan_add(
            file=file,
            agreed_on=step_day,
            debt=debt.rent_debt_total,
            monthly_amount=Decimal(1500),
            acting_user=caseworker,
        )
        if rng.random() < 0.3:
            services.financial_aid_apply(
                file=file,
                applied_on=step_day,
                capital=debt.rent_debt_capital,
                costs=debt.rent_debt_costs or 0,
                acting_user=caseworker,
            )


def _close(file, notice, rng, today, caseworker) -> None:
    closed_on = min(notice.received_on + timedelta(days=rng.randint(35, 110)), today)
    children = rng.randint(1, 3) if file.has_children else 0
    common = {"file": file, "acting_user": caseworker, "closed_on": closed_on, "children_affected": children}
    try:
        if notice.kind == Notice.Kind.EVICTION:
            executed = rng.random() < 0.4
            services.file_close(
                ground=Closure.Ground.EVICTION_EXECUTED if executed else Closure.Ground.EVICTION_WITHDRAWN,
                outcome=Closure.Outcome.EVICTED if executed else Closure.Outcome.STAYED,
                social_services_attended=rng.random() < 0.7 if executed else None,
                **common,
            )
        elif Notice.Reason.NEGLECT in notice.reasons:
            services.file_close(
                ground=Closure.Ground.CLEANED,
                outcome=Closure.Outcome.STAYED,
                note="Besiktigad av hyresvärden.",
                **common,
            )
        elif Notice.Reason.DISTURBANCE in notice.reasons:
            services.file_close(ground=Closure.Ground.QUIET, outcome=Closure.Outcome.STAYED, **common)
        elif Notice.Reason.RENT_DEBT in notice.reasons:
            moved = rng.random() < 0.15
            services.file_close(
                ground=Closure.Ground.OTHER if moved else Closure.Ground.DEBT_PAID,
                outcome=Closure.Outcome.MOVED if moved else Closure.Outcome.STAYED,
                note="Hushållet flyttade till en billigare lägenhet." if moved else "",
                **common,
            )
        else:
            services.file_close(
                ground=Closure.Ground.OTHER,
                outcome=Closure.Outcome.STAYED,
                note="Andrahandsuthyrningen upphörde.",
                **common,
            )
    except ValidationError:
        pass  # the ground's rule does not hold yet (a quiet period not over): the file stays open


def _revoke_one(caseworker: User) -> None:
    """One household withdrew its consent: the demo shows how the file looks after a revocation."""
    consent = Consent.objects.filter(
        signed_on__isnull=False, revoked_on__isnull=True, file__status=FileStatus.OPEN
    ).first()
    if consent is not None:
        services.consent_revoke(consent=consent, acting_user=caseworker, note="Ringde och återkallade medgivandet.")
