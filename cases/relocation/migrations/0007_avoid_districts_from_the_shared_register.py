"""The districts a person must avoid are the shared register's (`cases.models.register`), matched by name."""

from django.db import migrations, models

from cases.migrations import _register


def forwards(apps, schema_editor):
    districts = {
        old.pk: _register.district(apps, name=old.name, active=old.active).pk
        for old in apps.get_model("housing", "District").objects.all()
    }
    Request = apps.get_model("relocation", "RelocationRequest")  # noqa: N806
    Request.avoid_districts_register.through.objects.bulk_create(
        Request.avoid_districts_register.through(
            relocationrequest_id=link.relocationrequest_id, district_id=districts[link.district_id]
        )
        for link in Request.avoid_districts.through.objects.all()
    )
    _register.settle(schema_editor)


def backwards(apps, schema_editor):
    # housing 0017 going back has copied the shared districts to housing's table with the same ids
    Request = apps.get_model("relocation", "RelocationRequest")  # noqa: N806
    Request.avoid_districts.through.objects.bulk_create(
        Request.avoid_districts.through(relocationrequest_id=link.relocationrequest_id, district_id=link.district_id)
        for link in Request.avoid_districts_register.through.objects.all()
    )
    _register.settle(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0027_landlord_and_district_register"),
        ("housing", "0017_landlords_and_districts_to_the_shared_register"),
        ("relocation", "0006_request_client_case"),
    ]
    # housing's old district table stays until every request has moved
    run_before = [("housing", "0018_remove_old_landlords_and_districts")]

    operations = [
        migrations.AddField(
            model_name="relocationrequest",
            name="avoid_districts_register",
            field=models.ManyToManyField(blank=True, related_name="+", to="cases.district"),
        ),
        migrations.RunPython(forwards, backwards),
        migrations.RemoveField(model_name="relocationrequest", name="avoid_districts"),
        migrations.RenameField(
            model_name="relocationrequest", old_name="avoid_districts_register", new_name="avoid_districts"
        ),
        migrations.AlterField(
            model_name="relocationrequest",
            name="avoid_districts",
            field=models.ManyToManyField(
                blank=True, related_name="+", to="cases.district", verbose_name="stadsdelar personen måste undvika"
            ),
        ),
    ]
