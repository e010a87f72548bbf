"""What `manage.py benchmark` times for eviction prevention: the file list (plain, filtered, a late page), the due
list, the escalation list, the list of joint meetings (upcoming, past, one landlord's) and a file page, on `count`
households registered through `notice_register` and a weekly joint meeting with each of their landlords, planned
through `meeting_plan`."""

import time
from datetime import date, timedelta
from decimal import Decimal

from django.db import connection
from django.utils import timezone

from cases import services as case_services
from cases.models import Landlord, ProtectionLevel
from evictions.meetings import meeting_plan
from evictions.models import ImportBatch, Notice
from evictions.services import (
    NoticeInput,
    TenantInput,
    consent_create,
    consent_sign,
    import_batch_preview,
    import_batch_run,
    import_batch_transition,
    notice_register,
)
from kompotten.devtools.demo.evictions import demo_identity_number
from kompotten.models import User


def pages(*, count: int, log) -> list[tuple[User, str]]:
    caseworker = User.objects.get(email="vrakning@uppsala.example")
    first = _make_files(count, caseworker)
    _plan_meetings(count)
    _time_import(count * 10, caseworker, log)
    with connection.cursor() as cursor:
        # The planner statistics autovacuum keeps in production, for the rows this transaction just created:
        # without them PostgreSQL plans for an almost empty table and joins by nested loops.
        cursor.execute(
            "ANALYZE cases_case, cases_deadline, cases_caseparty, evictions_evictionfile, evictions_notice, "
            "evictions_landlordmeeting"
        )
    bench = Landlord.objects.get(name="Bench Fastigheter 0").pk
    return [
        (caseworker, "/vrakning/arenden/"),
        (caseworker, "/vrakning/arenden/?status=alla&barn=1"),
        (caseworker, f"/vrakning/arenden/?sida={max(count // 25, 1)}"),
        (caseworker, "/vrakning/att-gora/"),
        (caseworker, "/vrakning/flaggade/"),
        (caseworker, "/vrakning/klara-att-avsluta/"),
        (caseworker, f"/vrakning/samverkansmote/?hyresvard={bench}"),
        (caseworker, "/vrakning/samverkansmote/moten/"),
        (caseworker, "/vrakning/samverkansmote/moten/?visa=tidigare"),
        (caseworker, f"/vrakning/samverkansmote/moten/?hyresvard={bench}"),
        (caseworker, "/vrakning/statistik/"),
        # the landlord and district registers shared with housing (cases.register_views)
        (caseworker, "/hyresvardar/"),
        (caseworker, "/hyresvardar/?q=Bench"),
        (caseworker, "/distrikt/"),
        (User.objects.get(email="chef@uppsala.example"), "/vrakning/statistik/"),
        (caseworker, f"/vrakning/arenden/{first}/"),
        (caseworker, "/vrakning/underrattelser/ny/"),
    ]


def _notice(n: int, number: str, today) -> NoticeInput:
    served = today - timedelta(days=n % 20 + 1)
    return NoticeInput(
        received_on=served + timedelta(days=1) if n % 20 else served,
        channel=Notice.Channel.POST,
        sender_kind=Notice.Sender.LANDLORD,
        kind=Notice.Kind.TERMINATION,
        reasons=(Notice.Reason.RENT_DEBT,),
        rent_debt_capital=Decimal(8000 + n),
        served_on=served,
        street_address=f"Benchgatan {n}",
        postal_code="75320",
        landlord_name=f"Bench Fastigheter {n % 7}",
        landlord_kind=Landlord.Kind.PRIVATE,
        tenants=(TenantInput("Bench", f"Hyresgäst{n}", number),),
        children_in_household=n % 4 == 0,
    )


def _make_files(count: int, caseworker: User) -> int:
    """`count` households with a rent-debt termination; every fifth gets a second notice (and so a flag), every
    seventh tenant has skyddad folkbokföring. Returns the first file's case id."""
    today = timezone.localdate()
    unit = caseworker.unit
    first = None
    for n in range(count):
        number = demo_identity_number(n, born_from=date(1940, 1, 1))
        if n % 7 == 0:
            case_services.person_register(
                given_name="Bench",
                family_name=f"Skyddad{n}",
                identity_number=number,
                acting_user=caseworker,
                protection_level=ProtectionLevel.PROTECTED_REGISTRATION,
                protection_noted_on=today,
                protection_source="Benchmark",
            )
        notice = notice_register(data=_notice(n, number, today), unit=unit, acting_user=caseworker)
        if n % 5 == 0:
            notice_register(data=_notice(n + 1, number, today), unit=unit, acting_user=caseworker)
        if n % 3 == 0:
            consent = consent_create(file=notice.file, partners=["landlord"], acting_user=caseworker)
            consent_sign(consent=consent, signed_on=today, acting_user=caseworker)
        first = first or notice.file.case_id
    return first


def _plan_meetings(count: int) -> None:
    """A joint meeting a week with each Bench landlord, `count // 70` weeks back and as many ahead (at least one
    each way): 200 meetings at 1,000 households. One in the past was planned back then (the service refuses a day
    that has passed)."""
    team_lead = User.objects.get(email="gruppledare.vrakning@uppsala.example")
    today = timezone.localdate()
    weeks = max(count // 70, 1)
    for landlord in Landlord.objects.filter(name__startswith="Bench Fastigheter"):
        for week in (*range(-weeks, 0), *range(1, weeks + 1)):
            day = today + timedelta(weeks=week)
            meeting_plan(landlord=landlord, meets_on=day, place="Bench", acting_user=team_lead, today=min(day, today))


def _time_import(rows: int, caseworker: User, log) -> None:
    """Times the bulk intake of a CSV file of `rows` notices (Excel's semicolon CSV): preview, then the import."""
    header = "mottagen;avsandare;typ;skal;kapital;delgiven;fornamn;efternamn;personnummer;adress;postnummer;hyresvard"
    today = timezone.localdate().isoformat()
    lines = [header] + [
        f"{today};inkasso;uppsägning;hyresskuld;{9000 + n};{today};Import;Hyresgäst{n};"
        f"{demo_identity_number(n, born_from=date(1930, 1, 1))};Importgatan {n};75320;Bench Fastigheter 1"
        for n in range(rows)
    ]
    raw = "\r\n".join(lines).encode("cp1252")
    started = time.perf_counter()
    batch = import_batch_preview(raw=raw, filename="bench.csv", unit=caseworker.unit, acting_user=caseworker)
    previewed = time.perf_counter()
    # As import_batch_queue leaves it, without enqueuing the task.
    import_batch_transition(batch=batch, to_status=ImportBatch.Status.QUEUED, acting_user=caseworker)
    batch = import_batch_run(batch=batch, acting_user=caseworker)
    done = time.perf_counter()
    assert batch.imported_count == rows, batch.error
    log(f"evictions: import of {rows} CSV rows: preview {previewed - started:.1f} s, import {done - previewed:.1f} s")
