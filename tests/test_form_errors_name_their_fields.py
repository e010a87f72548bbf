"""Every form's error summary names the field each error is about, and every rule shows on the first submit
(kompotten.forms.GovukFormMixin: Django's own messages are replaced by ones naming the field; a form's `rules`
run on what is valid so far)."""

import re
from html import unescape

from django import forms
from django.urls import reverse

import pytest

from evictions.models import Notice
from kompotten.forms import GovukFormMixin, LoginForm

SUMMARY = re.compile(r'<ul class="govuk-list govuk-error-summary__list">(.*?)</ul>', re.S)


def summary(page: str) -> list[str]:
    (items,) = SUMMARY.findall(page)
    return [unescape(re.sub(r"<[^>]+>", "", item)).strip() for item in re.findall(r"<li>(.*?)</li>", items, re.S)]


@pytest.mark.parametrize(
    ("persona", "url", "expected"),
    [
        (
            "eviction_caseworker",
            "evictions:notice_add",
            [
                "Ange mottagningsdatum.",
                "Välj typ av underrättelse.",
                "Ange hyresgäst, personnummer.",
                "Ange postnummer.",
            ],
        ),
        (
            "partner_vasteras",
            "cases:relocation_file",
            [
                "Ange antal rum.",
                "Välj skyddsnivå.",
                "Fyll i ”Alla möjligheter till tryggt boende i hemkommunen är prövade”.",
            ],
        ),
        ("nexus_caseworker", "housing:application_refer", ["Ange förnamn.", "Ange efternamn."]),
    ],
)
def test_an_empty_form_lists_each_missing_field_by_name(client, request, persona, url, expected):
    client.force_login(request.getfixturevalue(persona))
    response = client.post(reverse(url), {})
    assert response.status_code == 400
    errors = summary(response.content.decode())
    assert set(expected) <= set(errors), errors
    assert len(errors) == len(set(errors)), "two errors read the same: the reader cannot tell their fields apart"
    assert not any("Detta fält" in error for error in errors)


def test_a_notice_rule_shows_on_the_first_submit_beside_the_missing_fields(client, eviction_caseworker):
    client.force_login(eviction_caseworker)
    response = client.post(
        reverse("evictions:notice_add"),
        {"received_on": "2026-11-18", "channel": "post", "sender_kind": "landlord", "kind": Notice.Kind.TERMINATION},
    )
    errors = summary(response.content.decode())
    assert "Ange hyresgäst, förnamn." in errors  # a missing field …
    assert "Ange minst ett skäl till uppsägningen eller varningen." in errors  # … and the rules, the first time
    assert "Ange dagen då uppsägningen delgavs: återvinningsfristen räknas från den." in errors
    assert Notice.objects.count() == 0


class Sample(GovukFormMixin, forms.Form):
    adults = forms.IntegerField(label="Vuxna", min_value=1)
    reason = forms.CharField(label="Skäl", error_messages={"required": "Skriv varför."})
    agreed = forms.BooleanField(label="Jag har läst villkoren")
    registered = forms.ChoiceField(label="Är personen folkbokförd där?", choices=[("ja", "Ja"), ("nej", "Nej")])


def test_django_messages_name_the_field_and_a_forms_own_message_is_kept():
    form = Sample({"adults": "0"})
    assert form.errors == {
        "adults": ["Vuxna: Kontrollera att detta värde är större än eller lika med 1."],
        "reason": ["Skriv varför."],
        "agreed": ["Kryssa i ”Jag har läst villkoren”."],
        "registered": ["Välj ett svar under ”Är personen folkbokförd där?”."],
    }


def test_a_label_set_after_the_fields_are_built_is_the_one_named(rf):
    form = LoginForm(rf.post("/"), data={"username": "a@b.example"})
    assert form.errors["password"] == ["Ange lösenord."]
