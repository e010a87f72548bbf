"""The eviction pages: the notice form, the file list and the due list (paged, constant query count), the file
page, the escalation list and the routed notices."""

from datetime import datetime, time, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from cases import services as case_services
from evictions import selectors, services
from evictions.models import EvictionFile, Notice
from tests.evictions.conftest import days_ago, notice_input, tenant
from tests.factories import TEST_REASON, PersonFactory

FORM = {
    "received_on": "2026-03-02",
    "channel": "post",
    "sender_kind": "debt_collector",
    "sender_name": "Inkasso AB",
    "kind": "termination",
    "reasons": ["rent_debt"],
    "rent_debt_capital": "12 500,50",
    "rent_debt_costs": "350",
    "served_on": "2026-02-27",
    "tenant_given_name": "Sara",
    "tenant_family_name": "Lind",
    "tenant_identity_number": "199001019802",
    "street_address": "Svartbäcksgatan 1",
    "postal_code": "753 20",
    "landlord_name": "Heimstaden",
    "landlord_kind": "private",
    "children_in_household": "on",
}


def test_the_caseworker_registers_a_notice_by_form_and_lands_on_the_new_file(client, districts, eviction_caseworker):
    client.force_login(eviction_caseworker)
    assert client.get(reverse("evictions:notice_add")).status_code == 200
    response = client.post(reverse("evictions:notice_add"), FORM, follow=True)
    notice = Notice.objects.get()
    assert response.redirect_chain[-1][0] == reverse("evictions:file_detail", args=[notice.file.case_id])
    assert str(notice.rent_debt_capital) == "12500.50" and notice.sender_name == "Inkasso AB"
    assert notice.file.has_children
    page = response.content.decode()
    assert "Återvinningsfrist" in page and "2026-03-20" in page  # 27 Feb + 3 weeks is Friday 20 March
    assert "Sara Lind" in page and "12" in page


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"tenant_identity_number": "19900101-0000"}, "ontroll"),
        ({"reasons": []}, "Ange minst ett skäl"),
        ({"rent_debt_capital": "tolv tusen"}, "Skriv beloppet i kronor"),
        ({"postal_code": "75431"}, "inget distrikt"),
        ({"co_tenant_given_name": "Per"}, "Fyll i medhyresgästens"),
    ],
)
def test_a_bad_notice_is_shown_again_with_the_input_and_a_swedish_message(
    client, districts, eviction_caseworker, change, message
):
    client.force_login(eviction_caseworker)
    response = client.post(reverse("evictions:notice_add"), FORM | change)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert 'value="Svartbäcksgatan 1"' in page and 'value="Heimstaden"' in page
    assert Notice.objects.count() == 0


@pytest.mark.parametrize("persona", ["nexus_caseworker", "housing_handler", "manager", "partner_vasteras"])
def test_only_the_eviction_team_registers_notices_and_sees_its_lists(client, request, districts, persona):
    client.force_login(request.getfixturevalue(persona))
    for name in ("notice_add", "file_list", "due_list", "escalations", "routed_notices"):
        assert client.get(reverse(f"evictions:{name}")).status_code == 403, name


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "url",
    [
        "/vrakning/arenden/",
        "/vrakning/arenden/?status=alla&barn=1",
        "/vrakning/att-gora/",
        "/vrakning/flaggade/",
        "/vrakning/klara-att-avsluta/",
    ],
)
def test_the_lists_take_the_same_number_of_queries_for_two_files_as_for_eight(
    client, register, eviction_caseworker, url
):
    def add_files(count):
        for _ in range(count):
            anna = tenant()
            register(notice_input(tenants=(anna, tenant())), received_on=days_ago(19), served_on=days_ago(20))
            family = register(notice_input(tenants=(anna,), children_in_household=True))
            register(notice_input(tenants=(tenant(),), received_on=days_ago(59), served_on=days_ago(60)))  # passed
            booked = timezone.make_aware(datetime.combine(timezone.localdate() + timedelta(days=1), time(10)))
            services.letter_create(
                file=family.file,
                acting_user=eviction_caseworker,
                data=services.LetterInput(kind="visit", booked_at=booked, override_reason="Testfall"),
            )
            warning = register(
                notice_input(kind="warning", reasons=("disturbance",), served_on=None, received_on=days_ago(40))
            )
            services.file_transition(file=warning.file, target="ready_to_close", acting_user=eviction_caseworker)

    client.force_login(eviction_caseworker)
    add_files(2)
    few = _queries(client, url)
    add_files(6)
    assert _queries(client, url) == few


