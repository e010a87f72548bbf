"""The manager (enhetschef) sees case numbers, states, dates, deadlines and figures, not identities, nor what
caseworkers wrote about the people, nor the letters to them, unless granted: a grant on the person or case, or an
emergency access, logged and reviewed. Told from the manager's side."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

import pytest

from cases import services
from cases.access import AccessPolicy
from cases.models import AccessLogEntry, Case, District, Document, EmergencyAccess, GrantEvent, Landlord
from cases.relocation import services as relocation
from cases.relocation.workflow import State
from evictions import selectors as eviction_selectors
from evictions import services as eviction_services
from evictions.models import RegisterCheck
from evictions.register import ChildFacts, RegisterFacts
from housing import services as housing_services
from housing.models import DeclineReason, ReservationPool, SocialContract
from tests.cases.relocation.world import assess, open_request
from tests.evictions.conftest import districts, notice_input, register, tenant  # noqa: F401 - fixtures
from tests.factories import PersonFactory, open_case
from tests.housing.conftest import approve, flat, refer

PLACEHOLDER = "Identitet visas inte"
VIOLENCE = "Polisanmälan om grov kvinnofridskränkning."


@pytest.fixture
def plain(nexus_caseworker):
    return PersonFactory(
        given_name="Vanlig", family_name="Oskyddadsson", street_address="Synliga gatan 4", workplace="Öppna Bageriet AB"
    )


def secrets(person) -> list[str]:
    return [person.given_name, person.family_name, person.identity_number, person.street_address, person.workplace]


def assert_masked(content: str, person, *also: str) -> None:
    for secret in [*secrets(person), *also]:
        if secret:
            assert secret not in content, secret


def test_the_manager_sees_the_case_but_not_who_is_in_it(client, plain, nexus_caseworker, manager):
    case = open_case(persons=[plain], handlers=[nexus_caseworker])
    services.note_add(case=case, text="Hon bor hos sin syster i Gränby", acting_user=nexus_caseworker)
    client.force_login(manager)
    listing = client.get(reverse("cases:case_list")).content.decode()
    assert case.number in listing
    assert_masked(listing, plain)
    page = client.get(reverse("cases:case_detail", args=[case.pk])).content.decode()
    assert case.number in page and PLACEHOLDER in page and "Skyddad identitet" not in page
    assert_masked(page, plain, "Gränby")
    assert not AccessLogEntry.objects.exists()


def test_the_manager_sees_a_request_without_the_person_or_the_violence(
    client, networks, plain, nexus_caseworker, manager
):
    request = open_request(networks, nexus_caseworker, person=plain)
    client.force_login(manager)
    page = client.get(reverse("cases:relocation_detail", args=[request.case.pk])).content.decode()
    assert request.case.number in page and request.get_state_display() in page
    assert PLACEHOLDER in page and "Visas inte" in page
    assert_masked(page, plain, VIOLENCE)
    listing = client.get(reverse("cases:relocation_list")).content.decode()
    assert request.case.number in listing
    assert_masked(listing, plain)


def test_the_manager_sees_an_application_without_the_applicant_or_the_background(
    client, plain, nexus_caseworker, manager
):
    application = refer(nexus_caseworker, person=plain, background="Utsatt av f.d. sambo på Synliga gatan")
    client.force_login(manager)
    page = client.get(reverse("housing:application_detail", args=[application.pk])).content.decode()
    assert application.case.number in page and PLACEHOLDER in page
    assert_masked(page, plain, "f.d. sambo")
    for name in ("housing:application_list", "housing:placement_list"):
        response = client.get(reverse(name))
        if response.status_code == 200:
            assert_masked(response.content.decode(), plain)


def test_the_manager_sees_an_eviction_file_without_the_tenant_or_the_flat(client, register, manager):  # noqa: F811
    person = PersonFactory(given_name="Hyrande", family_name="Gäst")
    notice = register(
        notice_input(tenants=(tenant(identity_number=person.identity_number),), street_address="Öppna gatan 7")
    )
    client.force_login(manager)
    page = client.get(reverse("evictions:file_detail", args=[notice.file.case_id])).content.decode()
    assert notice.file.case.number in page and PLACEHOLDER in page
    assert_masked(page, person, "Öppna gatan 7")


def test_a_person_grant_shows_the_manager_the_name_and_a_protected_one_is_logged(
    client, plain, nexus_caseworker, manager
):
    protected = PersonFactory(protected=True, given_name="Hemlig", family_name="Skyddadsson")
    case = open_case(persons=[plain, protected], handlers=[nexus_caseworker])
    url = reverse("cases:case_detail", args=[case.pk])
    client.force_login(manager)
    services.person_grant_access(person=plain, user=manager, acting_user=nexus_caseworker, reason="Klagomål")
    page = client.get(url).content.decode()
    assert "Vanlig Oskyddadsson" in page and "Skyddadsson" not in page
    assert not AccessLogEntry.objects.exists()  # an unprotected person's reveal is not an access-log row
    services.person_grant_access(person=protected, user=manager, acting_user=nexus_caseworker, reason="Klagomål")
    assert "Hemlig Skyddadsson" in client.get(url).content.decode()
    entry = AccessLogEntry.objects.get()
    assert (entry.user, entry.person, entry.grant) == (manager, protected, AccessLogEntry.Grant.PERSON)
    search = client.get(reverse("cases:person_search"), {"q": plain.identity_number}).content.decode()
    assert "Vanlig Oskyddadsson" in search


def test_search_finds_no_one_for_a_manager_without_grants(client, plain, nexus_caseworker, manager):
    open_case(persons=[plain], handlers=[nexus_caseworker])
    client.force_login(manager)
    for q in (plain.identity_number, "Oskyddadsson"):
        content = client.get(reverse("cases:person_search"), {"q": q}).content.decode()
        assert_masked(content.replace(q, ""), plain)  # the query is echoed in the search box


def test_the_manager_opens_a_person_by_emergency_access_logged_and_in_the_review(
    client, plain, nexus_caseworker, manager
):
    case = open_case(persons=[plain], handlers=[nexus_caseworker])
    client.force_login(manager)
    page = client.get(reverse("cases:case_detail", args=[case.pk])).content.decode()
    url = reverse("cases:emergency_access", args=[case.pk, case.parties.get().pk])
    assert url in page
    response = client.post(url, {"reason": "Polisen behöver kontaktuppgifter nu"})
    assert response.status_code == 302
    access = EmergencyAccess.objects.get()
    assert (access.user, access.person) == (manager, plain)
    assert AccessLogEntry.objects.filter(
        user=manager, person=plain, action=AccessLogEntry.Action.EMERGENCY_ACCESS
    ).exists()
    assert GrantEvent.objects.filter(kind=GrantEvent.Kind.EMERGENCY, user=manager, person=plain).exists()
    assert "Vanlig Oskyddadsson" in client.get(reverse("cases:case_detail", args=[case.pk])).content.decode()
    review = client.get(reverse("cases:access_review"), {"manad": f"{timezone.localdate():%Y-%m}"})
    assert "Polisen behöver kontaktuppgifter nu" in review.content.decode()


# --- the text caseworkers write about the people of a case -----------------------------------------------------------
def marker(what: str) -> str:
    return f"Markörtext {what}"


@dataclass
class Written:
    """One person in a relocation request, a housing application with its offers and contract, and an eviction file,
    each with a marker in every text a caseworker writes about them, written through the services by the handler."""

    relocation: Case
    application: object
    contract: SocialContract
    notice: object
    letter: object
    consent: object

    @property
    def housing(self) -> Case:
        return self.application.case

    @property
    def eviction(self) -> Case:
        return self.notice.file.case


@pytest.fixture
def written(networks, register, plain, nexus_caseworker, housing_handler, eviction_caseworker):  # noqa: F811
    today = timezone.localdate()
    # Nexus: a request with a journal note, a document, a paused and an extended deadline, a consent and (last) a
    # move with a reason.
    request = open_request(networks, nexus_caseworker, person=plain)
    case = request.case
    services.note_add(case=case, text=marker("journal"), acting_user=nexus_caseworker)
    services.document_add(
        case=case,
        title=marker("dokumentrubrik"),
        type=Document.Type.RISK_ASSESSMENT,
        document_date=today,
        uploaded_file=SimpleUploadedFile("markortext-filnamn.txt", b"Riskbedomning", "text/plain"),
        acting_user=nexus_caseworker,
    )
    paused, extended = (
        services.deadline_set(case=case, label=label, starts_on=today, weeks=2, acting_user=nexus_caseworker)
        for label in ("Uppföljning", "Kontakt")
    )
    services.deadline_pause(deadline=paused, reason=marker("pausskäl"), acting_user=nexus_caseworker)
    services.deadline_extend(
        deadline=extended,
        new_due_on=extended.due_on + timedelta(weeks=2),
        reason=marker("förlängningsskäl"),
        acting_user=nexus_caseworker,
    )
    relocation.consent_record(
        request=request, given_on=today, share_household=True, share_risk_assessment=True, acting_user=nexus_caseworker
    )

    # Housing: a move with a reason, an offer out of queue order declined with a note, a flat over its pool's quota
    # let, and the contract's follow-up, extended trial and end.
    ahead = refer(nexus_caseworker, handler=housing_handler, referred_on=today - timedelta(days=60))
    approve(ahead, housing_handler, decided_on=today - timedelta(days=30))
    application = refer(nexus_caseworker, person=plain, handler=housing_handler)
    approve(application, housing_handler, reasons=marker("beslutsskäl"))
    for status in ("paused", "approved"):
        housing_services.application_transition(
            application=application, to_status=status, reason=marker("statusskäl"), acting_user=housing_handler
        )
    landlord = Landlord.objects.create(name="Bostadsbolaget", kind=Landlord.Kind.MUNICIPAL)
    district = District.objects.create(name="Gränby")
    declined = flat(housing_handler, landlord=landlord, district=district, street_address="Erbjudandegatan 3")
    offer = housing_services.offer_make(
        flat=declined,
        application=application,
        answer_by=today,
        out_of_order_reason=marker("turordningsskäl"),
        acting_user=housing_handler,
    )
    housing_services.offer_decline(
        offer=offer,
        reason=DeclineReason.objects.filter(consequence="none").first(),
        note=marker("svarskommentar"),
        acting_user=housing_handler,
    )
    pool = ReservationPool.objects.create(
        name="Samverkansavtalet", kind=ReservationPool.Kind.SOCIAL_CONTRACT, landlord=landlord
    )
    housing_services.pool_set_quota(pool=pool, year=today.year, promised=0, acting_user=housing_handler)
    let = flat(housing_handler, landlord=landlord, district=district, pool=pool, street_address="Kontraktsgatan 5")
    offer = housing_services.offer_make(
        flat=let,
        application=application,
        answer_by=today,
        out_of_order_reason=marker("turordningsskäl"),
        pool_override_reason=marker("kvotskäl"),
        acting_user=housing_handler,
    )
    housing_services.offer_accept(offer=offer, acting_user=housing_handler)
    contract = SocialContract.objects.get(application=application)
    housing_services.follow_up_add(
        contract=contract, happened_on=today, kind="visit", note=marker("uppföljning"), acting_user=housing_handler
    )
    housing_services.contract_extend_trial(
        contract=contract, months=6, reason=marker("prövotidsskäl"), acting_user=housing_handler
    )
    housing_services.contract_end(contract=contract, reason=marker("avslutsskäl"), acting_user=housing_handler)

    # Evictions: a letter with a visit place and a reason, a consent naming a partner, a contact with psychiatry,
    # the investigation decision, the other unit that knows the household and the children in the register.
    notice = register(notice_input(tenants=(tenant(identity_number=plain.identity_number),)))
    file = notice.file
    letter = eviction_services.letter_create(
        file=file,
        data=eviction_services.LetterInput(
            kind="visit",
            booked_at=timezone.now() + timedelta(days=3),
            visit_place=marker("besöksplats"),
            override_reason=marker("brevskäl"),
        ),
        acting_user=eviction_caseworker,
    )
    consent = eviction_services.consent_create(
        file=file,
        partners=["landlord", "psychiatry", "other"],
        other_named=marker("namngiven part"),
        acting_user=eviction_caseworker,
    )
    eviction_services.consent_sign(consent=consent, signed_on=today, acting_user=eviction_caseworker)
    eviction_services.contact_log(
        file=file, kind="call", partner="psychiatry", happened_on=today, acting_user=eviction_caseworker
    )
    eviction_services.file_decide_investigation(
        file=file, decision="opened", reason=marker("utredningsskäl"), acting_user=eviction_caseworker
    )
    eviction_services.other_unit_add(
        file=file, unit="children_families", caseworker=marker("handläggare"), acting_user=eviction_caseworker
    )
    eviction_services.register_check_record(
        file=file,
        acting_user=eviction_caseworker,
        facts=RegisterFacts(today, True, RegisterCheck.Source.MANUAL, (ChildFacts(7, "visiting"),)),
    )
    # Handed over once the housing application is done (it opens another).
    assess(request, nexus_caseworker)
    relocation.request_transition(
        request=request, to_state=State.HANDED_OVER, reason=marker("flyttskäl"), acting_user=nexus_caseworker
    )
    return Written(case, application, contract, notice, letter, consent)


@dataclass(frozen=True)
class Page:
    """A page a manager reaches about the person, its handler, and what the handler reads there that a manager
    without a grant must not: markers, and the details that tell who the person is or how they live."""

    url: Callable[[Written], str]
    handler: str
    case: str
    markers: list[str]
    details: tuple[str, ...] = ()

    def get(self, client, written) -> tuple[str, str, list[str]]:
        """The page's text, its case number, and the texts to look for."""
        response = client.get(self.url(written))
        assert response.status_code == 200
        number = getattr(written, self.case).number
        return response.content.decode(), number, [marker(m) for m in self.markers] + list(self.details)


