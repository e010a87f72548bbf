"""The new flat of a kundvård move is the home of the person who moved (issue 18).

`Kundvard.new_address` was a free-text copy of that address beside the case, masked only by the applicant's
visibility; for a person with skyddad folkbokföring it is the protected address. Each granted kundvård's address is
set on its applicant (the case's first person when none is marked applicant: the one whose visibility masked it),
as the person services do: for skyddad folkbokföring the protected address, for everyone else the registered
address, with a history row by whoever recorded the decision. Only a person's latest kundvård counts, and an
address their record changed after that decision is newer: it stays, and the kundvård's is left out. Then the field
is dropped, and with it the copies in the kundvård's history.
"""

import re

from django.db import migrations
from django.utils import timezone

from cases import postal_codes

REASON = "Adress från kundvård (migrering)"
PROTECTED_REGISTRATION = "skyddad_folkbokforing"
POSTAL_CODE = re.compile(r"\b(\d{3}) ?(\d{2})\b")


def _split(text: str) -> tuple[str, str, str]:
    """'Nyvägen 4, 753 20 Uppsala' -> ('Nyvägen 4', '75320', 'Uppsala'); without a postal code all of it is the
    street address."""
    matches = list(POSTAL_CODE.finditer(text))
    if not matches or not text[: matches[-1].start()].strip(" ,"):
        return text.strip()[:200], "", ""
    match = matches[-1]
    return text[: match.start()].strip(" ,")[:200], match[1] + match[2], text[match.end() :].strip(" ,")[:100]


def _fill(target, text: str, municipalities, Municipality) -> None:  # noqa: N803 - a model class
    target.street_address, target.postal_code, target.locality = _split(text)
    target.municipality = None
    found = postal_codes.lookup(target.postal_code) if target.postal_code else None
    if found is not None:
        target.locality, code = found
        if code not in municipalities:
            municipalities[code] = Municipality.objects.filter(code=code).first()
        target.municipality = municipalities[code]


def _history(historical, row, history_type: str, user_id) -> None:
    values = {field.attname: getattr(row, field.attname) for field in row._meta.concrete_fields}
    historical.objects.create(
        **values, history_date=timezone.now(), history_type=history_type, history_user_id=user_id,
        history_change_reason=REASON,
    )  # fmt: skip


def _changed_since(rows, day) -> bool:
    """Did the address in these history rows (oldest first) change after `day`?"""
    addresses = [(timezone.localtime(row.history_date).date(), (row.street_address, row.postal_code)) for row in rows]
    before = [address for at, address in addresses if at <= day]
    baseline = before[-1] if before else None
    return any(address != baseline for at, address in addresses if at > day)


def _decided_by(apps, kundvard) -> int:
    """Who recorded the decision: the author of the history row that set the address."""
    rows = apps.get_model("housing", "HistoricalKundvard").objects.filter(id=kundvard.pk).exclude(new_address="")
    first = rows.order_by("history_date", "history_id").first()
    return first.history_user_id if first and first.history_user_id else kundvard.created_by_id


def _applicant(apps, kundvard):
    parties = apps.get_model("cases", "CaseParty").objects.filter(case_id=kundvard.case_id).select_related("person")
    party = parties.filter(role="applicant").order_by("id").first() or parties.order_by("id").first()
    return party.person if party else None


def move_addresses_to_persons(apps, schema_editor):
    Kundvard = apps.get_model("housing", "Kundvard")  # noqa: N806
    ProtectedAddress = apps.get_model("cases", "ProtectedAddress")  # noqa: N806
    Municipality = apps.get_model("kompotten", "Municipality")  # noqa: N806
    history = {
        "person": apps.get_model("cases", "HistoricalPerson"),
        "protected": apps.get_model("cases", "HistoricalProtectedAddress"),
    }
    done, municipalities = set(), {}
    granted = Kundvard.objects.filter(decision="granted").exclude(new_address="")
    for kundvard in granted.order_by("-decided_on", "-id"):
        person = _applicant(apps, kundvard)
        if person is None or person.pk in done:
            continue
        done.add(person.pk)
        protected = person.protection_level == PROTECTED_REGISTRATION
        key = "protected" if protected else "person"
        rows = history[key].objects.filter(**({"person_id": person.pk} if protected else {"id": person.pk}))
        if _changed_since(rows.order_by("history_date", "history_id"), kundvard.decided_on):
            continue
        if protected:
            target = ProtectedAddress.objects.filter(person_id=person.pk).first()
            history_type = "~" if target else "+"
            target = target or ProtectedAddress(person_id=person.pk)
        else:
            target, history_type = person, "~"
        _fill(target, kundvard.new_address, municipalities, Municipality)
        target.save()
        _history(history[key], target, history_type, _decided_by(apps, kundvard))


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0016_grant_events_from_earlier_grants"),
        ("housing", "0010_application_referrals_latest_index"),
    ]

    operations = [
        migrations.RunPython(move_addresses_to_persons, migrations.RunPython.noop),
        migrations.RemoveField(model_name="historicalkundvard", name="new_address"),
        migrations.RemoveField(model_name="kundvard", name="new_address"),
    ]
