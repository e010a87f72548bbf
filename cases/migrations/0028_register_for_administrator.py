"""The administrator keeps the landlord and district registers in the Django admin, as before in each app."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PERMISSIONS = [
    f"{action}_{model}"
    for model in ("landlord", "landlordcontact", "district", "districtpostalarea")
    for action in ("view", "add", "change", "delete")
]


def _permissions(apps):
    app_config = apps.get_app_config("cases")
    models_module = getattr(app_config, "models_module", None)
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = models_module
    return apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="cases", codename__in=PERMISSIONS
    )


def grant(apps, schema_editor):
    # The roles migration made the group; a flushed test database has none, and its fixtures grant afterwards.
    for group in apps.get_model("auth", "Group").objects.filter(name="administrator"):
        group.permissions.add(*_permissions(apps))


def revoke(apps, schema_editor):
    for group in apps.get_model("auth", "Group").objects.filter(name="administrator"):
        group.permissions.remove(*_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [("cases", "0027_landlord_and_district_register"), ("kompotten", "0003_roles")]
    operations = [migrations.RunPython(grant, revoke)]
