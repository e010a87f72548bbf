"""Each notice once: every notice names its first tenant (0018 filled them in and found no notice registered twice),
and the database refuses a second notice with the same tenant, kind, service date and landlord, from any channel."""

import django.db.models.deletion
import django.db.models.functions.comparison
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0023_case_event_steps_registered_by_apps"),
        ("evictions", "0018_notice_first_tenant"),
        ("kompotten", "0005_team_lead_role"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="notice",
            name="first_tenant",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="cases.person",
                verbose_name="första hyresgästen",
            ),
        ),
        migrations.AddConstraint(
            model_name="notice",
            constraint=models.UniqueConstraint(
                models.F("first_tenant"),
                models.F("kind"),
                django.db.models.functions.comparison.Coalesce("served_on", "received_on"),
                models.F("landlord"),
                name="notice_registered_once",
            ),
        ),
    ]
