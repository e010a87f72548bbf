"""The administrator keeps the landlords' contact persons and meeting dates."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PERMISSIONS = [
    f"{action}_{model}"
    for model in ("landlordcontact", "landlordmeeting")
    for action in ("view", "add", "change", "delete")
]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("evictions")
    models_module = getattr(app_config, "models_module", None)
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = models_module
    Permission = apps.get_model("auth", "Permission")
    # The roles migration made the group; a flushed test database has none, and its fixtures grant afterwards.
    for group in apps.get_model("auth", "Group").objects.filter(name="administrator"):
        group.permissions.add(*Permission.objects.filter(content_type__app_label="evictions", codename__in=PERMISSIONS))


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name="administrator"):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="evictions", codename__in=PERMISSIONS)
        )


class Migration(migrations.Migration):
    dependencies = [("evictions", "0010_landlord_meetings"), ("kompotten", "0003_roles")]
    operations = [migrations.RunPython(grant, revoke)]
