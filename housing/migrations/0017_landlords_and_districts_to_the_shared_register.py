"""Housing's landlords, their contact persons and its districts move to the shared register of the case core
(`cases.models.register`), merged with eviction prevention's by name: every flat, agreement, pool, kundvård and
application points at the shared rows, their history too. The old tables go in 0018, once relocation's
districts have moved (cases.relocation 0007)."""

from django.db import migrations, models

from cases.migrations import _register

LANDLORD_COLUMNS = [
    ("housing_flat", "landlord_id"),
    ("housing_historicalflat", "landlord_id"),
    ("housing_cooperationagreement", "landlord_id"),
    ("housing_historicalcooperationagreement", "landlord_id"),
    ("housing_reservationpool", "landlord_id"),
    ("housing_historicalreservationpool", "landlord_id"),
    ("housing_kundvard", "landlord_id"),
    ("housing_historicalkundvard", "landlord_id"),
]
DISTRICT_COLUMNS = [("housing_flat", "district_id"), ("housing_historicalflat", "district_id")]


def forwards(apps, schema_editor):
    landlords = {
        old.pk: _register.landlord(apps, name=old.name, kind=old.kind, kind_wins=False).pk
        for old in apps.get_model("housing", "Landlord").objects.all()
    }
    for old in apps.get_model("housing", "LandlordContact").objects.all():
        _register.contact(
            apps,
            landlord_id=landlords[old.landlord_id],
            name=old.name,
            role=old.title,
            phone=old.phone,
            email=old.email,
        )
    districts = {
        old.pk: _register.district(apps, name=old.name, active=old.active).pk
        for old in apps.get_model("housing", "District").objects.all()
    }
    for table, column in LANDLORD_COLUMNS:
        _register.remap(schema_editor, table, column, landlords)
    for table, column in DISTRICT_COLUMNS:
        _register.remap(schema_editor, table, column, districts)
    Application = apps.get_model("housing", "HousingApplication")  # noqa: N806
    links = Application.avoid_districts.through.objects.all()
    Application.avoid_districts_register.through.objects.bulk_create(
        Application.avoid_districts_register.through(
            housingapplication_id=link.housingapplication_id, district_id=districts[link.district_id]
        )
        for link in links
    )
    _register.copy_history(apps, ("housing", "HistoricalLandlord"), ("cases", "HistoricalLandlord"), landlords)
    _register.copy_history(apps, ("housing", "HistoricalDistrict"), ("cases", "HistoricalDistrict"), districts)
    _register.settle(schema_editor)


def backwards(apps, schema_editor):
    _register.copy_back(apps, schema_editor, ("cases", "Landlord"), ("housing", "Landlord"))
    _register.copy_back(apps, schema_editor, ("cases", "LandlordContact"), ("housing", "LandlordContact"), role="title")
    _register.copy_back(apps, schema_editor, ("cases", "District"), ("housing", "District"))
    Application = apps.get_model("housing", "HousingApplication")  # noqa: N806
    Application.avoid_districts.through.objects.bulk_create(
        Application.avoid_districts.through(
            housingapplication_id=link.housingapplication_id, district_id=link.district_id
        )
        for link in Application.avoid_districts_register.through.objects.all()
    )
    _register.settle(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0027_landlord_and_district_register"),
        ("housing", "0016_flat_let_to_shelter"),
    ]

    operations = [
        _register.loosen("flat", "landlord"),
        _register.loosen("flat", "district"),
        _register.loosen("cooperationagreement", "landlord"),
        _register.loosen("reservationpool", "landlord"),
        _register.loosen("kundvard", "landlord"),
        migrations.AddField(
            model_name="housingapplication",
            name="avoid_districts_register",
            field=models.ManyToManyField(blank=True, related_name="+", to="cases.district"),
        ),
        migrations.RunPython(forwards, backwards),
        migrations.RemoveField(model_name="housingapplication", name="avoid_districts"),
        migrations.RenameField(
            model_name="housingapplication", old_name="avoid_districts_register", new_name="avoid_districts"
        ),
        migrations.AlterField(
            model_name="housingapplication",
            name="avoid_districts",
            field=models.ManyToManyField(
                blank=True, related_name="+", to="cases.district", verbose_name="områden som måste undvikas"
            ),
        ),
        migrations.AlterField("flat", "landlord", _register.fk("cases.landlord", "flats", "hyresvärd")),
        migrations.AlterField("flat", "district", _register.fk("cases.district", "flats", "område")),
        migrations.AlterField("cooperationagreement", "landlord", _register.fk("cases.landlord", "agreements")),
        migrations.AlterField("reservationpool", "landlord", _register.fk("cases.landlord", "pools", "hyresvärd")),
        migrations.AlterField("kundvard", "landlord", _register.fk("cases.landlord", "+", "hyresvärd")),
        migrations.AlterField("historicalflat", "landlord", _register.history_fk("cases.landlord", "hyresvärd")),
        migrations.AlterField("historicalflat", "district", _register.history_fk("cases.district", "område")),
        migrations.AlterField("historicalcooperationagreement", "landlord", _register.history_fk("cases.landlord")),
        migrations.AlterField(
            "historicalreservationpool", "landlord", _register.history_fk("cases.landlord", "hyresvärd")
        ),
        migrations.AlterField("historicalkundvard", "landlord", _register.history_fk("cases.landlord", "hyresvärd")),
    ]
