"""Users are matched at the identity provider's logins by its issuer and subject, no longer by e-mail address
(kompotten.identity_provider.provider_user). The accounts earlier provider logins made (no usable password, not a
partner contact person's) are marked to be linked at their next login, as they were found by e-mail before; every
other account is linked when the administrator marks it (README, "Connecting the municipality's identity
provider")."""

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db import migrations, models


def mark_provider_accounts(apps, schema_editor):
    User = apps.get_model("kompotten", "User")  # noqa: N806
    made_by_provider = User.objects.filter(
        password__startswith=UNUSABLE_PASSWORD_PREFIX, partner_municipality__isnull=True, provider_subject=""
    )
    made_by_provider.update(provider_link_pending=True)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("kompotten", "0008_provider_group_role_permissions"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicaluser",
            name="provider_issuer",
            field=models.CharField(
                blank=True, db_default="", default="", max_length=255, verbose_name="identitetsleverantör (iss)"
            ),
        ),
        migrations.AddField(
            model_name="historicaluser",
            name="provider_link_pending",
            field=models.BooleanField(
                db_default=False,
                default=False,
                help_text="Kontot kopplas till det konto hos identitetsleverantören som nästa gång loggar in med kontots e-postadress. Kryssa bara i när du vet att adressen hos leverantören tillhör den här personen.",
                verbose_name="kopplas vid nästa inloggning med kommunens konto",
            ),
        ),
        migrations.AddField(
            model_name="historicaluser",
            name="provider_subject",
            field=models.CharField(
                blank=True,
                db_default="",
                default="",
                max_length=255,
                verbose_name="id hos identitetsleverantören (sub)",
            ),
        ),
        migrations.AddField(
            model_name="user",
            name="provider_issuer",
            field=models.CharField(
                blank=True, db_default="", default="", max_length=255, verbose_name="identitetsleverantör (iss)"
            ),
        ),
        migrations.AddField(
            model_name="user",
            name="provider_link_pending",
            field=models.BooleanField(
                db_default=False,
                default=False,
                help_text="Kontot kopplas till det konto hos identitetsleverantören som nästa gång loggar in med kontots e-postadress. Kryssa bara i när du vet att adressen hos leverantören tillhör den här personen.",
                verbose_name="kopplas vid nästa inloggning med kommunens konto",
            ),
        ),
        migrations.AddField(
            model_name="user",
            name="provider_subject",
            field=models.CharField(
                blank=True,
                db_default="",
                default="",
                max_length=255,
                verbose_name="id hos identitetsleverantören (sub)",
            ),
        ),
        migrations.AddConstraint(
            model_name="user",
            constraint=models.UniqueConstraint(
                condition=models.Q(("provider_subject", ""), _negated=True),
                fields=("provider_issuer", "provider_subject"),
                name="user_unique_provider_subject",
            ),
        ),
        migrations.RunPython(mark_provider_accounts, migrations.RunPython.noop),
    ]