def _url(name: str, obj: str) -> Callable[[Written], str]:
    return lambda w: reverse(name, args=[getattr(w, obj).pk])


RELOCATION = ("nexus_caseworker", "relocation")
HOUSING = ("housing_handler", "housing")
EVICTION = ("eviction_caseworker", "eviction")
PAGES = {
    "relocation case": Page(
        _url("cases:case_detail", "relocation"),
        *RELOCATION,
        ["journal", "dokumentrubrik", "pausskäl", "förlängningsskäl"],
    ),
    "relocation history": Page(_url("cases:case_history", "relocation"), *RELOCATION, ["journal", "dokumentrubrik"]),
    "request": Page(
        _url("cases:relocation_detail", "relocation"),
        *RELOCATION,
        ["dokumentrubrik", "pausskäl", "förlängningsskäl", "flyttskäl"],
        ("riskbedömningen",),  # the consent's scope
    ),
    "housing case": Page(_url("cases:case_detail", "housing"), *HOUSING, ["prövotidsskäl"]),
    "application": Page(
        _url("housing:application_detail", "application"),
        *HOUSING,
        ["beslutsskäl", "statusskäl", "turordningsskäl", "svarskommentar"],
        ("Erbjudandegatan 3", "Kontraktsgatan 5"),  # the flats offered and let to the person
    ),
    "contract": Page(
        _url("housing:contract_detail", "contract"),
        *HOUSING,
        ["uppföljning", "prövotidsskäl", "avslutsskäl"],
        ("Kontraktsgatan 5",),
    ),
    "eviction file": Page(
        _url("evictions:file_detail", "eviction"),
        *EVICTION,
        ["besöksplats", "brevskäl", "namngiven part", "utredningsskäl", "handläggare"],
        ("Psykiatrin", "Barn och familj", "7 år"),  # who we may talk to, who knows them, their child
    ),
}