@pytest.mark.dates
def test_the_due_list_shows_the_next_five_working_days_families_with_children_first(
    client, register, eviction_caseworker
):
    # Served 19 days ago: three weeks end in two days, or on the next working day: within five working days.
    single = register(notice_input(served_on=days_ago(19), received_on=days_ago(18)))
    family = register(notice_input(served_on=days_ago(19), received_on=days_ago(18), children_in_household=True))
    later = register(notice_input(served_on=timezone.localdate(), received_on=timezone.localdate()))
    client.force_login(eviction_caseworker)
    page = client.get(reverse("evictions:due_list")).content.decode()
    assert page.index(family.file.case.number) < page.index(single.file.case.number)
    assert later.file.case.number not in page


def test_the_file_page_masks_a_protected_tenant_and_the_flat_for_users_without_a_grant(
    client, register, manager, eviction_caseworker, eviction_team_lead
):
    hidden = PersonFactory(protected=True, given_name="Hemlig", family_name="Hyresgäst")
    notice = register(
        notice_input(tenants=(tenant(identity_number=hidden.identity_number),), street_address="Gömda gatan 3")
    )
    url = reverse("evictions:file_detail", args=[notice.file.case_id])
    # registering the notice granted the caseworker nothing; the manager sees the neutral placeholder, as for anyone
    for user, placeholder in ((manager, "Identitet visas inte"), (eviction_caseworker, "Skyddad identitet")):
        client.force_login(user)
        page = client.get(url).content.decode()
        assert placeholder in page
        assert "Hemlig" not in page and "Gömda gatan" not in page and hidden.identity_number not in page
    # Once the team lead gives them the file, the caseworker holds the grant through the case.
    case_services.case_assign_handler(
        case=notice.file.case, user=eviction_caseworker, acting_user=eviction_team_lead, reason=TEST_REASON
    )
    assert "Gömda gatan 3" in client.get(url).content.decode()


def test_a_repeated_notice_lists_the_file_for_the_team_lead_until_it_is_handled(
    client, register, eviction_caseworker, eviction_team_lead
):
    anna = tenant()
    register(notice_input(tenants=(anna,), received_on=days_ago(40), served_on=days_ago(41)))
    notice = register(notice_input(tenants=(anna,)))
    client.force_login(eviction_caseworker)
    assert notice.file.case.number in client.get(reverse("evictions:escalations")).content.decode()
    assert (
        "Flaggad för teamledaren"
        in client.get(reverse("evictions:file_detail", args=[notice.file.case_id])).content.decode()
    )
    client.force_login(eviction_team_lead)
    response = client.post(reverse("evictions:escalation_clear", args=[notice.file.case_id]), follow=True)
    assert not EvictionFile.objects.get(pk=notice.file.pk).escalated
    assert "är hanterad" in response.content.decode() and "Inga flaggade ärenden" in response.content.decode()


def test_a_routed_notice_is_listed_with_where_and_when(client, register, eviction_caseworker):
    register(notice_input(postal_code="75645", tenants=(tenant(given_name="Gunnel"),)))
    client.force_login(eviction_caseworker)
    page = client.get(reverse("evictions:routed_notices")).content.decode()
    assert "Gottsunda" in page and "gottsunda@uppsala.example" in page and "Gunnel" in page


