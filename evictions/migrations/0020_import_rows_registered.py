"""An import counts the rows whose notice was registered already, by any channel: skipped, not errors."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("evictions", "0019_notice_registered_once"),
    ]

    operations = [
        migrations.AddField(
            model_name="importbatch",
            name="rows_registered",
            field=models.PositiveIntegerField(default=0, verbose_name="redan registrerade"),
        ),
    ]