@pytest.mark.parametrize("name", PAGES)
def test_the_manager_reads_nothing_written_about_the_person_where_the_handler_reads_it(
    client, request, written, manager, name
):
    client.force_login(request.getfixturevalue(PAGES[name].handler))
    page, number, texts = PAGES[name].get(client, written)
    assert number in page
    assert [text for text in texts if text not in page] == [], "the handler reads all of it"
    client.force_login(manager)
    page, number, texts = PAGES[name].get(client, written)
    assert number in page and "Visas inte" in page
    assert [text for text in texts if text in page] == []
    assert not AccessLogEntry.objects.exists()


def test_the_manager_sees_the_states_dates_and_figures_of_the_pages(client, written, manager):
    client.force_login(manager)
    request_page = PAGES["request"].get(client, written)[0]
    assert "Lämnad till bostadsenheten" in request_page and "Får delas: Visas inte" in request_page
    assert f"Pausad sedan {timezone.localdate():%Y-%m-%d}" in request_page
    contract_page = PAGES["contract"].get(client, written)[0]
    assert "Avslutat" in contract_page and "Förlängd från 18 till 24 månader" in contract_page
    file_page = PAGES["eviction file"].get(client, written)[0]
    assert "Utredning inleds" in file_page and "1 barn" in file_page and "Undertecknat" in file_page


