"""The grants given before grant events existed, so the managers' review lists them too: every handler assignment
still in place (when and by whom it was made; no reason was asked then) and every emergency access."""

from django.db import migrations

ASSIGNMENTS = """
INSERT INTO cases_grantevent (at, kind, given_by_id, user_id, case_id, person_id, protected, reason)
SELECT a.assigned_at, 'assigned', a.assigned_by_id, a.user_id, a.case_id, NULL,
       EXISTS (SELECT 1 FROM cases_caseparty p JOIN cases_person pe ON pe.id = p.person_id
               WHERE p.case_id = a.case_id AND pe.protection_level <> 'none'),
       ''
FROM cases_caseassignment a
"""

EMERGENCY = """
INSERT INTO cases_grantevent (at, kind, given_by_id, user_id, case_id, person_id, protected, reason, emergency_access_id)
SELECT e.started_at, 'emergency', e.user_id, e.user_id, e.case_id, e.person_id, TRUE, e.reason, e.id
FROM cases_emergencyaccess e
"""


def forwards(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(ASSIGNMENTS)
        cursor.execute(EMERGENCY)


def backwards(apps, schema_editor):
    apps.get_model("cases", "GrantEvent").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("cases", "0015_grant_events_and_access_requests")]
    operations = [migrations.RunPython(forwards, backwards)]
