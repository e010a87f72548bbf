"""A booked visit is a time agreed with the household, not a statutory deadline: it was stored as a `cases.Deadline`
(which moved a Saturday visit to the Monday after, lag 1930:173). The letter keeps the booked time and the visit's
outcome, so the deadlines made for visits carry nothing of their own: unlink and delete them (their history rows
stay); 0015 drops the link (a separate transaction: PostgreSQL refuses to alter a table with pending
foreign-key checks from the update)."""

from django.db import migrations


def delete_visit_deadlines(apps, schema_editor):
    Letter = apps.get_model("evictions", "Letter")
    Deadline = apps.get_model("cases", "Deadline")
    ids = list(Letter.objects.filter(visit_deadline__isnull=False).values_list("visit_deadline_id", flat=True))
    if ids:
        Letter.objects.filter(visit_deadline_id__in=ids).update(visit_deadline=None)
        Deadline.objects.filter(pk__in=ids).delete()  # their DeadlineChange rows go with them (CASCADE)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0014_person_name_trigram_indexes"),
        ("evictions", "0013_notice_tenant_person_required"),
    ]

    operations = [
        migrations.RunPython(delete_visit_deadlines, migrations.RunPython.noop),
    ]
