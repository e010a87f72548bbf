"""The moved models' content types follow them from "cases" to "relocation", so what hangs on a content type stays
attached: auth permissions (codenames unchanged: "cases.view_network" is now "relocation.view_network", the
administrator keeps it), the history's and guardian's generic references, the admin log."""

from django.db import migrations

MODELS = [
    "network",
    "networkmembership",
    "membercontact",
    "telephoneinquiry",
    "relocationrequest",
    "relocationtransition",
    "relocationconsent",
    "relocationmessage",
    "partnerfiling",
    "historicalnetwork",
    "historicalnetworkmembership",
    "historicalmembercontact",
    "historicaltelephoneinquiry",
    "historicalrelocationrequest",
    "historicalrelocationconsent",
    "historicalpartnerfiling",
]


def _relabel(apps, schema_editor, from_label: str, to_label: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_types = ContentType.objects.using(schema_editor.connection.alias)
    for model in MODELS:
        if not content_types.filter(app_label=from_label, model=model).exists():
            continue
        # A row under the new label can only have come from a post_migrate run between 0001 and this migration:
        # it holds nothing the old one does not, so the old one (with its grants) wins.
        content_types.filter(app_label=to_label, model=model).delete()
        content_types.filter(app_label=from_label, model=model).update(app_label=to_label)
    # Django caches content types per process by id and by label; the cache of the running code must not keep
    # the old label (the historical model's manager has a cache of its own).
    from django.contrib.contenttypes.models import ContentType as CurrentContentType  # noqa: PLC0415

    CurrentContentType.objects.clear_cache()


def forwards(apps, schema_editor):
    _relabel(apps, schema_editor, "cases", "relocation")


def backwards(apps, schema_editor):
    _relabel(apps, schema_editor, "relocation", "cases")


class Migration(migrations.Migration):
    dependencies = [("relocation", "0001_initial"), ("contenttypes", "0002_remove_content_type_name")]
    operations = [migrations.RunPython(forwards, backwards)]
