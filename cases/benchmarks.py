"""What `manage.py benchmark` times for the case core: the case list, a case page, person search, the log review."""

from django.utils import timezone

from cases import services
from cases.models import Case, CaseParty, ProtectionLevel
from kompotten.models import Unit, User


def pages(*, count: int, log) -> list[tuple[User, str]]:
    """Creates `count` assigned cases (rolled back by the command) and returns the (user, url) pairs to time."""
    caseworker = User.objects.get(email="nexus@uppsala.example")
    manager = User.objects.get(email="chef@uppsala.example")
    first = _make_cases(count, caseworker)
    return [
        (caseworker, "/arenden/"),
        (caseworker, "/arenden/?sortera=frist&status=all"),
        (caseworker, f"/arenden/?sida={max(count // 25, 1)}"),
        (caseworker, f"/arenden/{first.pk}/"),
        (caseworker, "/arenden/personer/?q=Bench"),
        (manager, "/arenden/"),
        (manager, "/arenden/atkomstlogg/granskning/"),
    ]


def _make_cases(count, caseworker) -> Case:
    """`count` assigned cases, each with one applicant; every fifth applicant has skyddad folkbokföring."""
    unit = Unit.objects.get(kind=Unit.Kind.NEXUS, members=caseworker)
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
            acting_user=caseworker, given_name="Bench", family_name=f"Person{n}", reserve_number=f"BENCH-{n}",
            **protection,
        )  # fmt: skip
        case = services.case_open(kind=Case.Kind.RELOCATION, unit=unit, acting_user=caseworker)
        services.case_add_person(case=case, person=person, role=CaseParty.Role.APPLICANT, acting_user=caseworker)
        services.case_assign_handler(case=case, user=caseworker, acting_user=caseworker)
        services.deadline_set(case=case, label="Frist", starts_on=case.opened_on, weeks=2, acting_user=caseworker)
        first = first or case
    return first
