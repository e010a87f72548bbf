"""A notice names who it is about: its first tenant (the person of its first `NoticeTenant`), so that the same notice
can be told from another by tenant, kind, service date and landlord (`Notice.same_notice`), and the next migration can
make the database refuse a second one. The migration stops, naming the notices by id only, if notices already
registered twice would break that rule: they are merged by hand first."""

import django.db.models.deletion
from django.contrib.postgres.aggregates import ArrayAgg
from django.db import migrations, models
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce


def name_the_first_tenants(apps, schema_editor):
    Notice = apps.get_model("evictions", "Notice")  # noqa: N806
    NoticeTenant = apps.get_model("evictions", "NoticeTenant")  # noqa: N806
    first = NoticeTenant.objects.filter(notice=OuterRef("pk")).order_by("pk").values("person")[:1]
    Notice.objects.filter(first_tenant__isnull=True).update(first_tenant=Subquery(first))
    twice = (
        Notice.objects.annotate(on=Coalesce("served_on", "received_on"))
        .values("first_tenant", "kind", "on", "landlord")
        .annotate(n=models.Count("pk"), ids=ArrayAgg("pk"))
        .filter(n__gt=1)
    )
    repeated = [row["ids"] for row in twice[:20]]
    if repeated:
        raise RuntimeError(
            "The same notice is registered more than once (same first tenant, kind, service date and landlord): "
            f"notice ids {repeated}. Merge them before migrating: the database will refuse a second one."
        )


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0023_case_event_steps_registered_by_apps"),
        ("evictions", "0017_letters_name_their_persons"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalnotice",
            name="first_tenant",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="cases.person",
                verbose_name="första hyresgästen",
            ),
        ),
        migrations.AddField(
            model_name="notice",
            name="first_tenant",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="cases.person",
                verbose_name="första hyresgästen",
            ),
        ),
        migrations.RunPython(name_the_first_tenants, migrations.RunPython.noop),
    ]
