"""Fills the catalogues with a starting point the unit then edits, and lets the administrator role edit them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CATALOGUE_MODELS = ("district", "checklistitem", "decisiondeadlinerule")
ADMIN_PERMISSIONS = [f"{action}_{model}" for model in CATALOGUE_MODELS for action in ("view", "add", "change")]

CHECKLIST = [
    ("Ansökan och samtycke", "Ansökan är underskriven och samtycke till kontakt med hyresvärd finns."),
    ("Hushållets sammansättning", "Vuxna och barn i hushållet, barnens ålder och vårdnad."),
    ("Inkomst och betalningsförmåga", "Inkomst, försörjningsstöd och bostadsbidrag räknas som inkomst."),
    ("Skulder och betalningsanmärkningar", "Hyresskulder och andra skulder; plan för avbetalning."),
    ("Boendereferens", "Tidigare boende och hur det fungerade."),
    ("Hot- och riskbedömning", "Aktuell bedömning från Nexus eller polisen; områden som måste undvikas."),
    ("Behov av stöd i boendet", "Boendestöd eller andra insatser under prövotiden."),
]


def forwards(apps, schema_editor):
    for app_config in apps.get_app_configs():
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = models_module
    Rule = apps.get_model("housing", "DecisionDeadlineRule")
    for kind in ("housing_chain", "relocation", "direct"):
        Rule.objects.get_or_create(referral_kind=kind, defaults={"months": 3})
    Item = apps.get_model("housing", "ChecklistItem")
    for position, (label, help_text) in enumerate(CHECKLIST, 1):
        Item.objects.get_or_create(label=label, defaults={"help_text": help_text, "position": position})
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="administrator")
    group.permissions.add(*Permission.objects.filter(content_type__app_label="housing", codename__in=ADMIN_PERMISSIONS))


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="administrator").first()
    if group:
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="housing", codename__in=ADMIN_PERMISSIONS)
        )


class Migration(migrations.Migration):
    dependencies = [("housing", "0001_applications"), ("kompotten", "0003_roles")]
    operations = [migrations.RunPython(forwards, backwards)]