def test_the_pool_overview_keeps_the_reason_for_going_over_the_quota_from_the_manager(
    client, written, housing_handler, manager
):
    url = reverse("housing:pools")
    client.force_login(housing_handler)
    assert marker("kvotskäl") in client.get(url).content.decode()
    client.force_login(manager)
    page = client.get(url).content.decode()
    assert "Samverkansavtalet" in page and marker("kvotskäl") not in page and "Visas inte" in page


# The letters printed for the person: (URL, the handler who prints it).
LETTERS = {
    "decision": (
        lambda w: reverse("housing:decision_pdf", args=[w.application.pk, w.application.decisions.get().pk]),
        "housing_handler",
    ),
    "letter": (lambda w: reverse("evictions:letter_pdf", args=[w.eviction.pk, w.letter.pk]), "eviction_caseworker"),
    "receipt": (lambda w: reverse("evictions:receipt_pdf", args=[w.eviction.pk, w.notice.pk]), "eviction_caseworker"),
    "consent": (lambda w: reverse("evictions:consent_pdf", args=[w.eviction.pk, w.consent.pk]), "eviction_caseworker"),
}


@pytest.mark.parametrize("name", LETTERS)
def test_a_letter_to_the_person_does_not_exist_for_a_manager_without_a_grant(
    client, request, written, plain, nexus_caseworker, manager, name
):
    url, handler = LETTERS[name]
    client.force_login(request.getfixturevalue(handler))
    assert client.get(url(written)).status_code == 200
    downloads = AccessLogEntry.objects.count()
    client.force_login(manager)
    assert client.get(url(written)).status_code == 404
    assert AccessLogEntry.objects.count() == downloads  # nothing was handed out, so nothing is logged
    services.person_grant_access(person=plain, user=manager, acting_user=nexus_caseworker, reason="Klagomål")
    assert client.get(url(written)).status_code == 403  # granted, she knows of it; printing it stays casework


