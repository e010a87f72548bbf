"""A known world for the committee report, made through the real services of all three capabilities, last year:

- relocation: four incoming formal requests from Västerås (Kompotten), received in April;
- housing: five referrals from Nexus (the housing chain) on 1 March, approved after 10, 20, 30, 40 and 50 days: a
  median of 30 days, all within three months;
- evictions: in May, six termination notices from landlords and two eviction notices from Kronofogden, so the
  report prints Kronofogden's two as "≤3" and hides the landlords' six ("..") beside the total 8.
"""

from dataclasses import replace
from datetime import date, timedelta

from django.utils import timezone

from cases.models import District, DistrictPostalArea
from evictions import services as eviction_services
from evictions.models import Notice
from kompotten.models import Unit, User
from tests.cases.relocation.world import open_request
from tests.evictions.conftest import notice_input, tenant
from tests.housing.conftest import approve, refer

DECISION_DAYS = (10, 20, 30, 40, 50)


def last_year() -> int:
    return timezone.localdate().year - 1


def build_world(networks) -> int:
    year = last_year()
    nexus = User.objects.get(email="nexus@uppsala.example")
    housing = User.objects.get(email="bostad@uppsala.example")
    evictions = User.objects.get(email="vrakning@uppsala.example")
    for day in range(4):
        open_request(networks, nexus, on=date(year, 4, 1 + day))
    referred = date(year, 3, 1)
    for days in DECISION_DAYS:
        application = refer(nexus, referred_on=referred)
        approve(application, housing, decided_on=referred + timedelta(days=days))
    centrum = District.objects.create(name="Centrum")
    DistrictPostalArea.objects.create(district=centrum, postal_code_from="75300", postal_code_to="75399")
    unit = Unit.objects.get(kind=Unit.Kind.EVICTION_PREVENTION)
    base = notice_input(received_on=date(year, 5, 12), served_on=date(year, 5, 10))
    for number in range(8):
        data = replace(base, tenants=(tenant(),), street_address=f"Svartbäcksgatan {number + 1}")
        if number >= 6:
            data = replace(
                data,
                sender_kind=Notice.Sender.KRONOFOGDEN,
                kind=Notice.Kind.EVICTION,
                reasons=(),
                eviction_date=date(year, 6, 20),
            )
        eviction_services.notice_register(data=data, unit=unit, acting_user=evictions)
    return year
