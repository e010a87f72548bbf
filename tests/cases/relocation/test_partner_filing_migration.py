"""Migration 0018: the filings of before are tied to the persons they name. An unknown person is registered at the
filed level and becomes the applicant; a person already protected here is linked (masked at once) but joins the
case only when someone who may see them confirms them; a person taken in already keeps their one part."""

from django.urls import reverse

import pytest

from cases.relocation import filing as relocation_filing
from cases.relocation.models import RelocationRequest
from tests.cases.relocation.test_filing import FRESH_NUMBER, file_request
from tests.factories import PersonFactory, fresh_identity_number
from tests.migrations import migrate

BEFORE = [("cases", "0016_grant_events_from_earlier_grants")]


@pytest.mark.django_db(transaction=True)
def test_the_filings_of_before_are_tied_to_their_persons_without_opening_a_protected_one(
    client, networks, partner_vasteras, nexus_caseworker, nexus_colleague
):
    protected = PersonFactory(protected=True, acting_user=nexus_colleague)  # granted to the colleague only
    client.force_login(partner_vasteras)
    for number, level in (
        (FRESH_NUMBER, "skyddad_folkbokforing"),
        (protected.identity_number, "none"),
        (fresh_identity_number(), "none"),
    ):
        assert file_request(client, networks, identity_number=number, protection_level=level).status_code == 302
    unknown, known, taken = RelocationRequest.objects.order_by("pk")
    taken_in = relocation_filing.filing_take_in_person(request=taken, acting_user=nexus_caseworker).person
    try:
        old = migrate(BEFORE)
        # As filings were before: only one taken in had a party, and an unknown person had no record.
        old.get_model("cases", "CaseParty").objects.filter(case_id__in=[unknown.case_id, known.case_id]).delete()
        old.get_model("cases", "Person").objects.filter(identity_number=FRESH_NUMBER).delete()
    finally:
        migrate()

    registered = RelocationRequest.objects.get(pk=unknown.pk).filing.person
    assert (registered.full_name, registered.protection_level) == ("Nadia Inflyttarsson", "skyddad_folkbokforing")
    assert "Västerås" in registered.protection_source and registered.history.get().history_type == "+"
    assert [party.person for party in unknown.case.parties.all()] == [registered]

    assert RelocationRequest.objects.get(pk=known.pk).filing.person == protected
    assert not known.case.parties.exists()
    client.force_login(nexus_caseworker)  # no grant on the person: the filing and the documents are masked
    page = client.get(reverse("cases:relocation_detail", args=[known.case.pk])).content.decode()
    assert "Skyddad identitet" in page and protected.identity_number not in page
    document = known.case.documents.get()
    assert client.get(reverse("cases:document_download", args=[known.case.pk, document.pk])).status_code == 404
    relocation_filing.filing_take_in_person(request=known, acting_user=nexus_colleague)
    assert [party.person for party in known.case.parties.all()] == [protected]

    assert RelocationRequest.objects.get(pk=taken.pk).filing.person == taken_in
    assert [party.person for party in taken.case.parties.all()] == [taken_in]
