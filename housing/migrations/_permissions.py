"""Shared by the data migrations that give the administrator role the housing catalogues in the Django admin."""

from django.contrib.auth.management import create_permissions

ACTIONS = ("view", "add", "change")


def _permissions(apps, models):
    for app_config in apps.get_app_configs():
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = models_module
    codenames = [f"{action}_{model}" for model in models for action in ACTIONS]
    return apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="housing", codename__in=codenames
    )


def grant_administrator(apps, models):
    group, _ = apps.get_model("auth", "Group").objects.get_or_create(name="administrator")
    group.permissions.add(*_permissions(apps, models))


def revoke_administrator(apps, models):
    group = apps.get_model("auth", "Group").objects.filter(name="administrator").first()
    if group:
        group.permissions.remove(*_permissions(apps, models))