@pytest.mark.dates
def test_the_start_page_counts_the_next_five_working_days_and_the_flagged_files(client, register, eviction_caseworker):
    anna = tenant()
    register(notice_input(tenants=(anna,), served_on=days_ago(19), received_on=days_ago(18)))
    register(notice_input(tenants=(anna,), kind=Notice.Kind.WARNING, reasons=(Notice.Reason.DISTURBANCE,)))
    client.force_login(eviction_caseworker)
    page = client.get(reverse("evictions:start")).content.decode()
    assert "Att göra de närmaste fem arbetsdagarna: 1 frist" in page
    assert "Flaggade för teamledaren: 1 ärende" in page


def test_a_booked_visit_set_on_the_case_core_shows_on_the_file_page(client, register, eviction_caseworker):
    notice = register()
    case_services.deadline_set(
        case=notice.file.case,
        label="Bokat besök",
        starts_on=timezone.localdate(),
        days=5,
        acting_user=eviction_caseworker,
    )
    client.force_login(eviction_caseworker)
    page = client.get(reverse("evictions:file_detail", args=[notice.file.case_id])).content.decode()
    assert "Bokat besök" in page and (timezone.localdate() + timedelta(days=5)).isoformat()[:4] in page


@pytest.mark.parametrize(("url", "rows"), [("/vrakning/arenden/", "rows"), ("/vrakning/att-gora/", "rows")])
def test_paging_a_list_shows_every_row_once_in_order_at_the_same_cost_on_every_page(
    client, register, eviction_caseworker, monkeypatch, url, rows
):
    """The page's ids are read first and its rows second (kompotten/paging.py `exact_page`): the order, the count and
    the query count must be those of one query."""
    monkeypatch.setattr(selectors, "PAGE_SIZE", 3)
    for n in range(8):  # recovery periods ending in the next few days; passed ones with an overdue deadline
        served = days_ago(40 + n) if n % 2 else days_ago(15 + n % 4)
        notice = register(notice_input(served_on=served, received_on=served, children_in_household=n % 3 == 0))
        if n % 2:
            case_services.deadline_set(
                case=notice.file.case,
                label="Ring hyresvärden",
                starts_on=days_ago(30 + n),
                days=7,
                acting_user=eviction_caseworker,
            )
    client.force_login(eviction_caseworker)
    client.get(url)  # the first request after logging in also stores the session's clock
    first = client.get(url)
    pages = [first] + [client.get(f"{url}?sida={n}") for n in (2, 3)]
    shown = [row for page in pages for row in page.context[rows]]
    if url == "/vrakning/att-gora/":
        today = timezone.localdate()
        due = selectors._due(selectors.AccessPolicy(eviction_caseworker), today)
        expected = list(due.order_by(*selectors.due_order(today)))
        assert [row.deadline for row in shown] == expected
        overdue = [row.deadline.due_on < today for row in shown]
        assert overdue == sorted(overdue, reverse=True)  # overdue first
    else:
        files = selectors.visible_files(selectors.AccessPolicy(eviction_caseworker)).filter(status="open")
        ordered = selectors._with_list_data(files).order_by("-escalated", "next_due", "-case__year", "-case__sequence")
        assert [row.file for row in shown] == list(ordered)
    assert len(shown) == 8 == first.context["page"].paginator.count
    assert _queries(client, url) == _queries(client, f"{url}?sida=3")


def test_the_file_list_filters_by_children_and_shows_a_bad_district_as_an_error(client, register, eviction_caseworker):
    """The filters are one form (`evictions/filters.py`): a district that is no id gets the form's Swedish error
    above the panel instead of a 500, and the other filters still apply."""
    register(notice_input(children_in_household=True))
    register(notice_input(children_in_household=False))
    client.force_login(eviction_caseworker)
    url = reverse("evictions:file_list")
    assert len(client.get(url).context["rows"]) == 2
    response = client.get(url, {"distrikt": "x", "barn": "1"})
    assert response.status_code == 200 and 'href="#filter-distrikt"' in response.content.decode()
    assert [row.file.has_children for row in response.context["rows"]] == [True]
    assert response.context["filters"].children is True
