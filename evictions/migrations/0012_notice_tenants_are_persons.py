"""Every tenant on a notice becomes a registered person (issue 18).

A routed notice kept its tenants as plain text (name and identity number), outside the person register, so a
protected person's name and real address were shown to the whole team. Each tenant without a person is tied to the
person with its identity number, and a person is registered (at the notice's address, by whoever registered the
notice) when there is none, with a history row as a registration makes. The next migration then drops the tenant's
own copy of the identity number and requires the person.

Imports: the row reports lose their summaries (name, address, date), and the file text of every finished import
(imported or failed) is removed; a preview's text stays until it is imported or purged.
"""

from django.db import migrations
from django.utils import timezone

from cases import postal_codes
from cases.identity_numbers import parse_identity_number

REASON = "Hyresgäst på underrättelse (migrering)"
BLOCK = 2000


def _parsed(text: str):
    try:
        return parse_identity_number(text) if text.strip() else None
    except Exception:  # noqa: BLE001 - a number the old code let through is kept as a reserve number instead
        return None


def _history(historical, row, history_type: str, user_id, now) -> object:
    values = {field.attname: getattr(row, field.attname) for field in row._meta.concrete_fields}
    return historical(
        **values, history_date=now, history_type=history_type, history_user_id=user_id, history_change_reason=REASON
    )


def _new_person(apps, tenant, parsed, municipalities):
    Person, Municipality = apps.get_model("cases", "Person"), apps.get_model("kompotten", "Municipality")
    notice = tenant.notice
    person = Person(
        given_name=tenant.given_name.strip(), family_name=tenant.family_name.strip(),
        street_address=notice.street_address, postal_code=notice.postal_code, created_by_id=notice.registered_by_id,
    )  # fmt: skip
    if parsed is not None:
        person.identity_number, person.birth_date = parsed.normalised, parsed.birth_date
    else:
        person.reserve_number = (tenant.identity_number.strip() or f"underrättelse {notice.pk}")[:30]
    found = postal_codes.lookup(notice.postal_code)
    if found is not None:
        person.locality, code = found
        if code not in municipalities:
            municipalities[code] = Municipality.objects.filter(code=code).first()
        person.municipality = municipalities[code]
    return person


def tie_tenants_to_persons(apps, schema_editor):
    NoticeTenant = apps.get_model("evictions", "NoticeTenant")
    Person = apps.get_model("cases", "Person")
    now, municipalities = timezone.now(), {}
    unreadable = {}  # a number the old code let through, unreadable now: one person per text written
    while tenants := list(NoticeTenant.objects.filter(person__isnull=True).select_related("notice")[:BLOCK]):
        parsed = {tenant.pk: _parsed(tenant.identity_number) for tenant in tenants}
        numbers = {number.normalised for number in parsed.values() if number is not None}
        persons = {person.identity_number: person for person in Person.objects.filter(identity_number__in=numbers)}
        new = []
        for tenant in tenants:
            number, text = parsed[tenant.pk], tenant.identity_number.strip()
            known, key = (persons, number.normalised) if number is not None else (unreadable, text)
            person = known.get(key) if key else None
            if person is None:
                person = _new_person(apps, tenant, number, municipalities)
                new.append(person)
                if key:
                    known[key] = person
            tenant.person = person
        Person.objects.bulk_create(new)
        apps.get_model("cases", "HistoricalPerson").objects.bulk_create(
            [_history(apps.get_model("cases", "HistoricalPerson"), p, "+", p.created_by_id, now) for p in new]
        )
        for tenant in tenants:
            tenant.person_id = tenant.person.pk
        NoticeTenant.objects.bulk_update(tenants, ["person"])
        historical = apps.get_model("evictions", "HistoricalNoticeTenant")
        historical.objects.bulk_create(
            [_history(historical, tenant, "~", tenant.notice.registered_by_id, now) for tenant in tenants]
        )


def forget_import_texts(apps, schema_editor):
    ImportBatch = apps.get_model("evictions", "ImportBatch")
    ImportBatch.objects.filter(status__in=["imported", "failed"]).exclude(content="").update(content="")
    batches = list(ImportBatch.objects.all())
    for batch in batches:
        batch.report = [{key: line.get(key) for key in ("line", "status", "errors")} for line in batch.report]
    ImportBatch.objects.bulk_update(batches, ["report"], batch_size=100)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0014_person_name_trigram_indexes"),
        ("evictions", "0011_landlord_meeting_permissions"),
    ]

    operations = [
        migrations.RunPython(tie_tenants_to_persons, migrations.RunPython.noop),
        migrations.RunPython(forget_import_texts, migrations.RunPython.noop),
    ]
