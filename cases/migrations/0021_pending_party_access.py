"""A handler's access to a protected person who joined her case waits for the team lead's confirmation."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0020_document_reviewed_before_sharing"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="grantevent",
            name="kind",
            field=models.CharField(
                choices=[
                    ("assigned", "Tilldelad som handläggare"),
                    ("unassigned", "Borttagen som handläggare"),
                    ("person_granted", "Behörighet till personen"),
                    ("person_revoked", "Behörighet till personen återkallad"),
                    ("registered", "Registrerade den skyddade personen"),
                    ("emergency", "Nödåtkomst"),
                    ("confirmed", "Handläggarens åtkomst till ny person bekräftad"),
                ],
                max_length=20,
                verbose_name="behörighet",
            ),
        ),
        migrations.CreateModel(
            name="PendingPartyAccess",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("since", models.DateTimeField(default=django.utils.timezone.now, verbose_name="sedan")),
                (
                    "party",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="pending_access", to="cases.caseparty"
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL
                    ),
                ),
            ],
            options={
                "verbose_name": "åtkomst som väntar på bekräftelse",
                "verbose_name_plural": "åtkomster som väntar på bekräftelse",
                "ordering": ["since", "id"],
                "constraints": [models.UniqueConstraint(fields=("party", "user"), name="pending_party_access_unique")],
            },
        ),
    ]
