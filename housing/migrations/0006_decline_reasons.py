"""A starting catalogue of decline reasons, and the administrator's right to keep it."""

from django.db import migrations

from housing.migrations import _permissions

REASONS = [
    ("Sökande tackade nej: lägenheten passar inte hushållet", "applicant", "none", 0),
    ("Sökande tackade nej utan godtagbart skäl", "applicant", "pause", 90),
    ("Sökande har ändrade behov som behöver utredas", "applicant", "back_to_investigation", 0),
    ("Hyresvärden godkände inte sökande", "landlord", "back_to_investigation", 0),
    ("Lägenheten ligger olämpligt med hänsyn till hotbilden", "flat_unsuitable", "none", 0),
    ("Lägenheten motsvarar inte hushållets behov av tillgänglighet", "flat_unsuitable", "none", 0),
]


def forwards(apps, schema_editor):
    Reason = apps.get_model("housing", "DeclineReason")
    for label, who, consequence, days in REASONS:
        Reason.objects.get_or_create(label=label, defaults={"who": who, "consequence": consequence,
                                                            "pause_days": days})  # fmt: skip
    _permissions.grant_administrator(apps, ("declinereason",))


def backwards(apps, schema_editor):
    _permissions.revoke_administrator(apps, ("declinereason",))


class Migration(migrations.Migration):
    dependencies = [("housing", "0005_offers"), ("housing", "0004_landlord_catalogues_for_administrator")]
    operations = [migrations.RunPython(forwards, backwards)]
