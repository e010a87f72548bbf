"""notice_register: one file per household (two-year linking), escalation of repeated notices, routing by postal
code, the recovery period and the eviction date as deadlines on the one calendar."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

import pytest

from cases.models import Case, CaseParty, Deadline, District, Person
from evictions.events import EvictionAction
from evictions.models import EvictionFile, Notice
from evictions.workflow import FileStatus
from tests.evictions.conftest import close, days_ago, notice_input, tenant
from tests.factories import PersonFactory

# Built relative to today: the rules must hold on every day of the date matrix (tests/clock.py).
pytestmark = pytest.mark.dates


def test_a_first_notice_opens_a_file_for_the_household_with_the_tenants_and_the_caseworker(
    register, eviction_caseworker
):
    notice = register(notice_input(tenants=(tenant(given_name="Anna"), tenant(given_name="Bo"))))
    file = notice.file
    assert file.case.kind == Case.Kind.EVICTION
    assert file.district.name == "Centrum"
    assert file.status == FileStatus.OPEN and not file.escalated
    assert sorted(p.person.given_name for p in file.case.parties.all()) == ["Anna", "Bo"]
    assert list(file.case.handlers.all()) == [eviction_caseworker]
    assert notice.locality == "Uppsala"
    assert notice.rent_debt_total == notice.rent_debt_capital + notice.rent_debt_costs


def test_a_second_notice_for_the_household_joins_the_file_and_flags_it_for_the_team_lead(register):
    anna = tenant()
    first = register(notice_input(tenants=(anna,), received_on=days_ago(60), served_on=days_ago(61)))
    second = register(notice_input(tenants=(anna,)))
    assert second.file == first.file
    assert EvictionFile.objects.count() == 1
    file = EvictionFile.objects.get()
    assert file.escalated and file.escalated_on == timezone.localdate()
    assert "2" in file.escalation_reason
    assert file.case.events.filter(action=EvictionAction.ESCALATED).count() == 1


def test_the_co_tenant_alone_on_a_later_notice_still_finds_the_household(register):
    anna, bo = tenant(given_name="Anna"), tenant(given_name="Bo")
    first = register(notice_input(tenants=(anna, bo)))
    second = register(notice_input(tenants=(bo,), kind=Notice.Kind.WARNING, reasons=(Notice.Reason.DISTURBANCE,)))
    assert second.file == first.file


def test_a_file_closed_within_two_years_is_opened_again(register, eviction_caseworker):
    anna = tenant()
    first = register(notice_input(tenants=(anna,), received_on=days_ago(400), served_on=days_ago(401)))
    close(first.file, eviction_caseworker)
    Case.objects.filter(pk=first.file.case_id).update(closed_on=days_ago(300))
    second = register(notice_input(tenants=(anna,)))
    file = EvictionFile.objects.select_related("case").get(pk=first.file.pk)
    assert second.file == file
    assert file.status == FileStatus.OPEN and file.case.closed_on is None
    assert file.escalated
    assert file.case.events.filter(action=EvictionAction.REOPENED).exists()


def test_a_household_without_contact_for_more_than_two_years_gets_a_new_file(register, eviction_caseworker):
    anna = tenant()
    first = register(notice_input(tenants=(anna,), received_on=days_ago(900), served_on=days_ago(901)))
    close(first.file, eviction_caseworker)
    Case.objects.filter(pk=first.file.case_id).update(closed_on=days_ago(2 * 365 + 5))
    second = register(notice_input(tenants=(anna,)))
    assert second.file != first.file
    assert not second.file.escalated
    assert second.file.case.parties.get().person == first.file.case.parties.get().person


def test_a_notice_for_a_person_known_from_another_unit_reuses_the_registered_person(register):
    known = PersonFactory()
    notice = register(notice_input(tenants=(tenant(identity_number=known.identity_number, given_name="Annat"),)))
    assert notice.file.case.parties.get().person == known
    assert notice.tenants.get().person == known


def test_an_address_in_a_district_the_team_does_not_handle_is_routed_there_with_a_record(
    register, districts, eviction_caseworker
):
    typed = tenant(given_name="Gunnel", family_name="Ek")
    notice = register(notice_input(postal_code="756 45", tenants=(typed,), street_address="Gottsundavägen 3"))
    assert notice.routing == Notice.Routing.DISTRICT
    assert notice.district == districts["gottsunda"]
    assert notice.file is None and EvictionFile.objects.count() == 0
    assert notice.routed_by == eviction_caseworker and notice.routed_at is not None
    # The tenant is a registered person (not a copy beside the register), at the notice's address, in no case.
    person = notice.tenants.get().person
    assert (person.identity_number, person.full_name) == (typed.identity_number, "Gunnel Ek")
    assert (person.street_address, person.postal_code) == ("Gottsundavägen 3", "75645")
    assert person.history.get().history_user == eviction_caseworker and not CaseParty.objects.exists()


def test_a_routed_notice_naming_a_registered_person_is_tied_to_them(register):
    known = PersonFactory(protected=True)
    notice = register(notice_input(postal_code="72212", tenants=(tenant(identity_number=known.identity_number),)))
    assert notice.tenants.get().person == known and Person.objects.count() == 1


def test_an_address_in_another_municipality_is_routed_to_that_municipality(register):
    notice = register(notice_input(postal_code="72212"))
    assert notice.routing == Notice.Routing.MUNICIPALITY
    assert notice.routed_to_municipality.code == "1980"
    assert EvictionFile.objects.count() == 0


@pytest.mark.parametrize(
    ("postal_code", "message"),
    [("75431", "inget distrikt"), ("99999", "postnummerregistret"), ("7532", "fem siffror")],
)
def test_a_postal_code_that_cannot_be_placed_is_refused_and_nothing_is_saved(register, postal_code, message):
    with pytest.raises(ValidationError) as error:
        register(notice_input(postal_code=postal_code))
    assert message in " ".join(error.value.message_dict["postal_code"])
    assert Notice.objects.count() == 0 and Case.objects.count() == 0


def test_without_districts_the_team_handles_the_whole_host_municipality(register, districts):
    for district in districts.values():
        district.postal_areas.all().delete()
        district.delete()
    notice = register(notice_input(postal_code="75431"))
    assert notice.routing == Notice.Routing.FILED and notice.district is None


def test_a_district_the_housing_unit_keeps_for_flats_does_not_make_postal_codes_a_gap(register, districts):
    """The register is shared: a district without postal codes (where the housing unit's flats lie) does not count
    as the eviction team's map of the municipality; only the postal-code areas do."""
    for district in districts.values():
        district.postal_areas.all().delete()
    District.objects.create(name="Luthagen")
    notice = register(notice_input(postal_code="75431"))
    assert notice.routing == Notice.Routing.FILED and notice.district is None


@pytest.mark.parametrize(
    ("served_on", "due_on"),
    [
        (date(2026, 3, 2), date(2026, 3, 23)),  # an ordinary Monday three weeks on
        (date(2026, 6, 6), date(2026, 6, 29)),  # three weeks end on a Saturday: the Monday after
        (date(2026, 3, 13), date(2026, 4, 7)),  # Good Friday, then Easter: the Tuesday after Easter Monday
        (date(2026, 5, 29), date(2026, 6, 22)),  # midsummer eve, midsummer day, Sunday: Monday
        (date(2025, 12, 4), date(2025, 12, 29)),  # Christmas Day, Boxing Day, the weekend: Monday 29th
    ],
)
def test_the_recovery_period_is_three_weeks_from_service_moved_to_a_working_day(register, served_on, due_on):
    notice = register(notice_input(served_on=served_on, received_on=served_on + timedelta(days=1)))
    deadline = notice.recovery_deadline
    assert (deadline.label, deadline.starts_on, deadline.due_on) == ("Återvinningsfrist", served_on, due_on)
    assert deadline.case == notice.file.case


def test_a_warning_for_disturbance_has_no_recovery_period(register):
    notice = register(notice_input(kind=Notice.Kind.WARNING, reasons=(Notice.Reason.DISTURBANCE,), served_on=None))
    assert notice.recovery_deadline is None
    assert not Deadline.objects.exists()


def test_kronofogden_s_eviction_date_is_a_deadline_and_always_gets_a_receipt(register):
    eviction_on = timezone.localdate() + timedelta(days=30)
    notice = register(
        notice_input(
            kind=Notice.Kind.EVICTION,
            sender_kind=Notice.Sender.KRONOFOGDEN,
            reasons=(Notice.Reason.RENT_DEBT,),
            served_on=None,
            eviction_date=eviction_on,
        )
    )
    assert notice.eviction_deadline.due_on >= eviction_on
    assert notice.eviction_deadline.label == "Avhysning (Kronofogden)"
    assert notice.receipt_requested


def in_days(days: int):
    """A date this many days from the day the test runs on (parameters are collected before the clock moves)."""
    return lambda today: today + timedelta(days=days)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"reasons": ()}, "reasons"),
        ({"rent_debt_capital": None}, "rent_debt_capital"),
        ({"served_on": None}, "served_on"),
        ({"received_on": in_days(1)}, "received_on"),
        ({"kind": Notice.Kind.EVICTION, "eviction_date": None}, "eviction_date"),
        ({"kind": Notice.Kind.EVICTION, "eviction_date": in_days(0)}, "eviction_date"),
    ],
)
def test_incomplete_notices_are_refused_with_a_swedish_reason_on_the_field(register, overrides, field):
    overrides = {name: value(timezone.localdate()) if callable(value) else value for name, value in overrides.items()}
    with pytest.raises(ValidationError) as error:
        register(notice_input(**overrides))
    assert field in error.value.message_dict
    assert Notice.objects.count() == 0


def test_a_landlord_is_found_by_name_whatever_the_case(register):
    first = register(notice_input(landlord_name="Uppsalahem"))
    second = register(notice_input(landlord_name="  uppsalahem "))
    assert first.landlord == second.landlord


def test_a_notice_naming_a_protected_person_the_caseworker_may_not_see_goes_to_the_team_lead_unassigned(
    register, client, eviction_caseworker
):
    """Handling the file would grant the caseworker the person's protected identity (the real address included):
    the file is opened without a handler and flagged, and the caseworker sees the person masked."""
    hidden = PersonFactory(protected=True, given_name="Skyddad", family_name="Hemligsson", phone="070-111 22 33")
    typed = tenant(identity_number=hidden.identity_number, given_name="Skyddad", family_name="Hemligsson")
    notice = register(notice_input(tenants=(typed,)))

    file = notice.file
    assert file.case.parties.get().person == hidden
    assert not file.case.assignments.exists()
    assert file.escalated and "teamledaren fördelar" in file.escalation_reason
    client.force_login(eviction_caseworker)
    page = client.get(reverse("evictions:file_detail", args=[file.case_id])).content.decode()
    assert hidden.phone not in page and hidden.street_address not in page
    assert hidden.identity_number not in page
