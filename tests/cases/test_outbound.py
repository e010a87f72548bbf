"""Text that leaves the unit (cases.outbound): the normalisation, the shapes of an address and a personnummer, and
the check against the protected data of the people on a case — never echoing what it found; and the text read from
a file shared with a partner (cases.document_text)."""

import logging

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from cases import services
from cases.document_text import read_text
from cases.outbound import (
    Channel,
    check_outbound_text,
    contains_phrase,
    looks_like_identity_number,
    looks_like_street_address,
    national_phone,
    normalise,
)
from tests.factories import PersonFactory, fresh_identity_number, open_case
from tests.outgoing import DOCX, ODT, PNG, docx_with, odt_with, pdf_with


# --- normalisation and shapes ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("written", "normalised"),
    [
        ("Östra  Skolan", "ostra skolan"),
        ("GÖMDA vägen 9", "gomda vagen 9"),
        ("Gömda vägen 9 B", "gomda vagen 9b"),
        ("Gömda vägen 9b,", "gomda vagen 9b"),
        ("Hemliga\nBageriet  AB.", "hemliga bageriet ab"),
    ],
)
def test_normalising_ignores_case_whitespace_punctuation_and_diacritics(written, normalised):
    assert normalise(written) == normalised


def test_phrases_match_whole_words_only():
    assert contains_phrase(normalise("Hon arbetar på ICA Maxi."), "ica")
    assert not contains_phrase(normalise("Medicinska skäl."), "ica")


@pytest.mark.parametrize("written", ["070-123 45 67", "0701234567", "+46 70 123 45 67", "0046 (0)70-1234567"])
def test_a_phone_is_its_digits_without_country_or_trunk_prefix(written):
    assert national_phone(written).endswith("701234567")


@pytest.mark.parametrize(
    "text",
    [
        "Hon bor på Storgatan 12.",
        "storgatan 12",
        "Rosenvägen 3 B",
        "Rosenvagen 3b",
        "Kungsängsgränd 4",
        "Solstigen 1",
        "Vaksalatorget 2",
        "Linnés allé 14",
        "Torgny Segerstedts allé 10",
        "Järnvägsplan 5",
        "Gränbybacken 7",
    ],
)
def test_a_swedish_street_address_is_recognised_by_its_shape(text):
    assert looks_like_street_address(text)


@pytest.mark.parametrize(
    "text",
    [
        "Storgatan",  # a street without a number is not an address shape
        "Box 123, 751 05 Uppsala",
        "Enligt handlingsplan 2 ska hon få stöd.",
        "Mötet är på plan 3.",
        "Beslut 2026-12-05 i ärende 2026-00042.",
        "Hyresskulden är 12 500 kr.",
    ],
)
def test_ordinary_text_is_not_an_address(text):
    assert not looks_like_street_address(text)


def test_a_personnummer_is_recognised_in_every_written_form():
    twelve = fresh_identity_number()  # "YYYYMMDD-NNNN"
    digits = twelve.replace("-", "")
    for written in (twelve, digits, twelve[2:], digits[2:], f"{digits[2:8]} {digits[8:]}", f"Pnr: {twelve}."):
        assert looks_like_identity_number(written), written


@pytest.mark.parametrize(
    "text",
    [
        "2026-12-05",  # a date
        "20261205",
        "2026-00042",  # a case number
        "Ärende 2026-00042 beslutades 2026-12-05.",
        "1 250 000 kr",
        "19121212-1213",  # the check digit is wrong
        "261399-1234",  # no such date
    ],
)
def test_dates_case_numbers_and_wrong_numbers_are_not_personnummer(text):
    assert not looks_like_identity_number(text)


# --- the check against a case ---------------------------------------------------------------------------------------
def _refusal(case, text) -> str:
    with pytest.raises(ValidationError) as refused:
        check_outbound_text(case=case, fields={"reasons": text}, channel=Channel.DECISION)
    (message,) = refused.value.message_dict["reasons"]
    return message


