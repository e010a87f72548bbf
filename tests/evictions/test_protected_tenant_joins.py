"""Issue 18, grants are given, never taken: a notice naming a protected person joins the household's file, which
already has a handler, without opening the person to her. She sees the person masked on her file until the unit's team
lead, who finds the file on the due list and the workload page, confirms her access with a reason (a grant in the
managers' review); a handler who may see the person already is not held back."""

from django.urls import reverse

import pytest

from cases import services as case_services
from cases.models import AccessLogEntry, GrantEvent, PendingPartyAccess
from evictions import registration
from evictions.models import LetterKind
from evictions.services import LetterInput, letter_create
from tests.evictions.conftest import PLACEHOLDER, as_tenant, assert_masked, days_ago, notice_input, tenant, views_of
from tests.evictions.test_pages import FORM
from tests.factories import TEST_REASON

ANNA = {"given_name": "Anna", "family_name": "Hyresgäst"}


@pytest.fixture
def handled(register, eviction_caseworker):
    """Anna's file, which the caseworker handles (she registered the first notice), with a letter sent to Anna."""
    notice = register(notice_input(tenants=(tenant(**ANNA),)))
    letter_create(
        file=notice.file,
        data=LetterInput(kind=LetterKind.CONTACT, override_reason="Hushållet bad om brev"),
        acting_user=eviction_caseworker,
    )
    assert list(notice.file.case.assignments.values_list("user", flat=True)) == [eviction_caseworker.pk]
    return notice


def _join(client, handled, person):
    """The caseworker registers a notice naming Anna and the protected person, by the form."""
    anna = handled.tenants.get()
    form = FORM | {
        "tenant_given_name": "Anna",
        "tenant_family_name": "Hyresgäst",
        "tenant_identity_number": anna.person.identity_number,
        "co_tenant_given_name": person.given_name,
        "co_tenant_family_name": person.family_name,
        "co_tenant_identity_number": person.identity_number,
        "street_address": "Svartbäcksgatan 10",
        "postal_code": "75320",
    }
    return client.post(reverse("evictions:notice_add"), form, follow=True)


def test_the_handler_sees_the_protected_tenant_masked_until_the_team_lead_confirms_her_access(
    client, handled, leila, eviction_caseworker, eviction_team_lead
):
    case = handled.file.case
    file_url = reverse("evictions:file_detail", args=[case.pk])
    client.force_login(eviction_caseworker)
    response = _join(client, handled, leila)
    assert response.redirect_chain[-1][0] == file_url
    page = response.content.decode()
    assert "visas för handläggaren först när gruppledaren har bekräftat åtkomsten" in page
    assert_masked(page, leila)
    assert "Anna Hyresgäst" in page  # the rest of the file is hers as before, the letter sent to Anna too
    assert client.get(reverse("cases:person_detail", args=[leila.pk])).status_code == 404
    assert not views_of(leila, eviction_caseworker)
    assert list(GrantEvent.objects.filter(case=case).values_list("kind", flat=True)) == ["assigned"]  # when opened
    handled.file.refresh_from_db()
    assert handled.file.escalated and handled.file.escalation_reason == registration.PENDING_FLAG_REASON

    client.force_login(eviction_team_lead)
    confirm_url = f"{reverse('cases:handler_assign', args=[case.pk])}?anvandare={eviction_caseworker.pk}"
    for url in (reverse("cases:workload"), reverse("evictions:due_list")):
        page = client.get(url).content.decode()
        assert case.number in page and eviction_caseworker.get_full_name() in page, url
        assert confirm_url.replace("&", "&amp;") in page and "Bekräfta åtkomst" in page, url
        assert_masked(page, leila)
    assert "Väntar på handläggare" in page  # the due list: the team lead's part first
    form = client.get(confirm_url).content.decode()
    assert "bekräfta åtkomsten till en ny person i ärendet" in form

    response = client.post(confirm_url, {"user": eviction_caseworker.pk, "reason": TEST_REASON})
    assert response.status_code == 302
    event = GrantEvent.objects.get(person=leila, case=case)
    assert (event.kind, event.user, event.given_by, event.reason, event.protected) == (
        GrantEvent.Kind.CONFIRMED,
        eviction_caseworker,
        eviction_team_lead,
        TEST_REASON,
        True,
    )
    assert "Bekräfta åtkomst" not in client.get(reverse("evictions:due_list")).content.decode()

    client.force_login(eviction_caseworker)
    page = client.get(file_url).content.decode()
    assert "Leila Karimi" in page and PLACEHOLDER not in page
    [entry] = views_of(leila, eviction_caseworker)
    assert entry.grant == AccessLogEntry.Grant.ASSIGNMENT


def test_access_is_confirmed_only_by_the_team_lead_with_a_reason_and_nothing_opens_before(
    client, handled, leila, eviction_caseworker, eviction_team_lead
):
    client.force_login(eviction_caseworker)
    _join(client, handled, leila)
    case = handled.file.case
    assign_url = reverse("cases:handler_assign", args=[case.pk])
    assert client.post(assign_url, {"user": eviction_caseworker.pk, "reason": TEST_REASON}).status_code == 403

    client.force_login(eviction_team_lead)
    response = client.post(assign_url, {"user": eviction_caseworker.pk, "reason": ""})
    assert response.status_code == 400 and "Ange skälet till tilldelningen." in response.content.decode()
    assert PendingPartyAccess.objects.filter(user=eviction_caseworker).exists()
    assert not GrantEvent.objects.filter(kind=GrantEvent.Kind.CONFIRMED).exists()

    # Taken off the file and put back by the team lead, she is given all of it, with that reason.
    case_services.case_unassign_handler(case=case, user=eviction_caseworker, acting_user=eviction_team_lead)
    assert not PendingPartyAccess.objects.exists()
    case_services.case_assign_handler(
        case=case, user=eviction_caseworker, acting_user=eviction_team_lead, reason=TEST_REASON
    )
    client.force_login(eviction_caseworker)
    assert "Leila Karimi" in client.get(reverse("evictions:file_detail", args=[case.pk])).content.decode()


def test_a_handler_who_already_sees_the_protected_tenant_is_not_held_back(client, handled, mira, eviction_caseworker):
    client.force_login(eviction_caseworker)
    page = _join(client, handled, mira).content.decode()
    assert "Mira Skyddsdotter" in page and "gruppledaren har bekräftat" not in page
    assert not PendingPartyAccess.objects.exists()


def test_an_import_joining_a_protected_tenant_to_a_handled_file_counts_it_as_gone_to_the_team_lead(
    register, handled, leila, eviction_caseworker
):
    anna = as_tenant(handled.tenants.get().person)
    notice = register(notice_input(tenants=(anna, as_tenant(leila)), served_on=days_ago(0)))  # a later notice
    assert notice.file == handled.file
    files = registration.awaiting_team_lead(type(handled.file).objects.all())
    assert list(files) == [handled.file]
    [pending] = PendingPartyAccess.objects.all()
    assert (pending.party.person, pending.user) == (leila, eviction_caseworker)
