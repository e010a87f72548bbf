from django.core.management import call_command

import pytest

from kompotten.models import Unit, User
from kompotten.roles import Role, roles_of

# The demo is seeded once for this module (`demo_installation`); a test of an installation without it lives in
# test_seed_demo_if_empty.py.
pytestmark = pytest.mark.django_db

DEMO_LOGINS = {
    "nexus@uppsala.example": Role.NEXUS_CASEWORKER,
    "bostad@uppsala.example": Role.HOUSING_HANDLER,
    "vrakning@uppsala.example": Role.EVICTION_CASEWORKER,
    "chef@uppsala.example": Role.MANAGER,
    "admin@uppsala.example": Role.ADMINISTRATOR,
    "kontakt@vasteras.example": Role.PARTNER_CONTACT,
    "kontakt@enkoping.example": Role.PARTNER_CONTACT,
}
# A team lead also works as a caseworker of their unit.
TEAM_LEADS = {
    "gruppledare.nexus@uppsala.example": Role.NEXUS_CASEWORKER,
    "gruppledare.bostad@uppsala.example": Role.HOUSING_HANDLER,
    "gruppledare.vrakning@uppsala.example": Role.EVICTION_CASEWORKER,
}


def snapshot():
    return (
        list(User.objects.order_by("email").values_list("email", "password", "unit_id", "partner_municipality_id")),
        list(Unit.objects.order_by("id").values_list("id", "name", "kind")),
        User.history.count(),
    )


def test_seed_demo_creates_one_user_per_role_who_can_log_in(demo_installation, client, settings):
    for email, role in DEMO_LOGINS.items():
        user = User.objects.get(email=email)
        assert roles_of(user) == [role]
        # Through the login form: axes (lock-out) needs the request that client.login() does not pass.
        response = client.post("/logga-in/", {"username": email, "password": settings.DEMO_PASSWORD})
        assert response.status_code == 302, email
        assert client.session["_auth_user_id"] == str(user.pk)
        client.post("/logga-ut/")
    for email, caseworker_role in TEAM_LEADS.items():
        assert roles_of(User.objects.get(email=email)) == [caseworker_role, Role.TEAM_LEAD]
    assert User.objects.get(email="kontakt@vasteras.example").partner_municipality.short_name == "Västerås"
    assert User.objects.get(email="kontakt@enkoping.example").partner_municipality.short_name == "Enköping"
    assert User.objects.get(email="bostad@uppsala.example").unit.municipality.short_name == "Uppsala"


def test_running_seed_demo_twice_changes_nothing(demo_installation):
    before = snapshot()
    call_command("seed_demo")
    assert snapshot() == before


def test_only_the_administrator_may_use_the_django_admin(demo_installation):
    staff = User.objects.filter(is_staff=True).values_list("email", flat=True)
    assert list(staff) == ["admin@uppsala.example"]


def test_users_are_deactivated_never_deleted(demo_installation, client, settings):
    from django.urls import reverse

    admin = User.objects.get(email="admin@uppsala.example")
    client.force_login(admin)
    target = User.objects.get(email="nexus2@uppsala.example")
    response = client.post(reverse("admin:kompotten_user_delete", args=[target.pk]), {"post": "yes"})
    assert response.status_code == 403
    assert User.objects.filter(pk=target.pk).exists()


def test_the_demo_shows_what_is_due_with_booked_visits_on_their_day(demo_installation, client):
    from django.urls import reverse
    from django.utils import timezone

    from cases.models import Deadline

    assert not Deadline.objects.filter(label__startswith="Bokat").exists()  # booked visits are no deadlines
    client.force_login(User.objects.get(email="vrakning@uppsala.example"))
    due = client.get(reverse("evictions:due_list"))
    assert due.context["rows"] and due.context["visits"]
    today = timezone.localdate()
    recovery = [row.deadline for row in due.context["rows"] if row.deadline.label == "Återvinningsfrist"]
    assert all(deadline.due_on >= today for deadline in recovery)
    assert due.context["passed"]  # the demo's older open files: recorded as passed, not as "Försenad"
    assert "Att göra de närmaste fem arbetsdagarna" in client.get(reverse("evictions:start")).content.decode()
    for email, url in (("nexus@uppsala.example", "cases:nexus_start"), ("bostad@uppsala.example", "housing:start")):
        client.force_login(User.objects.get(email=email))
        assert client.get(reverse(url)).status_code == 200


def test_the_demo_has_last_month_s_joint_meeting_recorded_and_next_month_s_planned_with_late_payers(
    demo_installation, client
):
    from django.urls import reverse
    from django.utils import timezone

    from evictions.models import LandlordMeeting

    today = timezone.localdate()
    held, planned = LandlordMeeting.objects.filter(landlord__name="Uppsalahem").order_by("meets_on")
    assert held.meets_on < today < planned.meets_on
    assert (planned.meets_on.year * 12 + planned.meets_on.month) - (today.year * 12 + today.month) == 1
    assert held.minutes.staff.count() == 2 and held.minutes.landlord_contacts.get().name == "Kim Kundvård"
    agreements = list(held.agreements.select_related("contact"))
    assert len(agreements) == 2 and all(a.contact.kind == "landlord" for a in agreements)
    assert not hasattr(planned, "minutes")  # not held yet
    client.force_login(User.objects.get(email="gruppledare.vrakning@uppsala.example"))
    page = client.get(reverse("evictions:meeting_detail", args=[planned.pk])).content.decode()
    assert "Sara Lind" in page and "Ung 18–25 år" in page
    assert "1 sen betalare utan samtycke" in page
    recorded = client.get(reverse("evictions:meeting_detail", args=[held.pk])).content.decode()
    assert "Avbetalningsplan" in recorded and "Besök hos hushållet" in recorded


def test_the_demo_s_list_of_joint_meetings_has_upcoming_meetings_with_several_landlords(demo_installation, client):
    from django.urls import reverse
    from django.utils import timezone

    client.force_login(User.objects.get(email="vrakning@uppsala.example"))
    upcoming = list(client.get(reverse("evictions:meeting_list")).context["page"].object_list)
    assert len(upcoming) == 4
    assert all(meeting.meets_on >= timezone.localdate() for meeting in upcoming)
    assert {meeting.landlord.name for meeting in upcoming} == {"Uppsalahem", "Heimstaden", "Rikshem"}
    assert [meeting.meets_on for meeting in upcoming] == sorted(meeting.meets_on for meeting in upcoming)
    [held] = client.get(reverse("evictions:meeting_list"), {"visa": "tidigare"}).context["page"].object_list
    assert held.recorded and held.agreed_files == 2
