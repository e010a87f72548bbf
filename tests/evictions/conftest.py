"""Districts of Uppsala as postal-code areas, and a helper that registers a notice through the real service."""

import io
import sys
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from importlib import import_module

from django.utils import timezone

import pytest

from cases import services as case_services
from cases.models import AccessLogEntry, District, DistrictPostalArea, Landlord, Person, ProtectedAddress
from evictions import services
from evictions.models import Closure, Notice
from evictions.services import NoticeInput, TenantInput
from kompotten.models import Unit
from kompotten.pdf import render_pdf
from tests.factories import PersonFactory, fresh_identity_number

PLACEHOLDER = "Skyddad identitet"


@pytest.fixture
def districts(organisation):
    centrum = District.objects.create(name="Centrum")
    DistrictPostalArea.objects.create(district=centrum, postal_code_from="75300", postal_code_to="75399")
    norr = District.objects.create(name="Norr")
    DistrictPostalArea.objects.create(district=norr, postal_code_from="75200", postal_code_to="75299")
    gottsunda = District.objects.create(name="Gottsunda", handled_by_team=False, contact="gottsunda@uppsala.example")
    DistrictPostalArea.objects.create(district=gottsunda, postal_code_from="75640", postal_code_to="75659")
    return {"centrum": centrum, "norr": norr, "gottsunda": gottsunda}


def tenant(**overrides) -> TenantInput:
    fields = {"given_name": "Anna", "family_name": "Hyresgäst", "identity_number": fresh_identity_number()}
    return TenantInput(**(fields | overrides))


def notice_input(**overrides) -> NoticeInput:
    """A rent-debt termination received today, served yesterday, at an address in district Centrum."""
    today = timezone.localdate()
    fields = {
        "received_on": today,
        "channel": Notice.Channel.POST,
        "sender_kind": Notice.Sender.LANDLORD,
        "kind": Notice.Kind.TERMINATION,
        "reasons": (Notice.Reason.RENT_DEBT,),
        "rent_debt_capital": Decimal("12500.00"),
        "rent_debt_costs": Decimal("850.50"),
        "served_on": today - timedelta(days=1),
        "street_address": "Svartbäcksgatan 10",
        "postal_code": "75320",
        "landlord_name": "Uppsalahem",
        "landlord_kind": Landlord.Kind.MUNICIPAL,
        "tenants": (tenant(),),
    }
    return NoticeInput(**(fields | overrides))


@pytest.fixture
def register(districts, eviction_caseworker):
    unit = Unit.objects.get(kind=Unit.Kind.EVICTION_PREVENTION)

    def register(data: NoticeInput | None = None, **overrides) -> Notice:
        data = data or notice_input()
        return services.notice_register(data=replace(data, **overrides), unit=unit, acting_user=eviction_caseworker)

    return register


def close(file, user):
    """Closes a file the one way there is, with its closure record, on the ground that fits any file."""
    return services.file_close(
        file=file,
        ground=Closure.Ground.OTHER,
        outcome=Closure.Outcome.OTHER,
        note="Hushållet har flyttat.",
        children_affected=1 if file.has_children else 0,
        acting_user=user,
    )


# --- protected tenants ---------------------------------------------------------------------------------------------
@pytest.fixture
def leila(organisation, nexus_caseworker):
    """Like the demo's Leila Karimi: skyddad folkbokföring, registered by Nexus (who alone holds the grant)."""
    return PersonFactory(
        protected=True,
        given_name="Leila",
        family_name="Karimi",
        street_address="Box 100",
        postal_code="72212",
        acting_user=nexus_caseworker,
    )


@pytest.fixture
def mira(eviction_caseworker):
    """A protected tenant the caseworker already sees: she registered the person herself (a person grant)."""
    return PersonFactory(protected=True, given_name="Mira", family_name="Skyddsdotter", acting_user=eviction_caseworker)


def as_tenant(person) -> TenantInput:
    """The person as a notice names them."""
    return tenant(identity_number=person.identity_number, given_name=person.given_name, family_name=person.family_name)


def views_of(person, user) -> list[AccessLogEntry]:
    return list(AccessLogEntry.objects.filter(person=person, user=user, action=AccessLogEntry.Action.VIEW_IDENTITY))


def grant(person, user, administrator):
    case_services.person_grant_access(person=person, user=user, acting_user=administrator)


def assert_masked(page: str, person, *hidden: str) -> None:
    assert PLACEHOLDER in page
    for text in (person.given_name, person.family_name, person.identity_number, *hidden):
        assert text not in page, text


def days_ago(days: int) -> date:
    return timezone.localdate() - timedelta(days=days)


def pdf_text(pdf: bytes) -> str:
    from pypdf import PdfReader  # noqa: PLC0415

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _protected_streets() -> set[str]:
    streets = set(ProtectedAddress.objects.exclude(street_address="").values_list("street_address", flat=True))
    protected_notices = Notice.objects.filter(tenants__person__in=Person.objects.exclude(protection_level="none"))
    return streets | set(protected_notices.values_list("street_address", flat=True))


def _modules_rendering_pdfs():
    """Every module of the app that imported the PDF renderer (views, admin, whatever comes next)."""
    import_module("evictions.urls")  # imports every view module
    return [
        module
        for name, module in sys.modules.items()
        if name.startswith("evictions.") and hasattr(module, "render_pdf")
    ]


@pytest.fixture(autouse=True)
def no_protected_address_in_any_pdf(monkeypatch):
    """Every PDF this app produces in a test is read back as it is made: none may carry the address of a protected
    person (their protected address, or the flat of a notice naming them). Yields the texts read."""
    texts = []

    def recording(template_name, context):
        pdf = render_pdf(template_name, context)
        text = pdf_text(pdf)
        leaked = [street for street in _protected_streets() if street in text]
        assert not leaked, f"A protected address in {template_name}: {leaked}"
        texts.append(text)
        return pdf

    for module in _modules_rendering_pdfs():
        monkeypatch.setattr(module, "render_pdf", recording)
    return texts
