"""Trigram indexes for the name search (`icontains`, i.e. UPPER(name) LIKE UPPER('%term%')), with pg_trgm."""

import django.contrib.postgres.indexes
import django.db.models.functions.text
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0013_deadline_running_indexes"),
    ]

    operations = [
        TrigramExtension(),
        migrations.AddIndex(
            model_name="person",
            index=django.contrib.postgres.indexes.GinIndex(
                django.contrib.postgres.indexes.OpClass(
                    django.db.models.functions.text.Upper("family_name"), name="gin_trgm_ops"
                ),
                name="person_family_name_trgm",
            ),
        ),
        migrations.AddIndex(
            model_name="person",
            index=django.contrib.postgres.indexes.GinIndex(
                django.contrib.postgres.indexes.OpClass(
                    django.db.models.functions.text.Upper("given_name"), name="gin_trgm_ops"
                ),
                name="person_given_name_trgm",
            ),
        ),
    ]
