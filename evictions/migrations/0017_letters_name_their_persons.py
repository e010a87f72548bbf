"""A letter is tied to the persons it names, so its copy of their names and address is masked with them. A letter
sent before went to the persons its file had then; the file's persons now are the best record of them (the household
only grows: a person is never taken off an eviction file)."""

from django.db import migrations, models

BATCH = 5000


def name_the_files_persons(apps, schema_editor):
    Letter = apps.get_model("evictions", "Letter")  # noqa: N806
    Recipient = Letter.recipients.through  # noqa: N806
    pairs = Letter.objects.filter(file__case__parties__isnull=False).values_list("pk", "file__case__parties__person")
    Recipient.objects.bulk_create(
        (Recipient(letter_id=letter, person_id=person) for letter, person in pairs.iterator()), batch_size=BATCH
    )


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0019_partner_filing_person_required"),
        ("evictions", "0016_import_files_to_team_lead"),
    ]

    operations = [
        migrations.AddField(
            model_name="letter",
            name="recipients",
            field=models.ManyToManyField(related_name="+", to="cases.person", verbose_name="mottagarna"),
        ),
        migrations.RunPython(name_the_files_persons, migrations.RunPython.noop),
    ]
