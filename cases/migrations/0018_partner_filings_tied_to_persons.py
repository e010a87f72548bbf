"""Every partner's filing is tied to the person it names (issue 18).

A filing kept the person as the partner wrote them, outside the register, until Nexus took them in, so a person
already protected here was shown to our staff from the filing's text at the filed level only. Each filing is now
linked to the person with its identity number, and a person is registered (at the filed protection level, by the
partner's contact person who filed) when there is none; a known person keeps the stricter of the two levels. A
person registered here, or not protected here before, becomes the request's applicant as a new filing makes them;
one already protected here stays linked only, and joins the case when Nexus confirms them (someone who may see
them), so this migration opens no protected identity to the request's handlers. Each change has its history row.
The next migration requires the person.
"""

from django.db import migrations
from django.utils import timezone

from cases.identity_numbers import parse_identity_number

REASON = "Uppgifter från samverkanskommunen kopplade till personen (migrering)"
LEVELS = ["none", "sekretessmarkering", "skyddad_folkbokforing", "fingerade_personuppgifter"]


def _history(apps, model: str, row, history_type: str, user_id, now) -> None:
    historical = apps.get_model("cases", f"Historical{model}")
    values = {field.attname: getattr(row, field.attname) for field in row._meta.concrete_fields}
    historical.objects.create(
        **values, history_date=now, history_type=history_type, history_user_id=user_id, history_change_reason=REASON
    )


def link_filings(apps, schema_editor):
    PartnerFiling = apps.get_model("cases", "PartnerFiling")
    Person, CaseParty = apps.get_model("cases", "Person"), apps.get_model("cases", "CaseParty")
    now = timezone.now()
    filings = PartnerFiling.objects.filter(person__isnull=True).select_related("request__case", "request__municipality")
    for filing in filings.order_by("pk"):
        case, user_id = filing.request.case, filing.filed_by_id
        source = f"Uppgift från {filing.request.municipality.short_name} i förfrågan {case.year}-{case.sequence:05d}"
        person = Person.objects.filter(identity_number=filing.identity_number).first()
        protected_before = person is not None and person.protection_level != "none"
        if person is None:
            protected = filing.protection_level != "none"
            person = Person.objects.create(
                given_name=filing.given_name, family_name=filing.family_name, identity_number=filing.identity_number,
                birth_date=parse_identity_number(filing.identity_number).birth_date, protection_level=filing.protection_level,
                protection_noted_on=filing.filed_at.date() if protected else None,
                protection_source=source if protected else "", created_by_id=user_id,
            )  # fmt: skip
            _history(apps, "Person", person, "+", user_id, now)
        elif LEVELS.index(filing.protection_level) > LEVELS.index(person.protection_level):
            person.protection_level = filing.protection_level
            if not protected_before:
                person.protection_noted_on, person.protection_source = filing.filed_at.date(), source
            person.save(update_fields=["protection_level", "protection_noted_on", "protection_source"])
            _history(apps, "Person", person, "~", user_id, now)
        filing.person = person
        filing.save(update_fields=["person"])
        _history(apps, "PartnerFiling", filing, "~", user_id, now)
        if not protected_before and not CaseParty.objects.filter(case=case, person=person).exists():
            party = CaseParty.objects.create(case=case, person=person, role="applicant")
            _history(apps, "CaseParty", party, "+", user_id, now)


class Migration(migrations.Migration):
    dependencies = [("cases", "0017_partner_filing_person")]

    operations = [migrations.RunPython(link_filings, migrations.RunPython.noop)]
