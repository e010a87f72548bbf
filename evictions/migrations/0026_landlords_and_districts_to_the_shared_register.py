"""Eviction prevention's landlords, their contact persons, its districts and their postal areas move to the shared
register of the case core (`cases.models.register`), merged with housing's by name (a landlord type that differs
takes eviction prevention's: it is what Kronofogden counts). Notices, files, meeting dates and the contacts who
attended a meeting point at the shared rows, their history too; the old tables are gone."""

from django.db import migrations, models

from cases.migrations import _register

LANDLORD_COLUMNS = [
    ("evictions_notice", "landlord_id"),
    ("evictions_historicalnotice", "landlord_id"),
    ("evictions_landlordmeeting", "landlord_id"),
    ("evictions_historicallandlordmeeting", "landlord_id"),
]
DISTRICT_COLUMNS = [
    ("evictions_notice", "district_id"),
    ("evictions_historicalnotice", "district_id"),
    ("evictions_evictionfile", "district_id"),
    ("evictions_historicalevictionfile", "district_id"),
]


def forwards(apps, schema_editor):
    landlords = {
        old.pk: _register.landlord(apps, name=old.name, kind=old.kind, kind_wins=True).pk
        for old in apps.get_model("evictions", "Landlord").objects.all()
    }
    contacts = {
        old.pk: _register.contact(
            apps,
            landlord_id=landlords[old.landlord_id],
            name=old.name,
            role=old.role,
            phone=old.phone,
            email=old.email,
        ).pk
        for old in apps.get_model("evictions", "LandlordContact").objects.all()
    }
    districts = {}
    for old in apps.get_model("evictions", "District").objects.all():
        districts[old.pk] = _register.district(
            apps, name=old.name, active=old.active, handled_by_team=old.handled_by_team, contact=old.contact
        ).pk
    PostalArea = apps.get_model("cases", "DistrictPostalArea")  # noqa: N806
    PostalArea.objects.bulk_create(
        PostalArea(
            district_id=districts[old.district_id],
            postal_code_from=old.postal_code_from,
            postal_code_to=old.postal_code_to,
        )
        for old in apps.get_model("evictions", "DistrictPostalArea").objects.all()
    )
    for table, column in LANDLORD_COLUMNS:
        _register.remap(schema_editor, table, column, landlords)
    for table, column in DISTRICT_COLUMNS:
        _register.remap(schema_editor, table, column, districts)
    Minutes = apps.get_model("evictions", "MeetingMinutes")  # noqa: N806
    Minutes.landlord_contacts_register.through.objects.bulk_create(
        Minutes.landlord_contacts_register.through(
            meetingminutes_id=link.meetingminutes_id, landlordcontact_id=contacts[link.landlordcontact_id]
        )
        for link in Minutes.landlord_contacts.through.objects.all()
    )
    _register.copy_history(apps, ("evictions", "HistoricalLandlord"), ("cases", "HistoricalLandlord"), landlords)
    _register.copy_history(apps, ("evictions", "HistoricalDistrict"), ("cases", "HistoricalDistrict"), districts)
    _register.copy_history(
        apps, ("evictions", "HistoricalLandlordContact"), ("cases", "HistoricalLandlordContact"), contacts
    )
    _register.settle(schema_editor)


def backwards(apps, schema_editor):
    _register.copy_back(apps, schema_editor, ("cases", "Landlord"), ("evictions", "Landlord"))
    _register.copy_back(apps, schema_editor, ("cases", "LandlordContact"), ("evictions", "LandlordContact"))
    _register.copy_back(apps, schema_editor, ("cases", "District"), ("evictions", "District"))
    _register.copy_back(apps, schema_editor, ("cases", "DistrictPostalArea"), ("evictions", "DistrictPostalArea"))
    Minutes = apps.get_model("evictions", "MeetingMinutes")  # noqa: N806
    Minutes.landlord_contacts.through.objects.bulk_create(
        Minutes.landlord_contacts.through(
            meetingminutes_id=link.meetingminutes_id, landlordcontact_id=link.landlordcontact_id
        )
        for link in Minutes.landlord_contacts_register.through.objects.all()
    )
    _register.settle(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0027_landlord_and_district_register"),
        ("evictions", "0025_landlord_meeting_minutes"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        _register.loosen("notice", "landlord"),
        _register.loosen("notice", "district", null=True),
        _register.loosen("evictionfile", "district", null=True),
        _register.loosen("landlordmeeting", "landlord"),
        migrations.AddField(
            model_name="meetingminutes",
            name="landlord_contacts_register",
            field=models.ManyToManyField(related_name="+", to="cases.landlordcontact"),
        ),
        migrations.RunPython(forwards, backwards),
        migrations.RemoveField(model_name="meetingminutes", name="landlord_contacts"),
        migrations.RenameField(
            model_name="meetingminutes", old_name="landlord_contacts_register", new_name="landlord_contacts"
        ),
        migrations.AlterField(
            model_name="meetingminutes",
            name="landlord_contacts",
            field=models.ManyToManyField(related_name="+", to="cases.landlordcontact", verbose_name="från hyresvärden"),
        ),
        migrations.AlterField("notice", "landlord", _register.fk("cases.landlord", "notices", "hyresvärd")),
        migrations.AlterField("notice", "district", _register.fk("cases.district", "notices", "distrikt", null=True)),
        migrations.AlterField(
            "evictionfile", "district", _register.fk("cases.district", "files", "distrikt", null=True)
        ),
        migrations.AlterField(
            "landlordmeeting",
            "landlord",
            _register.fk("cases.landlord", "meetings", on_delete=models.CASCADE),
        ),
        migrations.AlterField("historicalnotice", "landlord", _register.history_fk("cases.landlord", "hyresvärd")),
        migrations.AlterField("historicalnotice", "district", _register.history_fk("cases.district", "distrikt")),
        migrations.AlterField("historicalevictionfile", "district", _register.history_fk("cases.district", "distrikt")),
        migrations.AlterField("historicallandlordmeeting", "landlord", _register.history_fk("cases.landlord")),
        migrations.DeleteModel(name="HistoricalDistrictPostalArea"),
        migrations.DeleteModel(name="DistrictPostalArea"),
        migrations.DeleteModel(name="HistoricalDistrict"),
        migrations.DeleteModel(name="District"),
        migrations.DeleteModel(name="HistoricalLandlordContact"),
        migrations.DeleteModel(name="LandlordContact"),
        migrations.DeleteModel(name="HistoricalLandlord"),
        migrations.DeleteModel(name="Landlord"),
        _register.forget_models(
            "evictions",
            "landlord",
            "historicallandlord",
            "landlordcontact",
            "historicallandlordcontact",
            "district",
            "historicaldistrict",
            "districtpostalarea",
            "historicaldistrictpostalarea",
        ),
    ]