def test_the_landlord_meeting_list_is_not_the_managers_and_read_with_her_policy_it_names_no_one_and_no_flat(
    client, written, eviction_caseworker, manager
):
    landlord = written.notice.landlord
    url = reverse("evictions:meeting_pdf", args=[landlord.pk])
    client.force_login(eviction_caseworker)
    assert client.get(url).status_code == 200
    client.force_login(manager)
    assert client.get(url).status_code == 404
    (row,) = eviction_selectors.meeting_list(AccessPolicy(manager), landlord).rows
    assert (row.address, [person.visible for person in row.persons]) == ("", [False])


def test_a_person_grant_shows_the_manager_every_text_as_the_handler_reads_it(
    client, written, plain, nexus_caseworker, manager
):
    services.person_grant_access(person=plain, user=manager, acting_user=nexus_caseworker, reason="Klagomål")
    client.force_login(manager)
    for name, page in PAGES.items():
        text, _, texts = page.get(client, written)
        assert [wanted for wanted in texts if wanted not in text] == [], name
    assert marker("kvotskäl") in client.get(reverse("housing:pools")).content.decode()


def test_an_emergency_access_shows_the_manager_the_text_while_it_runs_and_the_reveal_is_logged(
    client, nexus_caseworker, manager
):
    protected = PersonFactory(protected=True, given_name="Hemlig", family_name="Skyddadsson")
    case = open_case(persons=[protected], handlers=[nexus_caseworker])
    deadline = services.deadline_set(
        case=case, label="Bedömning", starts_on=timezone.localdate(), weeks=2, acting_user=nexus_caseworker
    )
    services.deadline_pause(deadline=deadline, reason=marker("pausskäl"), acting_user=nexus_caseworker)
    url = reverse("cases:case_detail", args=[case.pk])
    client.force_login(manager)
    assert marker("pausskäl") not in client.get(url).content.decode()
    client.post(reverse("cases:emergency_access", args=[case.pk, case.parties.get().pk]), {"reason": "Polisen ringer"})
    page = client.get(url).content.decode()
    assert "Hemlig Skyddadsson" in page and marker("pausskäl") in page
    views = AccessLogEntry.objects.filter(user=manager, action=AccessLogEntry.Action.VIEW_IDENTITY)
    assert [(entry.person, entry.what) for entry in views] == [(protected, url)]
    EmergencyAccess.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    assert marker("pausskäl") not in client.get(url).content.decode()


def test_the_history_shows_the_manager_that_a_note_changed_but_not_what_it_says(
    client, plain, nexus_caseworker, manager
):
    case = open_case(persons=[plain], handlers=[nexus_caseworker])
    note = services.note_add(case=case, text=marker("före"), acting_user=nexus_caseworker)
    services.note_edit(note=note, text=marker("efter"), acting_user=nexus_caseworker)
    url = reverse("cases:case_history", args=[case.pk])
    client.force_login(nexus_caseworker)
    page = client.get(url).content.decode()
    assert marker("före") in page and marker("efter") in page
    client.force_login(manager)
    page = client.get(url).content.decode()
    assert "Journalanteckning ändrades" in page and "Visas inte" in page
    assert marker("före") not in page and marker("efter") not in page
