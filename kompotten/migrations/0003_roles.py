"""Creates the role groups with their permissions.

The table is frozen here as it stood when this migration landed; later changes to kompotten.roles.ROLE_PERMISSIONS
come with a migration of their own.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ADMIN_MODEL_PERMISSIONS = [
    f"kompotten.{action}_{model}"
    for model in ("user", "unit", "municipality", "county")
    for action in ("view", "add", "change")
]
ROLE_PERMISSIONS = {
    "nexus_caseworker": ["kompotten.work_relocation"],
    "housing_handler": ["kompotten.work_housing"],
    "eviction_caseworker": ["kompotten.work_evictions"],
    "manager": ["kompotten.view_reports"],
    "partner_contact": ["kompotten.partner_portal"],
    "administrator": ["kompotten.administer", *ADMIN_MODEL_PERMISSIONS],
}


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, names in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        permissions = [
            Permission.objects.get(content_type__app_label=name.split(".")[0], codename=name.split(".")[1])
            for name in names
        ]
        group.permissions.set(permissions)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=list(ROLE_PERMISSIONS)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("kompotten", "0002_load_reference_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(create_roles, remove_roles)]
