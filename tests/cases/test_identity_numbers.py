"""Reading personnummer and samordningsnummer as caseworkers write them.

Test numbers only, never anyone's real number:

- 189001019802 and 201701012393 are from Skatteverket's published test data ("Testpersonnummer",
  https://www.dataportal.se/sv/datasets/6_67959/testpersonnummer).
- All other numbers are derived for this file like Skatteverket's test persons: birth numbers 980-999
  (as in 189001019802), with the check digit computed by the personnummer package
  (personnummer._luhn of the ten digits without the check digit). A samordningsnummer is such a number
  with 60 added to the day. Invalid numbers are these with one part changed on purpose.
"""

from datetime import date

from django.core.exceptions import ValidationError

import pytest
from personnummer import personnummer

from cases.identity_numbers import IdentityNumber, parse_identity_number, validate_identity_number

TODAY = date(2026, 6, 1)


def parse(value: str) -> IdentityNumber:
    return parse_identity_number(value, today=TODAY)


def error_code(value: str) -> str:
    with pytest.raises(ValidationError) as caught:
        parse(value)
    return caught.value.code


@pytest.mark.parametrize("value", ["19900101-9802", "199001019802", "900101-9802", "9001019802"])
def test_a_personnummer_is_read_with_10_or_12_digits_with_or_without_a_separator(value):
    number = parse(value)
    assert number.normalised == "19900101-9802"
    assert number.birth_date == date(1990, 1, 1)
    assert not number.is_coordination_number


@pytest.mark.parametrize("value", ["189001019802", "201701012393"])
def test_skatteverkets_published_test_numbers_are_valid(value):
    assert parse(value).normalised == f"{value[:8]}-{value[8:]}"


def test_surrounding_whitespace_is_ignored():
    assert parse("  19900101-9802\n").normalised == "19900101-9802"


def test_the_number_reads_as_its_normalised_form():
    assert str(parse("9001019802")) == "19900101-9802"


def test_a_plus_separator_means_the_person_is_100_or_older():
    assert parse("000101+9801").birth_date == date(1900, 1, 1)
    assert parse("000101-9801").birth_date == date(2000, 1, 1)
    assert parse("900101+9802").normalised == "18900101-9802"


def test_the_plus_separator_applies_from_the_year_the_person_turns_100():
    # Someone born 31 December 1926 writes "+" all through 2026, even before the birthday.
    assert parse("261231+9802").birth_date == date(1926, 12, 31)


def test_twelve_digits_carry_their_own_century_whatever_the_separator():
    assert parse("19000101+9801").normalised == "19000101-9801"


def test_the_century_is_inferred_as_the_personnummer_package_does():
    for value in ["900101+9802", "900101-9802", "000101+9801", "000101-9801"]:
        birth_date = parse_identity_number(value).birth_date
        assert birth_date == personnummer.parse(value).get_date(), value


@pytest.mark.parametrize("value", ["19900161-9809", "199001619809", "900161-9809", "9001619809"])
def test_a_samordningsnummer_is_read_with_its_real_date_of_birth(value):
    number = parse(value)
    assert number.is_coordination_number
    assert number.birth_date == date(1990, 1, 1)
    assert number.normalised == "19900161-9809"


@pytest.mark.parametrize("value", ["19900101-9803", "9001019803", "19900161-9808"])
def test_a_wrong_check_digit_is_rejected(value):
    assert error_code(value) == "checksum"


@pytest.mark.parametrize(
    "value",
    [
        "19901301-9808",  # month 13
        "19900230-9806",  # 30 February
        "19900192-9802",  # a samordningsnummer for day 32
        "000229+9808",  # 1900 was no leap year
    ],
)
def test_a_date_that_does_not_exist_is_rejected(value):
    assert error_code(value) == "date"


def test_29_february_is_accepted_in_a_leap_year():
    assert parse("000229-9808").birth_date == date(2000, 2, 29)


@pytest.mark.parametrize(
    "value",
    [
        "",
        "19900101-980",  # 11 digits
        "19900101-98022",  # 13 digits
        "900101-98O2",  # the letter O
        "19900101*9802",
        "1990-01-01-9802",
        "900101--9802",
        "١٩٩٠٠١٠١-٩٨٠٢",  # Arabic-Indic digits
        "19900101-0000",  # birth number 000 is never given
    ],
)
def test_a_number_in_the_wrong_format_is_rejected(value):
    assert error_code(value) == "format"


@pytest.mark.parametrize("value", ["20261231-9802", "261231-9802"])
def test_a_date_of_birth_in_the_future_is_rejected(value):
    assert error_code(value) == "future"


def test_the_errors_tell_the_caseworker_how_to_fix_the_number():
    with pytest.raises(ValidationError) as caught:
        parse("19900101-9803")
    assert caught.value.messages == ["Kontrollsiffran stämmer inte. Kontrollera att du skrivit av numret rätt."]


def test_the_validator_accepts_a_valid_number_and_rejects_an_invalid_one():
    assert validate_identity_number("19900101-9802") is None
    with pytest.raises(ValidationError):
        validate_identity_number("19900101-9803")
