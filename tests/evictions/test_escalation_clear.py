"""Escalation flags are the team lead's: a caseworker sees them, only the evictions team lead clears them."""

from django.core.exceptions import ValidationError
from django.urls import reverse

import pytest

from evictions import services
from evictions.models import EvictionFile
from tests.evictions.conftest import days_ago, notice_input, tenant


@pytest.fixture
def flagged(register):
    anna = tenant()
    register(notice_input(tenants=(anna,), received_on=days_ago(40), served_on=days_ago(41)))
    return register(notice_input(tenants=(anna,))).file


def test_a_caseworker_cannot_clear_an_escalation_flag(client, flagged, eviction_caseworker):
    with pytest.raises(ValidationError, match="Bara gruppledaren"):
        services.file_escalation_clear(file=flagged, acting_user=eviction_caseworker)
    client.force_login(eviction_caseworker)
    page = client.get(reverse("evictions:escalations")).content.decode()
    assert flagged.case.number in page
    assert reverse("evictions:escalation_clear", args=[flagged.case_id]) not in page
    assert client.post(reverse("evictions:escalation_clear", args=[flagged.case_id])).status_code == 403
    assert EvictionFile.objects.get(pk=flagged.pk).escalated


def test_the_eviction_team_lead_clears_the_flag(client, flagged, eviction_team_lead):
    client.force_login(eviction_team_lead)
    response = client.post(reverse("evictions:escalation_clear", args=[flagged.case_id]), follow=True)
    assert not EvictionFile.objects.get(pk=flagged.pk).escalated
    assert "är hanterad" in response.content.decode()


def test_another_units_team_lead_cannot_clear_it(flagged, nexus_team_lead):
    with pytest.raises(ValidationError):
        services.file_escalation_clear(file=flagged, acting_user=nexus_team_lead)
    assert EvictionFile.objects.get(pk=flagged.pk).escalated
