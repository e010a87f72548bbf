"""Every partner's filing names its person (0018 tied them); taking a person in is now confirming them."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0018_partner_filings_tied_to_persons"),
    ]

    operations = [
        migrations.AlterField(
            model_name="historicalpartnerfiling",
            name="taken_in_on",
            field=models.DateField(blank=True, null=True, verbose_name="identiteten bekräftad"),
        ),
        migrations.AlterField(
            model_name="partnerfiling",
            name="person",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="partner_filings",
                to="cases.person",
                verbose_name="person",
            ),
        ),
        migrations.AlterField(
            model_name="partnerfiling",
            name="taken_in_on",
            field=models.DateField(blank=True, null=True, verbose_name="identiteten bekräftad"),
        ),
    ]
