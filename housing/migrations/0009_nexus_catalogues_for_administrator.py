"""Lets the administrator role keep the protected-housing providers and the inventory of Nexus's flats."""

from django.db import migrations

from housing.migrations import _permissions

MODELS = ("shelterprovider", "nexusflat")


def forwards(apps, schema_editor):
    _permissions.grant_administrator(apps, MODELS)


def backwards(apps, schema_editor):
    _permissions.revoke_administrator(apps, MODELS)


class Migration(migrations.Migration):
    dependencies = [("housing", "0008_nexus_placements_flats_kundvard"), ("housing", "0006_decline_reasons")]
    operations = [migrations.RunPython(forwards, backwards)]
