"""In PostgreSQL the access log refuses UPDATE and DELETE: not even a bug or a console session can rewrite it."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION cases_accesslogentry_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION USING MESSAGE = 'cases_accesslogentry is append-only: ' || TG_OP || ' refused';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER cases_accesslogentry_append_only
    BEFORE UPDATE OR DELETE ON cases_accesslogentry
    FOR EACH ROW EXECUTE FUNCTION cases_accesslogentry_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS cases_accesslogentry_append_only ON cases_accesslogentry;
DROP FUNCTION IF EXISTS cases_accesslogentry_append_only();
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("cases", "0002_access_log")]
    operations = [migrations.RunPython(create, drop)]
