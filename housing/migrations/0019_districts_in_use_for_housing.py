"""Which districts of the shared register housing offers in its forms (`District.for_housing`, cases 0029). A
district eviction prevention uses (a notice, a file or a postal-code range for routing) that housing has never
used (no flat, not even in a flat's history, and no application or relocation request avoiding it) is eviction
prevention's alone and is no longer offered to housing; every other district stays offered, as before."""

from django.db import migrations


def forwards(apps, schema_editor):
    District = apps.get_model("cases", "District")  # noqa: N806
    housing = set(apps.get_model("housing", "Flat").objects.values_list("district_id", flat=True))
    housing |= set(apps.get_model("housing", "HistoricalFlat").objects.values_list("district_id", flat=True))
    for model in (apps.get_model("housing", "HousingApplication"), apps.get_model("relocation", "RelocationRequest")):
        housing |= set(model.avoid_districts.through.objects.values_list("district_id", flat=True))
    evictions = set(apps.get_model("evictions", "Notice").objects.values_list("district_id", flat=True))
    evictions |= set(apps.get_model("evictions", "EvictionFile").objects.values_list("district_id", flat=True))
    evictions |= set(apps.get_model("cases", "DistrictPostalArea").objects.values_list("district_id", flat=True))
    District.objects.filter(pk__in=evictions - housing - {None}).update(for_housing=False)


def backwards(apps, schema_editor):
    """The field goes with cases 0029's reversal."""


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0030_district_for_housing"),
        ("housing", "0018_remove_old_landlords_and_districts"),
        ("evictions", "0026_landlords_and_districts_to_the_shared_register"),
        ("relocation", "0007_avoid_districts_from_the_shared_register"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
