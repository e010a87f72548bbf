"""Housing's own landlord, contact person and district tables are gone: the shared register holds them (0017)."""

from django.db import migrations

from cases.migrations import _register


class Migration(migrations.Migration):
    dependencies = [
        ("housing", "0017_landlords_and_districts_to_the_shared_register"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.DeleteModel(name="HistoricalLandlordContact"),
        migrations.DeleteModel(name="LandlordContact"),
        migrations.DeleteModel(name="HistoricalLandlord"),
        migrations.DeleteModel(name="Landlord"),
        migrations.DeleteModel(name="HistoricalDistrict"),
        migrations.DeleteModel(name="District"),
        _register.forget_models(
            "housing",
            "landlord",
            "historicallandlord",
            "landlordcontact",
            "historicallandlordcontact",
            "district",
            "historicaldistrict",
        ),
    ]
