"""Loads all 21 counties and 290 municipalities with their SCB codes (data: kompotten/data/, CC0)."""

import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data"


def read(name):
    with open(DATA / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load(apps, schema_editor):
    County = apps.get_model("kompotten", "County")
    Municipality = apps.get_model("kompotten", "Municipality")
    counties = {}
    for row in read("counties.csv"):
        counties[row["county_code"]], _ = County.objects.update_or_create(
            code=row["county_code"],
            defaults={"name": row["county_name"], "short_name": row["county_name_short"]},
        )
    for row in read("municipalities.csv"):
        Municipality.objects.update_or_create(
            code=row["municipality_code"],
            defaults={
                "name": row["municipality_name"],
                "short_name": row["municipality_name_short"],
                "county": counties[row["county_code"]],
            },
        )


class Migration(migrations.Migration):
    dependencies = [("kompotten", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
