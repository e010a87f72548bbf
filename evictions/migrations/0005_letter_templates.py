"""The first letter templates (the administrator edits them in the admin), and the administrator's permissions on
them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

SIGNATURE = """Med vänlig hälsning
{handläggare}
Vräkningsförebyggande teamet, {kommun}
Telefon {telefon}, e-post {e_post}"""

TEMPLATES = {
    "visit": (
        "Vi vill träffa dig – ärende {ärendenummer}",
        """Hej {mottagare}!

Socialtjänsten har fått veta att din hyresvärd {hyresvärd} har sagt upp ditt hyreskontrakt eller varnat dig. Vi vill hjälpa dig att få behålla din bostad.

Vi har bokat en tid för ett möte: {besökstid}, {besöksplats}.

Om du har en hyresskuld kan du få behålla lägenheten om skulden betalas inom tre veckor från att du fick uppsägningen. Kontakta oss gärna redan i dag. Passar tiden inte, ring eller mejla så bokar vi en ny.

"""
        + SIGNATURE,
    ),
    "home_visit": (
        "Vi kommer på hembesök – ärende {ärendenummer}",
        """Hej {mottagare}!

Socialtjänsten har fått en underrättelse från din hyresvärd {hyresvärd}. Vi vill hjälpa dig att få behålla din bostad och kommer därför på hembesök {besökstid}.

Passar tiden inte, ring eller mejla så bokar vi en ny. Om ingen är hemma lämnar vi en lapp.

"""
        + SIGNATURE,
    ),
    "contact": (
        "Kontakta oss – ärende {ärendenummer}",
        """Hej {mottagare}!

Socialtjänsten har fått en underrättelse från din hyresvärd {hyresvärd}. Vi kan hjälpa dig att få behålla din bostad, till exempel genom att prata med hyresvärden om en avbetalningsplan.

Om du har en hyresskuld kan du få behålla lägenheten om skulden betalas inom tre veckor från att du fick uppsägningen. Ring eller mejla oss så snart du kan.

"""
        + SIGNATURE,
    ),
}
PERMISSIONS = [f"{action}_lettertemplate" for action in ("view", "add", "change")]


def load(apps, schema_editor):
    LetterTemplate = apps.get_model("evictions", "LetterTemplate")
    for kind, (subject, body) in TEMPLATES.items():
        LetterTemplate.objects.get_or_create(kind=kind, defaults={"subject": subject, "body": body})
    app_config = apps.get_app_config("evictions")
    models_module = getattr(app_config, "models_module", None)
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = models_module
    Permission = apps.get_model("auth", "Permission")
    # The roles migration made the group; a flushed test database has none, and its fixtures grant afterwards.
    for group in apps.get_model("auth", "Group").objects.filter(name="administrator"):
        group.permissions.add(*Permission.objects.filter(content_type__app_label="evictions", codename__in=PERMISSIONS))


def unload(apps, schema_editor):
    apps.get_model("evictions", "LetterTemplate").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("evictions", "0004_letters"), ("kompotten", "0003_roles")]
    operations = [migrations.RunPython(load, unload)]
