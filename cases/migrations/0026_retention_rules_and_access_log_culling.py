"""The retention rules in force when the product is installed, as data an administrator edits afterwards, and the
one rewrite the append-only access log allows: culling (cases.services.retention) sets `kompotten.culling` for its
transaction and may then blank a culled person from a row, keeping its time, user, action, grant and case."""

from django.db import migrations

FILE_BASIS = (
    "Socialtjänstlagen: uppgifter i en personakt gallras fem år efter sista anteckningen, senast vid utgången av "
    "året efter (12 kap. 1 § SoL 2001:453; socialtjänstlagen 2025:400 från 2025). Gallras inte så länge en annan "
    "handling om samma person bevaras."
)
RESEARCH_BASIS = (
    "Socialtjänstförordningen: handlingar om personer födda den 5, 15 och 25 i varje månad bevaras för forskning "
    "(7 kap. 1 § SoF 2001:937, och motsvarande föreskrifter efter 2025)."
)
KINDS = ["relocation", "housing", "eviction", "support"]

CREATE = """
CREATE OR REPLACE FUNCTION cases_accesslogentry_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND current_setting('kompotten.culling', true) = 'on'
        AND NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.user_id = OLD.user_id AND NEW.action = OLD.action
        AND NEW."grant" = OLD."grant" AND NEW.case_id IS NOT DISTINCT FROM OLD.case_id AND NEW.person_id IS NULL
    THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION USING MESSAGE = 'cases_accesslogentry is append-only: ' || TG_OP || ' refused';
END;
$$ LANGUAGE plpgsql;
"""

RESTORE = """
CREATE OR REPLACE FUNCTION cases_accesslogentry_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION USING MESSAGE = 'cases_accesslogentry is append-only: ' || TG_OP || ' refused';
END;
$$ LANGUAGE plpgsql;
"""


def rules(apps, schema_editor):
    RetentionRule = apps.get_model("cases", "RetentionRule")
    RetentionException = apps.get_model("cases", "RetentionException")
    for kind in KINDS:
        RetentionRule.objects.get_or_create(
            record_kind=kind, active=True, defaults={"years": 5, "legal_basis": FILE_BASIS}
        )
    RetentionException.objects.get_or_create(
        name="Forskning: födda den 5, 15 och 25",
        defaults={"kind": "birth_day", "days": [5, 15, 25], "legal_basis": RESEARCH_BASIS},
    )


def trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def trigger_back(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(RESTORE)


class Migration(migrations.Migration):
    dependencies = [("cases", "0025_retention")]
    operations = [
        migrations.RunPython(rules, migrations.RunPython.noop),
        migrations.RunPython(trigger, trigger_back),
    ]
