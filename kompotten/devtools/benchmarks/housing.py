"""What `manage.py benchmark` times for the housing unit: the application list, the queue, flats, contracts, the
referrals Nexus sees and the start page (the handler's, and the team lead's with its inbox of unassigned referrals),
on `count` applications made through the services (rolled back)."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from cases import services as case_services
from cases.models import District, Landlord, ProtectionLevel
from housing import queue, services
from housing.models import (
    ChecklistItem,
    HousingApplication,
    PlacementOutcome,
    ReferralKind,
    ReservationPool,
    ShelterProvider,
)
from kompotten.models import Unit, User
from kompotten.roles import Role


def pages(*, count: int, log) -> list[tuple[User, str]]:
    handler = User.objects.get(email="bostad@uppsala.example")
    nexus = User.objects.get(email="nexus@uppsala.example")
    team_lead = User.objects.get(unit=handler.unit, groups__name=Role.TEAM_LEAD.value)
    first = _applications(count, nexus, handler, team_lead)
    client_case = _placements(max(count // 10, 3), nexus)
    _flats_and_contracts(max(count // 10, 3), handler)
    return [
        (handler, "/bostad/"),
        (team_lead, "/bostad/"),
        (handler, "/bostad/ansokningar/"),
        (handler, "/bostad/ansokningar/?frist=1"),
        (handler, f"/bostad/ansokningar/?status=all&sida={max(count // 25, 1)}"),
        (handler, f"/bostad/ansokningar/{first.pk}/"),
        (handler, "/bostad/ko/"),
        (handler, f"/bostad/ko/?efter={_deep_in_queue(count)}"),
        (handler, "/bostad/lagenheter/"),
        (handler, "/bostad/kontrakt/?status=all"),
        (handler, "/bostad/potter/"),
        (nexus, "/bostad/remisser/"),
        (nexus, "/bostad/placeringar/?status=all"),
        (nexus, "/bostad/stodarenden/"),
        (nexus, "/bostad/stodarenden/?status=all&q=Placerad1"),
        (nexus, f"/bostad/stodarenden/{client_case.pk}/"),
    ]


def _deep_in_queue(count: int) -> queue.Place | str:
    """The place a deep page of the queue starts after: a page from the end of the queue (none: the first page)."""
    queued = list(queue.in_queue_order(HousingApplication.objects.all()).select_related("case")[: max(count // 3, 1)])
    return queue.Place.of(queued[max(len(queued) - 25, 0)]) if queued else ""


def _applications(count, nexus, handler, team_lead):
    """`count` referrals from Nexus over the last year; every fifth applicant has skyddad folkbokföring; every
    third is approved (queued), every seventh has children; every third (never an approved one) waits without a
    handler in the team lead's inbox."""
    nexus_unit = Unit.objects.get(kind=Unit.Kind.NEXUS, members=nexus)
    today = timezone.localdate()
    items = list(ChecklistItem.objects.filter(active=True))
    first = None
    for n in range(count):
        protection = {}
        if n % 5 == 0:
            protection = {
                "protection_level": ProtectionLevel.PROTECTED_REGISTRATION,
                "protection_noted_on": today,
                "protection_source": "Benchmark",
            }
        person = case_services.person_register(
            acting_user=nexus,
            given_name="Bench",
            family_name=f"Sökande{n}",
            reserve_number=f"BENCH-H-{n}",
            **protection,
        )
        children = [services.ChildInput("Barn", today.year - 4)] if n % 7 == 0 else []
        application = services.application_refer(
            referral_kind=ReferralKind.HOUSING_CHAIN,
            person=person,
            referring_unit=nexus_unit,
            acting_user=nexus,
            background="Benchmark",
            children=children,
            referred_on=today - timedelta(days=n % 365),
        )
        if n % 3 == 2:
            continue  # in the inbox: nobody handles it yet
        case_services.case_assign_handler(
            case=application.case, user=handler, acting_user=team_lead, reason="Benchmark-fördelning"
        )
        if n % 3 == 0:
            services.checklist_save(application=application, done=dict.fromkeys(items, ""), acting_user=handler)
            services.application_decide(
                application=application, outcome="approved", reasons="Benchmark", acting_user=handler
            )
        first = first or application
    return first


def _flats_and_contracts(count, handler):
    district, _ = District.objects.get_or_create(name="Benchmarkområdet")
    landlord, _ = Landlord.objects.get_or_create(name="Benchmark Bostäder AB", defaults={"kind": "municipal"})
    pool = ReservationPool.objects.create(
        name="Benchmarkpotten", kind=ReservationPool.Kind.SOCIAL_CONTRACT, landlord=landlord
    )
    services.pool_set_quota(pool=pool, year=timezone.localdate().year, promised=count, acting_user=handler)

    for n in range(count):
        flat = services.flat_register(
            landlord=landlord,
            pool=pool,
            street_address=f"Benchgatan {n}",
            postal_code="75320",
            district=district,
            rooms=1 + n % 4,
            area=Decimal("50.0"),
            rent=6000,
            floor=n % 5,
            available_from=timezone.localdate(),
            acting_user=handler,
        )
        if n % 2 == 0:
            proposals = queue.match_flat(flat, HousingApplication.objects.all()).proposals
            if proposals:
                offer = services.offer_make(
                    flat=flat, application=proposals[0].application, answer_by=timezone.localdate(), acting_user=handler
                )
                services.offer_accept(offer=offer, acting_user=handler)


def _placements(count, nexus):
    """`count` placements on Nexus's client cases, every other one ended with an outcome; the first case."""

    provider = ShelterProvider.objects.create(name="Benchmark Skyddat Boende AB", agreement="Benchmark")
    today = timezone.localdate()
    cases = []
    for n in range(count):
        case = services.support_case_open(
            acting_user=nexus, given_name="Bench", family_name=f"Placerad{n}", reserve_number=f"BENCH-P-{n}"
        )
        cases.append(case)
        placement = services.placement_start(
            case=case, provider=provider, starts_on=today - timedelta(days=60), children=n % 3, acting_user=nexus
        )
        if n % 2:
            outcome = PlacementOutcome.values[n % len(PlacementOutcome.values)]
            services.placement_end(placement=placement, ends_on=today, outcome=outcome, acting_user=nexus)
    return cases[0]
