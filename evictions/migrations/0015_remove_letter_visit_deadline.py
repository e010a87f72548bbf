"""The letter's link to a visit deadline is gone: booked visits are not deadlines (see 0014)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("evictions", "0014_booked_visits_are_not_deadlines")]

    operations = [
        migrations.RemoveField(model_name="historicalletter", name="visit_deadline"),
        migrations.RemoveField(model_name="letter", name="visit_deadline"),
    ]
