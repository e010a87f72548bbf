"""Every tenant on a notice is a person (0012 tied them): the person is required and the tenant's own copy of the
identity number goes, from the history too (the person's number is the one)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0014_person_name_trigram_indexes"),
        ("evictions", "0012_notice_tenants_are_persons"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="historicalnoticetenant",
            name="identity_number",
        ),
        migrations.RemoveField(
            model_name="noticetenant",
            name="identity_number",
        ),
        migrations.AlterField(
            model_name="historicalnoticetenant",
            name="family_name",
            field=models.CharField(max_length=150, verbose_name="efternamn enligt underrättelsen"),
        ),
        migrations.AlterField(
            model_name="historicalnoticetenant",
            name="given_name",
            field=models.CharField(max_length=150, verbose_name="förnamn enligt underrättelsen"),
        ),
        migrations.AlterField(
            model_name="noticetenant",
            name="family_name",
            field=models.CharField(max_length=150, verbose_name="efternamn enligt underrättelsen"),
        ),
        migrations.AlterField(
            model_name="noticetenant",
            name="given_name",
            field=models.CharField(max_length=150, verbose_name="förnamn enligt underrättelsen"),
        ),
        migrations.AlterField(
            model_name="noticetenant",
            name="person",
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to="cases.person"),
        ),
    ]
