"""A partner's filing gets the person it names (issue 18): the column, filled by 0018 and required by 0019. Apart
from the data migration because PostgreSQL builds the new index at the end of the migration, which it cannot do on
a table with rows changed in the same transaction."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("cases", "0016_grant_events_from_earlier_grants")]

    operations = [
        migrations.AddField(
            model_name="historicalpartnerfiling",
            name="person",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="cases.person",
                verbose_name="person",
            ),
        ),
        migrations.AddField(
            model_name="partnerfiling",
            name="person",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="partner_filings",
                to="cases.person",
                verbose_name="person",
            ),
        ),
    ]
