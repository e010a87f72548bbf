"""What `manage.py benchmark` times for the case core (the case list, a case page, person search, the log review) and
the relocation requests (the request list and its filters, a request, the Nexus start page, directory, inquiries)."""

from datetime import date, timedelta

from django.utils import timezone

from cases import services
from cases.models import Case, CaseParty, ProtectionLevel
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
    ]


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
