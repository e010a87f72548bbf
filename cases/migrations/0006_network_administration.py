"""The administrator keeps networks, memberships and contact persons in the Django admin."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PERMISSIONS = [
    f"{action}_{model}"
    for model in ("network", "networkmembership", "membercontact")
    for action in ("view", "add", "change")
]


def grant(apps, schema_editor):
    cases = apps.get_app_config("cases")
    models_module = getattr(cases, "models_module", None)
    cases.models_module = True
    create_permissions(cases, apps=apps, verbosity=0)
    cases.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    administrator, _ = Group.objects.get_or_create(name="administrator")
    administrator.permissions.add(*Permission.objects.filter(content_type__app_label="cases", codename__in=PERMISSIONS))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name="administrator"):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="cases", codename__in=PERMISSIONS))


class Migration(migrations.Migration):
    dependencies = [("cases", "0005_relocation"), ("kompotten", "0003_roles")]
    operations = [migrations.RunPython(grant, revoke)]
