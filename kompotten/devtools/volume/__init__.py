"""The volume generator behind `manage.py generate_volume`: a large city's ten years of casework, made fast.

The rows are those the services would have written (cases with their numbers, handlers and grants, deadlines on
the lag (1930:173) calendar, states along each workflow table, history and timeline), but written with batched
bulk inserts instead of one service call per row: 46 ms a notice through `notice_register` would take four
hours for 300,000 notices. One seeded `random.Random` and one reference date make every value, so a seed gives
the same data (`kompotten.devtools.volume.fingerprint`). It builds on the demo organisation (`seed_demo`): its units,
users, networks and catalogues; the demo users hold a caseload like any other handler.
"""

import time
from datetime import date

from django.core.management import call_command
from django.db import transaction

from kompotten.db_statistics import analyze_tables
from kompotten.devtools.volume import access_log, evictions, housing, relocation
from kompotten.devtools.volume.people import STAFF_DOMAIN, staff_create
from kompotten.devtools.volume.scales import SCALES, Scale
from kompotten.devtools.volume.writer import Writer
from kompotten.models import Unit, User
from kompotten.organisations import host_municipality

__all__ = ["SCALES", "STAFF_DOMAIN", "Scale", "generate", "is_generated"]


def is_generated() -> bool:
    return User.objects.filter(email__endswith=f"@{STAFF_DOMAIN}").exists()


def generate(scale: Scale, *, seed: int, today: date, log=print) -> dict[str, int]:
    """Fills the database with `scale`; returns the rows written per model."""
    started = time.perf_counter()
    writer = Writer(seed=seed, today=today, log=log)
    with transaction.atomic():
        with writer.step("demo organisation (seed_demo)"):
            call_command("seed_demo", stdout=_Quiet())
        units = {unit.kind: unit for unit in Unit.objects.filter(municipality=host_municipality())}
        with writer.step(f"{scale.staff} staff users"):
            staff = staff_create(writer, scale.staff, units=units)
        with writer.step(f"{scale.flats} flats"):
            stock = housing.stock_for(
                housing.flats_create(writer, scale.flats, handler=staff.by_kind[Unit.Kind.HOUSING][0]),
                scale.housing_applications,
            )
        with writer.step(f"{scale.relocation_requests} relocation requests, with their hand-overs"):
            handed_over = relocation.requests_create(
                writer,
                scale.relocation_requests,
                staff=staff,
                stock=stock,
                years=scale.years,
                protected_share=scale.protected_share,
            )
        with writer.step(f"{scale.telephone_inquiries} telephone inquiries"):
            relocation.inquiries_create(writer, scale.telephone_inquiries, staff=staff, years=scale.years)
        direct = max(scale.housing_applications - len(handed_over), 0)
        with writer.step(f"{direct} housing applications (+{len(handed_over)} handed over)"):
            housing.direct_referrals_create(
                writer, direct, staff=staff, stock=stock, years=scale.years, protected_share=scale.protected_share
            )
        households = max(scale.persons - scale.relocation_requests - direct, -(-scale.eviction_files // 3))
        with writer.step(f"{scale.eviction_files} eviction files, {scale.notices} notices, {households} households"):
            evictions.files_create(
                writer,
                files=scale.eviction_files,
                notices=scale.notices,
                persons=households,
                protected_share=scale.protected_share,
                staff=staff,
                years=scale.years,
            )
        with writer.step(f"{scale.access_log_rows} access-log rows"):
            access_log.entries_create(writer, scale.access_log_rows)
        writer.save_case_sequences()
    with writer.step("ANALYZE"):
        analyze_tables()
    log(f"total: {time.perf_counter() - started:.1f} s, {sum(writer.rows.values())} rows")
    return dict(writer.rows)


class _Quiet:
    def write(self, *args, **kwargs):
        pass

    def flush(self):
        pass
