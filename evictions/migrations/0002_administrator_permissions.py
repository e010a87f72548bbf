"""The administrator role keeps eviction prevention's catalogues (districts, postal-code areas, landlords)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PERMISSIONS = [
    (action, model)
    for model in ("district", "districtpostalarea", "landlord")
    for action in ("view", "add", "change", "delete")
]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("evictions")
    models_module = getattr(app_config, "models_module", None)
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="administrator")
    for action, model in PERMISSIONS:
        group.permissions.add(Permission.objects.get(content_type__app_label="evictions", codename=f"{action}_{model}"))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="evictions", codename__in=[f"{action}_{model}" for action, model in PERMISSIONS]
    )
    for group in Group.objects.filter(name="administrator"):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [("evictions", "0001_initial"), ("kompotten", "0003_roles")]
    operations = [migrations.RunPython(grant, revoke)]
