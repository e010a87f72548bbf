"""Fictional demo data for eviction prevention, written through the services: the districts of Uppsala as postal-code
areas, landlords, and a year of notices (a few hundred) with realistic variety — mostly rent-debt terminations,
some warnings for disturbance or neglect, some evictions from Kronofogden, some households notified again, some
addresses routed to another district or municipality — and files open, ready to close and closed.

Identity numbers are Skatteverket's test numbers (birth numbers 980-999); names and addresses are invented.
Loaded once: if the district "Centrum" exists, nothing is done.
"""

import random
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from evictions import services
from evictions.models import District, DistrictPostalArea, Landlord, Notice
from evictions.services import NoticeInput, TenantInput
from evictions.workflow import FileStatus
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
    ("Svartbäcksgatan", "75320"), ("Kungsgatan", "75321"), ("Luthagsesplanaden", "75227"),
    ("Tycho Hedéns väg", "75431"), ("Väderkvarnsgatan", "75329"), ("Sävja allé", "75757"),
    ("Salabacksgatan", "75219"),
]  # fmt: skip
ROUTED_ADDRESSES = [("Gottsundavägen", "75645"), ("Stora gatan", "72212")]  # district Gottsunda; Västerås
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
        district = District.objects.create(name=name, handled_by_team=handled, contact=contact)
        for low, high in areas:
            DistrictPostalArea.objects.create(district=district, postal_code_from=low, postal_code_to=high)
    for name, kind in LANDLORDS:
        Landlord.objects.create(name=name, kind=kind)


def _notice(rng: random.Random, received: date, tenants: tuple[TenantInput, ...], children: bool) -> NoticeInput:
    street, postal_code = rng.choice(ROUTED_ADDRESSES if rng.random() < 0.07 else ADDRESSES)
    landlord, landlord_kind = rng.choice(LANDLORDS)
    roll = rng.random()
    common = {
        "received_on": received, "street_address": f"{street} {rng.randint(1, 60)}", "postal_code": postal_code,
        "landlord_name": landlord, "landlord_kind": landlord_kind, "tenants": tenants,
        "children_in_household": children, "apartment_number": str(rng.randint(1001, 1404)),
    }  # fmt: skip
    if roll < 0.08:
        return NoticeInput(
            channel=Notice.Channel.POST, sender_kind=Notice.Sender.KRONOFOGDEN, kind=Notice.Kind.EVICTION,
            reasons=(Notice.Reason.RENT_DEBT,), rent_debt_capital=Decimal(rng.randint(15, 60) * 1000),
            eviction_date=received + timedelta(days=rng.randint(21, 60)), sender_name="Kronofogden", **common,
        )  # fmt: skip
    if roll < 0.18:
        reason = rng.choice([Notice.Reason.DISTURBANCE, Notice.Reason.NEGLECT, Notice.Reason.SUBLETTING])
        return NoticeInput(
            channel=Notice.Channel.EMAIL, sender_kind=Notice.Sender.LANDLORD, kind=Notice.Kind.WARNING,
            reasons=(reason,), **common,
        )  # fmt: skip
    agent = rng.random() < 0.4
    return NoticeInput(
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


@transaction.atomic
def seed() -> int:
    """Creates the catalogues and a year of notices; returns how many notices it created (0 when they exist)."""
    if District.objects.filter(name="Centrum").exists():
        return 0
    _catalogues()
    caseworker = User.objects.get(email="vrakning@uppsala.example")
    rng = random.Random(1683)  # noqa: S311 - a repeatable demo, not a secret (JO 1683-2017)
    today = timezone.localdate()
    households: list[tuple[tuple[TenantInput, ...], bool]] = []
    created = 0
    for serial in range(300):
        received = today - timedelta(days=365 - serial * 365 // 300)
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
        created += 1
        _age(notice, rng, today, caseworker)
    return created


def _age(notice: Notice, rng: random.Random, today: date, caseworker: User) -> None:
    """Older files move on: most closed a month or two after the notice, a few listed as ready to close."""
    file = notice.file
    if file is None or file.status != FileStatus.OPEN:
        return
    age = (today - notice.received_on).days
    if age > 90 and rng.random() < 0.8:
        closed_on = notice.received_on + timedelta(days=rng.randint(30, 80))
        services.file_transition(file=file, target=FileStatus.CLOSED, acting_user=caseworker, on=closed_on)
    elif age > 35 and notice.kind == Notice.Kind.WARNING:
        services.file_transition(file=file, target=FileStatus.READY_TO_CLOSE, acting_user=caseworker)
