"""Creates the team lead role (gruppledare / samordnare): assigns its unit's cases, the grant to the people on them,
clears escalation flags and sees the unit's workload. A team lead also holds their unit's caseworker role."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLE = "team_lead"
PERMISSION = ("kompotten", "lead_team")


def create_role(apps, schema_editor):
    # Permissions are normally created after all migrations; the group needs its permission now.
    app_config = apps.get_app_config("kompotten")
    models_module = getattr(app_config, "models_module", None)
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=ROLE)
    app_label, codename = PERMISSION
    group.permissions.set([Permission.objects.get(content_type__app_label=app_label, codename=codename)])


def remove_role(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=ROLE).delete()


class Migration(migrations.Migration):
    dependencies = [("kompotten", "0004_team_lead_permission")]
    operations = [migrations.RunPython(create_role, remove_role)]