@pytest.mark.parametrize(
    ("text", "what"),
    [
        ("Hon bor nu på Gömda vägen 9.", "adress"),
        ("hon bor på GOMDA  VAGEN 9", "adress"),
        ("Hon bor kvar vid Gömda vägen.", "adress"),
        ("Postnummer 756 45.", "adress"),
        ("Nås på +46 70 000 00 00.", "telefonnummer"),
        ("Hon arbetar på hemliga bageriet ab.", "arbetsplats"),
        ("Dottern går i Hemliga Skolan.", "skolan eller förskolan"),
        ("Lilla behöver ett eget rum.", "namnet på ett barn"),
        ("Hon flyttade till Storgatan 12.", "liknar en gatuadress"),
    ],
)
def test_a_protected_persons_details_are_refused_with_what_was_found_and_how_to_fix_it(world, text, what):
    message = _refusal(world.nexus_case, text)
    assert what in message
    assert message.endswith("Ta bort uppgiften innan beslutet skickas.")


def test_the_protected_persons_identity_number_is_refused_in_any_form(world):
    number = world.protected.identity_number
    for written in (number, number[2:], number.replace("-", "")):
        assert "personnummer" in _refusal(world.nexus_case, f"Gäller {written}.")


def test_any_personnummer_is_refused_when_a_protected_person_is_on_the_case(world):
    assert "liknar ett personnummer" in _refusal(world.nexus_case, f"Mannen har nummer {fresh_identity_number()}.")


def test_the_former_identity_is_refused(organisation, nexus_caseworker):
    person = PersonFactory(fictitious=True, acting_user=nexus_caseworker)
    case = open_case(persons=[person], handlers=[nexus_caseworker])
    former = fresh_identity_number()
    services.person_link_former_identity(
        person=person,
        former_given_name="Gammal",
        former_family_name="Identitetsson",
        former_identity_number=former,
        noted_on=case.opened_on,
        source="Skatteverket",
        acting_user=nexus_caseworker,
    )
    assert "tidigare identitet" in _refusal(case, "Hette förut Gammal Identitetsson.")
    assert "tidigare identitet" in _refusal(case, f"Förut {former[2:]}.")


def test_the_refusal_never_repeats_the_value_in_the_message_or_the_log(world, caplog):
    caplog.set_level(logging.INFO, logger="cases.outbound")
    message = _refusal(world.nexus_case, "Hon bor på Gömda vägen 9, 756 45, och arbetar på Hemliga Bageriet AB.")
    # What a record carries beyond a LogRecord's own attributes (timings and thread ids hold any digits at all).
    own = set(logging.makeLogRecord({}).__dict__)
    extras = [{key: value for key, value in vars(record).items() if key not in own} for record in caplog.records]
    logged = " ".join(f"{record.getMessage()} {extra}" for record, extra in zip(caplog.records, extras, strict=True))
    assert "outbound_text_refused" in logged
    for value in ("Gömda", "756", "Hemliga", "Bageriet"):
        assert value not in message and value not in logged


def test_every_refused_field_is_named(world):
    with pytest.raises(ValidationError) as refused:
        check_outbound_text(
            case=world.nexus_case,
            channel=Channel.MESSAGE,
            fields={"body": "Gömda vägen 9", "title": "Storgatan 12", "other": "Allt väl."},
        )
    assert set(refused.value.message_dict) == {"body", "title"}


def test_ordinary_text_passes_a_case_with_a_protected_person(world):
    check_outbound_text(
        case=world.nexus_case,
        channel=Channel.DECISION,
        fields={"reasons": "Behovet är styrkt i utredningen 2026-12-05, ärende 2026-00042. Handlingsplan 2 följs."},
    )


def test_without_a_protected_person_addresses_and_numbers_pass(world):
    plain = world.plain
    check_outbound_text(
        case=world.eviction_case,
        channel=Channel.LETTER,
        fields={
            "body": f"{plain.street_address}, {plain.postal_code}, {plain.phone}, Storgatan 12, "
            f"{plain.identity_number}, {plain.workplace}"
        },
    )


