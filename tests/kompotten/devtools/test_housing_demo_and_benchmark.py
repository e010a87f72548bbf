from io import StringIO

from django.core.management import call_command

from cases.relocation.models import RelocationRequest
from housing.models import (
    Flat,
    HousingApplication,
    Kundvard,
    NexusFlatStay,
    Offer,
    PlacementOutcome,
    PoolUse,
    ProtectedPlacement,
    SocialContract,
)
from housing.workflow import ApplicationStatus
from kompotten.devtools.benchmarks import housing as benchmark
from kompotten.devtools.demo import housing as demo
from kompotten.models import User


def test_the_demo_has_applications_in_every_state_offers_and_contracts_and_loads_once(organisation):
    call_command("seed_demo")
    statuses = set(HousingApplication.objects.values_list("status", flat=True))
    assert statuses == set(ApplicationStatus.values)
    assert HousingApplication.objects.filter(case__parties__person__protection_level="skyddad_folkbokforing").exists()
    assert set(Offer.objects.values_list("status", flat=True)) == {"accepted", "declined"}
    assert set(SocialContract.objects.values_list("status", flat=True)) == {"trial", "passed"}
    assert SocialContract.objects.filter(form="guarantee").exists()
    assert PoolUse.objects.exists()
    [shelter_flat] = Flat.objects.exclude(shelter_name="")  # let to the Kvinnojour itself, through the service
    assert shelter_flat.status == "let" and shelter_flat.tenant is None
    assert PoolUse.objects.filter(flat=shelter_flat, pool__kind="womens_shelter").exists()
    ended = set(ProtectedPlacement.objects.exclude(outcome="").values_list("outcome", flat=True))
    assert ended == set(PlacementOutcome.values)
    kundvard = Kundvard.objects.get()
    assert kundvard.old_flat is not None
    moved = kundvard.case.parties.get().person  # her new flat is her protected address, not a copy on the kundvård
    assert moved.protected_address.street_address == "Bytesvägen 8 (fiktiv)"
    assert NexusFlatStay.objects.filter(until__isnull=True).exists()
    # Placements, flat stays and kundvård hang on Nexus's client cases, not on relocation requests.
    for model in (ProtectedPlacement, NexusFlatStay, Kundvard):
        assert set(model.objects.values_list("case__kind", flat=True)) == {"support"}, model
    outgoing = RelocationRequest.objects.get(client_case__isnull=False)  # started from her client case
    assert outgoing.direction == "outgoing" and outgoing.client_case.kind == "support"
    assert outgoing.case.parties.get().person == outgoing.client_case.parties.get().person
    count = HousingApplication.objects.count()
    assert demo.seed() == 0
    assert HousingApplication.objects.count() == count


def test_the_benchmark_times_the_housing_pages(organisation):
    out = StringIO()
    call_command("benchmark", cases=3, repeat=1, only=["housing"], stdout=out)
    report = out.getvalue()
    for url in (
        "/bostad/ansokningar/",
        "/bostad/ko/",
        "/bostad/lagenheter/",
        "/bostad/kontrakt/",
        "/bostad/remisser/",
        "/bostad/placeringar/",
        "/bostad/stodarenden/",
    ):
        assert url in report
    assert "gruppledare.bostad@uppsala.example" in report and "/bostad/ " in report  # the team lead's inbox
    assert report.rstrip().endswith("Data rolled back.")
    assert not HousingApplication.objects.exists()


def test_the_benchmarked_team_lead_start_page_has_an_inbox_with_rows(organisation, client):
    pages = benchmark.pages(count=6, log=lambda line: None)
    team_lead = User.objects.get(email="gruppledare.bostad@uppsala.example")
    assert (team_lead, "/bostad/") in pages
    client.force_login(team_lead)
    assert len(client.get("/bostad/").context["inbox"]) == 2  # every third referral waits without a handler
