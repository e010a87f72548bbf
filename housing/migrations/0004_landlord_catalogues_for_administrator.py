"""Lets the administrator role keep landlords, their contacts and agreements, and the pools with their quotas."""

from django.db import migrations

from housing.migrations import _permissions

MODELS = ("landlord", "landlordcontact", "cooperationagreement", "reservationpool", "poolquota")


def forwards(apps, schema_editor):
    _permissions.grant_administrator(apps, MODELS)


def backwards(apps, schema_editor):
    _permissions.revoke_administrator(apps, MODELS)


class Migration(migrations.Migration):
    dependencies = [("housing", "0003_landlords_flats_pools"), ("housing", "0002_catalogues_and_administrator")]
    operations = [migrations.RunPython(forwards, backwards)]
