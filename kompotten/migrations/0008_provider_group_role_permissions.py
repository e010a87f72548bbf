"""The administrator keeps the mapping from the identity provider's groups to roles."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PERMISSIONS = [f"{action}_providergrouprole" for action in ("view", "add", "change", "delete")]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("kompotten")
    models_module = getattr(app_config, "models_module", None)
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = models_module
    Permission = apps.get_model("auth", "Permission")
    # The roles migration made the group; a flushed test database has none, and its fixtures grant afterwards.
    for group in apps.get_model("auth", "Group").objects.filter(name="administrator"):
        group.permissions.add(*Permission.objects.filter(content_type__app_label="kompotten", codename__in=PERMISSIONS))


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name="administrator"):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="kompotten", codename__in=PERMISSIONS)
        )


class Migration(migrations.Migration):
    dependencies = [("kompotten", "0007_provider_group_roles")]
    operations = [migrations.RunPython(grant, revoke)]