def test_an_expected_address_field_skips_the_shape_and_the_registered_address_but_not_the_protected_one(world):
    protected = world.protected
    allowed = {"place": "Socialtjänsten, Stationsgatan 12", "envelope": f"{protected.street_address}\n753 20 Uppsala"}
    check_outbound_text(case=world.nexus_case, channel=Channel.LETTER, fields=allowed, addresses_expected=allowed)
    with pytest.raises(ValidationError) as refused:
        check_outbound_text(
            case=world.nexus_case,
            channel=Channel.LETTER,
            fields={"envelope": "Gömda vägen 9"},
            addresses_expected=["envelope"],
        )
    assert "skyddad persons adress" in refused.value.message_dict["envelope"][0]


def test_the_registered_address_of_a_protected_person_is_refused_in_free_text(world):
    assert "adress" in _refusal(world.nexus_case, f"Skriven på {world.protected.street_address}.")


def test_a_person_with_confidentiality_marking_counts_as_protected(organisation, nexus_caseworker):
    marked = PersonFactory(confidential=True, workplace="Lagret i Boländerna", acting_user=nexus_caseworker)
    case = open_case(persons=[marked], handlers=[nexus_caseworker])
    assert "arbetsplats" in _refusal(case, "Hon arbetar på Lagret i Boländerna.")


# --- the text of a file shared with a partner -------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("content", "content_type"),
    [
        ("Hon bor på Gömda vägen 9.".encode(), "text/plain"),
        ("Hon bor på Gömda vägen 9.".encode("cp1252"), "text/plain"),  # as Windows writes it
        (pdf_with("Hon bor på Gömda vägen 9."), "application/pdf"),
        (docx_with("<w:p><w:r><w:t>Hon bor på Gömda</w:t></w:r><w:r><w:tab/><w:t>vägen 9.</w:t></w:r></w:p>"), DOCX),
        (odt_with("<text:h>Adress</text:h><text:p>Hon bor på Gömda<text:s/>vägen 9.</text:p>"), ODT),
    ],
    ids=["utf-8", "cp1252", "pdf", "docx", "odt"],
)
def test_the_text_of_a_text_pdf_word_or_opendocument_file_is_read(content, content_type):
    upload = SimpleUploadedFile("fil", content, content_type)
    assert "Gömda vägen 9" in " ".join(read_text(upload, content_type).split())
    assert upload.tell() == 0  # left ready to be saved


@pytest.mark.parametrize(
    ("content", "content_type"),
    [
        (PNG, "image/png"),
        (b"\xd0\xcf\x11\xe0 an old Word file", "application/msword"),
        (b"%PDF-1.4 a scan without text, or a damaged file", "application/pdf"),
        (pdf_with(""), "application/pdf"),  # no text layer
        (b"PK\x03\x04 not really a zip", DOCX),
        (docx_with('<!DOCTYPE x [<!ENTITY a "aaaa">]><w:p><w:r><w:t>&a;</w:t></w:r></w:p>'), DOCX),
    ],
    ids=["image", "doc", "damaged-pdf", "pdf-without-text", "damaged-docx", "docx-with-entities"],
)
def test_a_file_whose_text_cannot_be_read_says_so(content, content_type):
    assert read_text(SimpleUploadedFile("fil", content, content_type), content_type) is None


def test_a_whole_document_may_carry_our_letterhead_but_no_protected_detail(world):
    def check(text):
        check_outbound_text(
            case=world.nexus_case, fields={"file": text}, channel=Channel.SHARED_FILE, whole_documents=["file"]
        )

    check("Socialtjänsten, besöksadress Stationsgatan 12. Beslut om stöd.")
    for carrying in ("Gömda vägen 9", world.protected.street_address, "Hemliga skolan", "070-000 00 00"):
        with pytest.raises(ValidationError, match="Ta bort uppgiften ur filen"):
            check(f"Utredning. {carrying}.")
