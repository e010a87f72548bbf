"""What `manage.py benchmark` times for the case core (the case list, a case page, person search, the log review, the
retention list and the culling log) and the relocation requests (the request list and its filters, a request, the
Nexus start page, directory, inquiries)."""

from datetime import date, timedelta

from django.utils import timezone

from cases import services
from cases.models import Case, CaseParty, Culling, ProtectionLevel, RetentionList
from cases.relocation import services as relocation
from cases.relocation.models import Direction, Network, RelocationRequest
from kompotten.models import Municipality, Unit, User
from kompotten.roles import Role


def pages(*, count: int, log) -> list[tuple[User, str]]:
    """Creates `count` assigned cases (rolled back by the command) and returns the (user, url) pairs to time."""
    caseworker = User.objects.get(email="nexus@uppsala.example")
    manager = User.objects.get(email="chef@uppsala.example")
    first = _make_cases(count, caseworker)
    request = _make_requests(count, caseworker)
    _make_cullings(count, first, manager)
    return [
        (caseworker, "/arenden/"),
        (caseworker, "/arenden/?sortera=frist&status=all"),
        (caseworker, f"/arenden/?sida={max(count // 25, 1)}"),
        (caseworker, f"/arenden/{first.pk}/"),
        (caseworker, "/arenden/personer/?q=Bench"),
        (manager, "/arenden/"),
        (manager, "/arenden/atkomstlogg/granskning/"),
        (caseworker, "/arenden/forfragningar/"),
        (caseworker, "/arenden/forfragningar/?riktning=incoming&forsenade=1"),
        (caseworker, f"/arenden/forfragningar/?sida={max(count // 25, 1)}"),
        (caseworker, f"/arenden/{request.case.pk}/forfragan/"),
        (caseworker, "/arenden/nexus/"),
        (caseworker, "/arenden/natverk/"),
        (caseworker, "/arenden/telefonforfragningar/"),
        (caseworker, "/arenden/forfragningar/omsesidighet/"),
        (manager, "/arenden/forfragningar/"),
        (manager, "/arenden/gallring/"),
        (manager, "/arenden/gallring/logg/"),
        (manager, f"/arenden/gallring/logg/?sida={max(count // 50, 1)}"),
    ]


def _make_cullings(count, first: Case, manager) -> None:
    """A culling log of `count` rows on this year's list (only rows: no case is culled, and all is rolled back)."""
    retention_list, _created = RetentionList.objects.get_or_create(year=timezone.localdate().year)
    cases = Case.objects.filter(pk__gte=first.pk).order_by("pk")[:count]
    now = timezone.now()
    Culling.objects.bulk_create(
        Culling(
            at=now,
            retention_list=retention_list,
            case=case,
            case_number=case.number,
            record_kind=case.kind,
            last_entry_on=case.opened_on,
            legal_basis="Benchmark",
            approved_by=manager,
        )
        for case in cases
    )


def _make_requests(count, caseworker) -> RelocationRequest:
    """`count` incoming relocation requests from a throw-away network's member, half of them overdue."""
    network = relocation.network_create(name="Benchmark", kind=Network.Kind.REGIONAL, acting_user=caseworker)
    partner = Municipality.objects.get(code="1980")
    long_ago = date(2020, 1, 1)
    relocation.membership_add(network=network, municipality=partner, joined_on=long_ago, acting_user=caseworker)
    today = timezone.localdate()
    first = None
    for n in range(count):
        received = today - timedelta(days=n % 30)
        request = relocation.request_open(
            direction=Direction.INCOMING, network=network, municipality=partner, on=received, acting_user=caseworker
        )
        relocation.inquiry_record(
            occurred_on=received,
            direction=Direction.INCOMING,
            network=network,
            municipality=partner,
            topic="housing_situation",
            stop_reason="no_flats",
            acting_user=caseworker,
        )
        first = first or request
    return first


def _make_cases(count, caseworker) -> Case:
    """`count` assigned cases, each with one applicant; every fifth applicant has skyddad folkbokföring."""
    unit = Unit.objects.get(kind=Unit.Kind.NEXUS, members=caseworker)
    team_lead = User.objects.get(unit=unit, groups__name=Role.TEAM_LEAD.value)  # gives the protected cases
    today = timezone.localdate()
    first = None
    for n in range(count):
        protection = {}
        if n % 5 == 0:
            protection = {
                "protection_level": ProtectionLevel.PROTECTED_REGISTRATION,
                "protection_noted_on": today,
                "protection_source": "Benchmark",
            }
        person = services.person_register(
            acting_user=caseworker,
            given_name="Bench",
            family_name=f"Person{n}",
            reserve_number=f"BENCH-{n}",
            **protection,
        )
        case = services.case_open(kind=Case.Kind.RELOCATION, unit=unit, acting_user=caseworker)
        services.case_add_person(case=case, person=person, role=CaseParty.Role.APPLICANT, acting_user=caseworker)
        services.case_assign_handler(case=case, user=caseworker, acting_user=team_lead, reason="Benchmark-fördelning")
        services.deadline_set(case=case, label="Frist", starts_on=case.opened_on, weeks=2, acting_user=caseworker)
        first = first or case
    return first
