"""Letters that help: the letter templates give the household its own debt and last day to pay ({om_skulden}) and a
contact line with no empty part ({kontaktuppgifter}: the caseworker's phone, the unit's when she has none).

The lines the first templates (0005) wrote are replaced wherever a template still holds them, also in a template the
administrator has edited since; a template without them is left as the administrator wrote it."""

from django.db import migrations, models

OLD_CONTACT = "Telefon {telefon}, e-post {e_post}"
NEW_CONTACT = "{kontaktuppgifter}"
OLD_PAYMENT = (
    "Om du har en hyresskuld kan du få behålla lägenheten om skulden betalas inom tre veckor från att du fick "
    "uppsägningen."
)
NEW_PAYMENT = "{om_skulden}"


def _replace(apps, pairs):
    LetterTemplate = apps.get_model("evictions", "LetterTemplate")
    for template in LetterTemplate.objects.all():
        body = template.body
        for old, new in pairs:
            body = body.replace(old, new)
        if body != template.body:
            template.body = body
            template.save(update_fields=["body"])


def forwards(apps, schema_editor):
    _replace(apps, [(OLD_CONTACT, NEW_CONTACT), (OLD_PAYMENT, NEW_PAYMENT)])


def backwards(apps, schema_editor):
    _replace(apps, [(NEW_CONTACT, OLD_CONTACT), (NEW_PAYMENT, OLD_PAYMENT)])


class Migration(migrations.Migration):
    dependencies = [
        ("evictions", "0020_import_rows_registered"),
    ]

    operations = [
        migrations.AlterField(
            model_name="historicallettertemplate",
            name="body",
            field=models.TextField(
                help_text="Tomma rader skiljer stycken. Fält inom klammer: {mottagare}, {ärendenummer}, {datum}, {besökstid}, {besöksplats}, {hyresvärd}, {handläggare}, {telefon}, {e_post}, {kontaktuppgifter}, {kommun}, {skuld}, {sista_dag}, {om_skulden}.",
                verbose_name="brevtext",
            ),
        ),
        migrations.AlterField(
            model_name="lettertemplate",
            name="body",
            field=models.TextField(
                help_text="Tomma rader skiljer stycken. Fält inom klammer: {mottagare}, {ärendenummer}, {datum}, {besökstid}, {besöksplats}, {hyresvärd}, {handläggare}, {telefon}, {e_post}, {kontaktuppgifter}, {kommun}, {skuld}, {sista_dag}, {om_skulden}.",
                verbose_name="brevtext",
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
