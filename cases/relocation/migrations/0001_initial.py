"""Relocation's models, moved from the case core (`cases.0022` removed them from its state): created here in the
state only, on the tables they have had since `cases.0005_relocation` (`db_table`), so no row moves."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

import simple_history.models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("cases", "0022_relocation_moved_to_its_app"),
        ("kompotten", "0005_team_lead_role"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="HistoricalNetwork",
                    fields=[
                        ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                        ("name", models.CharField(db_index=True, max_length=150, verbose_name="namn")),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("national", "Nationellt nätverk"),
                                    ("county", "Länsöverenskommelse"),
                                    ("regional", "Regionalt nätverk"),
                                ],
                                max_length=20,
                                verbose_name="typ",
                            ),
                        ),
                        ("description", models.TextField(blank=True, verbose_name="beskrivning")),
                        ("history_id", models.AutoField(primary_key=True, serialize=False)),
                        ("history_date", models.DateTimeField(db_index=True)),
                        ("history_change_reason", models.CharField(max_length=100, null=True)),
                        (
                            "history_type",
                            models.CharField(
                                choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                            ),
                        ),
                        (
                            "coordinator",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                help_text="Kommunen eller myndigheten som samordnar nätverket, om någon.",
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="kompotten.municipality",
                                verbose_name="samordnare",
                            ),
                        ),
                        (
                            "county",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="kompotten.county",
                                verbose_name="län",
                            ),
                        ),
                        (
                            "history_user",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "historical nätverk",
                        "verbose_name_plural": "historical nätverk",
                        "db_table": "cases_historicalnetwork",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="MemberContact",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "role",
                            models.CharField(
                                choices=[("contact_person", "Kontaktperson"), ("manager", "Ansvarig chef")],
                                max_length=20,
                                verbose_name="roll",
                            ),
                        ),
                        ("name", models.CharField(max_length=150, verbose_name="namn")),
                        ("unit", models.CharField(blank=True, max_length=150, verbose_name="enhet")),
                        ("phone", models.CharField(blank=True, max_length=30, verbose_name="telefon")),
                        ("email", models.EmailField(blank=True, max_length=254, verbose_name="e-postadress")),
                        ("valid_from", models.DateField(verbose_name="från")),
                        ("valid_to", models.DateField(blank=True, null=True, verbose_name="till")),
                        (
                            "user",
                            models.ForeignKey(
                                blank=True,
                                help_text="Kontaktpersonens inloggning, om personen arbetar i Kompotten.",
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="network_contacts",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="användare i Kompotten",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "kontaktperson",
                        "verbose_name_plural": "kontaktpersoner",
                        "db_table": "cases_membercontact",
                        "ordering": ["membership__municipality__short_name", "role", "name"],
                    },
                ),
                migrations.CreateModel(
                    name="Network",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("name", models.CharField(max_length=150, unique=True, verbose_name="namn")),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("national", "Nationellt nätverk"),
                                    ("county", "Länsöverenskommelse"),
                                    ("regional", "Regionalt nätverk"),
                                ],
                                max_length=20,
                                verbose_name="typ",
                            ),
                        ),
                        ("description", models.TextField(blank=True, verbose_name="beskrivning")),
                        (
                            "coordinator",
                            models.ForeignKey(
                                blank=True,
                                help_text="Kommunen eller myndigheten som samordnar nätverket, om någon.",
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="kompotten.municipality",
                                verbose_name="samordnare",
                            ),
                        ),
                        (
                            "county",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="kompotten.county",
                                verbose_name="län",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "nätverk",
                        "verbose_name_plural": "nätverk",
                        "db_table": "cases_network",
                        "ordering": ["name"],
                    },
                ),
                migrations.CreateModel(
                    name="HistoricalTelephoneInquiry",
                    fields=[
                        ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                        (
                            "occurred_on",
                            models.DateField(default=django.utils.timezone.localdate, verbose_name="datum"),
                        ),
                        (
                            "direction",
                            models.CharField(
                                choices=[("incoming", "Till oss"), ("outgoing", "Från oss")],
                                max_length=10,
                                verbose_name="riktning",
                            ),
                        ),
                        (
                            "topic",
                            models.CharField(
                                choices=[
                                    ("housing_situation", "Bostadsläget"),
                                    ("criteria", "Kriterierna för en förfrågan"),
                                    ("process", "Hur en förfrågan går till"),
                                    ("other", "Annat"),
                                ],
                                max_length=30,
                                verbose_name="vad frågan gällde",
                            ),
                        ),
                        (
                            "stop_reason",
                            models.CharField(
                                choices=[
                                    ("no_flats", "Inga lägenheter att tillgå"),
                                    ("other_solution", "Den andra kommunen fann en annan lösning"),
                                    ("criteria_not_met", "Kriterierna var inte uppfyllda"),
                                    ("became_formal", "Blev en formell förfrågan"),
                                    ("other", "Annat skäl"),
                                ],
                                max_length=30,
                                verbose_name="varför det stannade vid telefon",
                            ),
                        ),
                        ("recorded_at", models.DateTimeField(blank=True, editable=False)),
                        ("history_id", models.AutoField(primary_key=True, serialize=False)),
                        ("history_date", models.DateTimeField(db_index=True)),
                        ("history_change_reason", models.CharField(max_length=100, null=True)),
                        (
                            "history_type",
                            models.CharField(
                                choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                            ),
                        ),
                        (
                            "history_user",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "municipality",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="kompotten.municipality",
                                verbose_name="samverkanskommun",
                            ),
                        ),
                        (
                            "recorded_by",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "network",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="relocation.network",
                                verbose_name="nätverk",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "historical telefonförfrågan",
                        "verbose_name_plural": "historical telefonförfrågningar",
                        "db_table": "cases_historicaltelephoneinquiry",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="HistoricalRelocationRequest",
                    fields=[
                        ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                        (
                            "direction",
                            models.CharField(
                                choices=[("incoming", "Till oss"), ("outgoing", "Från oss")],
                                max_length=10,
                                verbose_name="riktning",
                            ),
                        ),
                        (
                            "state",
                            models.CharField(
                                choices=[
                                    ("received", "Mottagen, skyddsbedömning pågår"),
                                    ("handed_over", "Lämnad till bostadsenheten"),
                                    ("rejected_by_nexus", "Avvisad av Nexus"),
                                    ("prepared", "Förbereds"),
                                    ("sent", "Skickad"),
                                    ("accepted", "Accepterad av samverkanskommunen"),
                                    ("rejected_by_partner", "Avslagen av samverkanskommunen"),
                                    ("housed", "Inflyttad"),
                                    ("withdrawn", "Återtagen"),
                                    ("declined_by_person", "Personen tackade nej"),
                                    ("ended", "Avslutad"),
                                ],
                                max_length=30,
                                verbose_name="status",
                            ),
                        ),
                        ("received_on", models.DateField(blank=True, null=True, verbose_name="mottagen")),
                        ("sent_on", models.DateField(blank=True, null=True, verbose_name="skickad")),
                        (
                            "serious_violence",
                            models.TextField(
                                blank=True,
                                verbose_name="Våldet är så allvarligt att personen inte kan bo kvar i hemkommunen",
                            ),
                        ),
                        (
                            "home_options_tried",
                            models.TextField(
                                blank=True, verbose_name="Alla möjligheter till tryggt boende i hemkommunen är prövade"
                            ),
                        ),
                        (
                            "risk_assessed_by",
                            models.CharField(
                                blank=True,
                                choices=[("police", "Polisen"), ("social_services", "Socialtjänsten")],
                                max_length=20,
                                verbose_name="riskbedömningen gjord av",
                            ),
                        ),
                        (
                            "risk_assessed_on",
                            models.DateField(blank=True, null=True, verbose_name="riskbedömningen gjord"),
                        ),
                        (
                            "cannot_arrange_housing",
                            models.TextField(
                                blank=True, verbose_name="Personen kan inte själv ordna boende för sig och sina barn"
                            ),
                        ),
                        (
                            "rooms_needed",
                            models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="antal rum"),
                        ),
                        (
                            "accessibility_needs",
                            models.CharField(blank=True, max_length=300, verbose_name="tillgänglighet"),
                        ),
                        (
                            "avoid_areas",
                            models.CharField(
                                blank=True,
                                help_text="Stadsdelar eller orter.",
                                max_length=300,
                                verbose_name="områden personen måste undvika",
                            ),
                        ),
                        (
                            "handed_over_on",
                            models.DateField(blank=True, null=True, verbose_name="lämnad till bostadsenheten"),
                        ),
                        ("answered_on", models.DateField(blank=True, null=True, verbose_name="besvarad")),
                        ("housed_on", models.DateField(blank=True, null=True, verbose_name="inflyttad")),
                        ("ended_on", models.DateField(blank=True, null=True, verbose_name="avslutad")),
                        ("history_id", models.AutoField(primary_key=True, serialize=False)),
                        ("history_date", models.DateTimeField(db_index=True)),
                        ("history_change_reason", models.CharField(max_length=100, null=True)),
                        (
                            "history_type",
                            models.CharField(
                                choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                            ),
                        ),
                        (
                            "case",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="cases.case",
                            ),
                        ),
                        (
                            "history_user",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "housing_case",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                help_text="Ansökan om bostadssocialt kontrakt som överlämnandet öppnade hos bostadsenheten.",
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="cases.case",
                                verbose_name="bostadsansökan",
                            ),
                        ),
                        (
                            "municipality",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="kompotten.municipality",
                                verbose_name="samverkanskommun",
                            ),
                        ),
                        (
                            "partner_contact",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="relocation.membercontact",
                                verbose_name="kontaktperson hos samverkanskommunen",
                            ),
                        ),
                        (
                            "network",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="relocation.network",
                                verbose_name="nätverk",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "historical förflyttningsförfrågan",
                        "verbose_name_plural": "historical förflyttningsförfrågningar",
                        "db_table": "cases_historicalrelocationrequest",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="HistoricalNetworkMembership",
                    fields=[
                        ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                        ("joined_on", models.DateField(verbose_name="medlem från")),
                        ("left_on", models.DateField(blank=True, null=True, verbose_name="medlem till")),
                        ("history_id", models.AutoField(primary_key=True, serialize=False)),
                        ("history_date", models.DateTimeField(db_index=True)),
                        ("history_change_reason", models.CharField(max_length=100, null=True)),
                        (
                            "history_type",
                            models.CharField(
                                choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                            ),
                        ),
                        (
                            "history_user",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "municipality",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="kompotten.municipality",
                                verbose_name="kommun",
                            ),
                        ),
                        (
                            "network",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="relocation.network",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "historical medlemskap",
                        "verbose_name_plural": "historical medlemskap",
                        "db_table": "cases_historicalnetworkmembership",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="NetworkMembership",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("joined_on", models.DateField(verbose_name="medlem från")),
                        ("left_on", models.DateField(blank=True, null=True, verbose_name="medlem till")),
                        (
                            "municipality",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="network_memberships",
                                to="kompotten.municipality",
                                verbose_name="kommun",
                            ),
                        ),
                        (
                            "network",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="memberships",
                                to="relocation.network",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "medlemskap",
                        "verbose_name_plural": "medlemskap",
                        "db_table": "cases_networkmembership",
                        "ordering": ["network__name", "municipality__short_name"],
                    },
                ),
                migrations.AddField(
                    model_name="membercontact",
                    name="membership",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="contacts",
                        to="relocation.networkmembership",
                    ),
                ),
                migrations.CreateModel(
                    name="HistoricalMemberContact",
                    fields=[
                        ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                        (
                            "role",
                            models.CharField(
                                choices=[("contact_person", "Kontaktperson"), ("manager", "Ansvarig chef")],
                                max_length=20,
                                verbose_name="roll",
                            ),
                        ),
                        ("name", models.CharField(max_length=150, verbose_name="namn")),
                        ("unit", models.CharField(blank=True, max_length=150, verbose_name="enhet")),
                        ("phone", models.CharField(blank=True, max_length=30, verbose_name="telefon")),
                        ("email", models.EmailField(blank=True, max_length=254, verbose_name="e-postadress")),
                        ("valid_from", models.DateField(verbose_name="från")),
                        ("valid_to", models.DateField(blank=True, null=True, verbose_name="till")),
                        ("history_id", models.AutoField(primary_key=True, serialize=False)),
                        ("history_date", models.DateTimeField(db_index=True)),
                        ("history_change_reason", models.CharField(max_length=100, null=True)),
                        (
                            "history_type",
                            models.CharField(
                                choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                            ),
                        ),
                        (
                            "history_user",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                help_text="Kontaktpersonens inloggning, om personen arbetar i Kompotten.",
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="användare i Kompotten",
                            ),
                        ),
                        (
                            "membership",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="relocation.networkmembership",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "historical kontaktperson",
                        "verbose_name_plural": "historical kontaktpersoner",
                        "db_table": "cases_historicalmembercontact",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="RelocationRequest",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "direction",
                            models.CharField(
                                choices=[("incoming", "Till oss"), ("outgoing", "Från oss")],
                                max_length=10,
                                verbose_name="riktning",
                            ),
                        ),
                        (
                            "state",
                            models.CharField(
                                choices=[
                                    ("received", "Mottagen, skyddsbedömning pågår"),
                                    ("handed_over", "Lämnad till bostadsenheten"),
                                    ("rejected_by_nexus", "Avvisad av Nexus"),
                                    ("prepared", "Förbereds"),
                                    ("sent", "Skickad"),
                                    ("accepted", "Accepterad av samverkanskommunen"),
                                    ("rejected_by_partner", "Avslagen av samverkanskommunen"),
                                    ("housed", "Inflyttad"),
                                    ("withdrawn", "Återtagen"),
                                    ("declined_by_person", "Personen tackade nej"),
                                    ("ended", "Avslutad"),
                                ],
                                max_length=30,
                                verbose_name="status",
                            ),
                        ),
                        ("received_on", models.DateField(blank=True, null=True, verbose_name="mottagen")),
                        ("sent_on", models.DateField(blank=True, null=True, verbose_name="skickad")),
                        (
                            "serious_violence",
                            models.TextField(
                                blank=True,
                                verbose_name="Våldet är så allvarligt att personen inte kan bo kvar i hemkommunen",
                            ),
                        ),
                        (
                            "home_options_tried",
                            models.TextField(
                                blank=True, verbose_name="Alla möjligheter till tryggt boende i hemkommunen är prövade"
                            ),
                        ),
                        (
                            "risk_assessed_by",
                            models.CharField(
                                blank=True,
                                choices=[("police", "Polisen"), ("social_services", "Socialtjänsten")],
                                max_length=20,
                                verbose_name="riskbedömningen gjord av",
                            ),
                        ),
                        (
                            "risk_assessed_on",
                            models.DateField(blank=True, null=True, verbose_name="riskbedömningen gjord"),
                        ),
                        (
                            "cannot_arrange_housing",
                            models.TextField(
                                blank=True, verbose_name="Personen kan inte själv ordna boende för sig och sina barn"
                            ),
                        ),
                        (
                            "rooms_needed",
                            models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="antal rum"),
                        ),
                        (
                            "accessibility_needs",
                            models.CharField(blank=True, max_length=300, verbose_name="tillgänglighet"),
                        ),
                        (
                            "avoid_areas",
                            models.CharField(
                                blank=True,
                                help_text="Stadsdelar eller orter.",
                                max_length=300,
                                verbose_name="områden personen måste undvika",
                            ),
                        ),
                        (
                            "handed_over_on",
                            models.DateField(blank=True, null=True, verbose_name="lämnad till bostadsenheten"),
                        ),
                        ("answered_on", models.DateField(blank=True, null=True, verbose_name="besvarad")),
                        ("housed_on", models.DateField(blank=True, null=True, verbose_name="inflyttad")),
                        ("ended_on", models.DateField(blank=True, null=True, verbose_name="avslutad")),
                        (
                            "case",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.PROTECT, related_name="relocation", to="cases.case"
                            ),
                        ),
                        (
                            "housing_case",
                            models.OneToOneField(
                                blank=True,
                                help_text="Ansökan om bostadssocialt kontrakt som överlämnandet öppnade hos bostadsenheten.",
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="relocation_referral",
                                to="cases.case",
                                verbose_name="bostadsansökan",
                            ),
                        ),
                        (
                            "municipality",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="kompotten.municipality",
                                verbose_name="samverkanskommun",
                            ),
                        ),
                        (
                            "network",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="requests",
                                to="relocation.network",
                                verbose_name="nätverk",
                            ),
                        ),
                        (
                            "partner_contact",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="relocation.membercontact",
                                verbose_name="kontaktperson hos samverkanskommunen",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "förflyttningsförfrågan",
                        "verbose_name_plural": "förflyttningsförfrågningar",
                        "db_table": "cases_relocationrequest",
                    },
                ),
                migrations.CreateModel(
                    name="RelocationMessage",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("body", models.TextField(max_length=5000, verbose_name="meddelande")),
                        ("sent_at", models.DateTimeField(default=django.utils.timezone.now)),
                        (
                            "author",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "request",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="messages",
                                to="relocation.relocationrequest",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "meddelande",
                        "verbose_name_plural": "meddelanden",
                        "db_table": "cases_relocationmessage",
                        "ordering": ["sent_at", "id"],
                    },
                ),
                migrations.CreateModel(
                    name="RelocationConsent",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("given_on", models.DateField(verbose_name="samtycke lämnat")),
                        (
                            "share_identity",
                            models.BooleanField(default=False, verbose_name="identitet (namn och personnummer)"),
                        ),
                        (
                            "share_household",
                            models.BooleanField(default=False, verbose_name="hushållet (barn och medsökande)"),
                        ),
                        ("share_risk_assessment", models.BooleanField(default=False, verbose_name="riskbedömningen")),
                        ("share_contact_details", models.BooleanField(default=False, verbose_name="kontaktuppgifter")),
                        ("revoked_on", models.DateField(blank=True, null=True, verbose_name="återkallat")),
                        (
                            "recorded_by",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "revoked_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "request",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="consents",
                                to="relocation.relocationrequest",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "samtycke",
                        "verbose_name_plural": "samtycken",
                        "db_table": "cases_relocationconsent",
                        "ordering": ["-given_on", "-id"],
                    },
                ),
                migrations.CreateModel(
                    name="PartnerFiling",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("filed_at", models.DateTimeField(default=django.utils.timezone.now)),
                        ("given_name", models.CharField(max_length=150, verbose_name="förnamn")),
                        ("family_name", models.CharField(max_length=150, verbose_name="efternamn")),
                        (
                            "identity_number",
                            models.CharField(max_length=13, verbose_name="personnummer eller samordningsnummer"),
                        ),
                        (
                            "protection_level",
                            models.CharField(
                                choices=[
                                    ("none", "Ingen"),
                                    ("sekretessmarkering", "Sekretessmarkering"),
                                    ("skyddad_folkbokforing", "Skyddad folkbokföring"),
                                    ("fingerade_personuppgifter", "Fingerade personuppgifter"),
                                ],
                                default="none",
                                max_length=30,
                                verbose_name="skyddsnivå",
                            ),
                        ),
                        ("adults", models.PositiveSmallIntegerField(default=1, verbose_name="vuxna i hushållet")),
                        ("children_ages", models.JSONField(blank=True, default=list, verbose_name="barnens åldrar")),
                        ("taken_in_on", models.DateField(blank=True, null=True, verbose_name="identiteten bekräftad")),
                        (
                            "filed_by",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "person",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="partner_filings",
                                to="cases.person",
                                verbose_name="person",
                            ),
                        ),
                        (
                            "request",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="filing",
                                to="relocation.relocationrequest",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "uppgifter från samverkanskommunen",
                        "verbose_name_plural": "uppgifter från samverkanskommuner",
                        "db_table": "cases_partnerfiling",
                    },
                ),
                migrations.CreateModel(
                    name="HistoricalRelocationConsent",
                    fields=[
                        ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                        ("given_on", models.DateField(verbose_name="samtycke lämnat")),
                        (
                            "share_identity",
                            models.BooleanField(default=False, verbose_name="identitet (namn och personnummer)"),
                        ),
                        (
                            "share_household",
                            models.BooleanField(default=False, verbose_name="hushållet (barn och medsökande)"),
                        ),
                        ("share_risk_assessment", models.BooleanField(default=False, verbose_name="riskbedömningen")),
                        ("share_contact_details", models.BooleanField(default=False, verbose_name="kontaktuppgifter")),
                        ("revoked_on", models.DateField(blank=True, null=True, verbose_name="återkallat")),
                        ("history_id", models.AutoField(primary_key=True, serialize=False)),
                        ("history_date", models.DateTimeField(db_index=True)),
                        ("history_change_reason", models.CharField(max_length=100, null=True)),
                        (
                            "history_type",
                            models.CharField(
                                choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                            ),
                        ),
                        (
                            "history_user",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "recorded_by",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "revoked_by",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "request",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="relocation.relocationrequest",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "historical samtycke",
                        "verbose_name_plural": "historical samtycken",
                        "db_table": "cases_historicalrelocationconsent",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="HistoricalPartnerFiling",
                    fields=[
                        ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                        ("filed_at", models.DateTimeField(default=django.utils.timezone.now)),
                        ("given_name", models.CharField(max_length=150, verbose_name="förnamn")),
                        ("family_name", models.CharField(max_length=150, verbose_name="efternamn")),
                        (
                            "identity_number",
                            models.CharField(max_length=13, verbose_name="personnummer eller samordningsnummer"),
                        ),
                        (
                            "protection_level",
                            models.CharField(
                                choices=[
                                    ("none", "Ingen"),
                                    ("sekretessmarkering", "Sekretessmarkering"),
                                    ("skyddad_folkbokforing", "Skyddad folkbokföring"),
                                    ("fingerade_personuppgifter", "Fingerade personuppgifter"),
                                ],
                                default="none",
                                max_length=30,
                                verbose_name="skyddsnivå",
                            ),
                        ),
                        ("adults", models.PositiveSmallIntegerField(default=1, verbose_name="vuxna i hushållet")),
                        ("children_ages", models.JSONField(blank=True, default=list, verbose_name="barnens åldrar")),
                        ("taken_in_on", models.DateField(blank=True, null=True, verbose_name="identiteten bekräftad")),
                        ("history_id", models.AutoField(primary_key=True, serialize=False)),
                        ("history_date", models.DateTimeField(db_index=True)),
                        ("history_change_reason", models.CharField(max_length=100, null=True)),
                        (
                            "history_type",
                            models.CharField(
                                choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                            ),
                        ),
                        (
                            "filed_by",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "history_user",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "person",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="cases.person",
                                verbose_name="person",
                            ),
                        ),
                        (
                            "request",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="relocation.relocationrequest",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "historical uppgifter från samverkanskommunen",
                        "verbose_name_plural": "historical uppgifter från samverkanskommuner",
                        "db_table": "cases_historicalpartnerfiling",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name="RelocationTransition",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "from_state",
                            models.CharField(
                                blank=True,
                                choices=[
                                    ("received", "Mottagen, skyddsbedömning pågår"),
                                    ("handed_over", "Lämnad till bostadsenheten"),
                                    ("rejected_by_nexus", "Avvisad av Nexus"),
                                    ("prepared", "Förbereds"),
                                    ("sent", "Skickad"),
                                    ("accepted", "Accepterad av samverkanskommunen"),
                                    ("rejected_by_partner", "Avslagen av samverkanskommunen"),
                                    ("housed", "Inflyttad"),
                                    ("withdrawn", "Återtagen"),
                                    ("declined_by_person", "Personen tackade nej"),
                                    ("ended", "Avslutad"),
                                ],
                                max_length=30,
                            ),
                        ),
                        (
                            "to_state",
                            models.CharField(
                                choices=[
                                    ("received", "Mottagen, skyddsbedömning pågår"),
                                    ("handed_over", "Lämnad till bostadsenheten"),
                                    ("rejected_by_nexus", "Avvisad av Nexus"),
                                    ("prepared", "Förbereds"),
                                    ("sent", "Skickad"),
                                    ("accepted", "Accepterad av samverkanskommunen"),
                                    ("rejected_by_partner", "Avslagen av samverkanskommunen"),
                                    ("housed", "Inflyttad"),
                                    ("withdrawn", "Återtagen"),
                                    ("declined_by_person", "Personen tackade nej"),
                                    ("ended", "Avslutad"),
                                ],
                                max_length=30,
                            ),
                        ),
                        ("at", models.DateTimeField(default=django.utils.timezone.now)),
                        ("reason", models.TextField(blank=True, verbose_name="skäl")),
                        (
                            "by",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "request",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="transitions",
                                to="relocation.relocationrequest",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "cases_relocationtransition",
                        "ordering": ["at", "id"],
                    },
                ),
                migrations.CreateModel(
                    name="TelephoneInquiry",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "occurred_on",
                            models.DateField(default=django.utils.timezone.localdate, verbose_name="datum"),
                        ),
                        (
                            "direction",
                            models.CharField(
                                choices=[("incoming", "Till oss"), ("outgoing", "Från oss")],
                                max_length=10,
                                verbose_name="riktning",
                            ),
                        ),
                        (
                            "topic",
                            models.CharField(
                                choices=[
                                    ("housing_situation", "Bostadsläget"),
                                    ("criteria", "Kriterierna för en förfrågan"),
                                    ("process", "Hur en förfrågan går till"),
                                    ("other", "Annat"),
                                ],
                                max_length=30,
                                verbose_name="vad frågan gällde",
                            ),
                        ),
                        (
                            "stop_reason",
                            models.CharField(
                                choices=[
                                    ("no_flats", "Inga lägenheter att tillgå"),
                                    ("other_solution", "Den andra kommunen fann en annan lösning"),
                                    ("criteria_not_met", "Kriterierna var inte uppfyllda"),
                                    ("became_formal", "Blev en formell förfrågan"),
                                    ("other", "Annat skäl"),
                                ],
                                max_length=30,
                                verbose_name="varför det stannade vid telefon",
                            ),
                        ),
                        ("recorded_at", models.DateTimeField(auto_now_add=True)),
                        (
                            "municipality",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="kompotten.municipality",
                                verbose_name="samverkanskommun",
                            ),
                        ),
                        (
                            "network",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="inquiries",
                                to="relocation.network",
                                verbose_name="nätverk",
                            ),
                        ),
                        (
                            "recorded_by",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "telefonförfrågan",
                        "verbose_name_plural": "telefonförfrågningar",
                        "db_table": "cases_telephoneinquiry",
                        "ordering": ["-occurred_on", "-id"],
                    },
                ),
                migrations.AddConstraint(
                    model_name="networkmembership",
                    constraint=models.UniqueConstraint(
                        fields=("network", "municipality", "joined_on"), name="membership_unique_start"
                    ),
                ),
                migrations.AddConstraint(
                    model_name="networkmembership",
                    constraint=models.CheckConstraint(
                        condition=models.Q(
                            ("left_on__isnull", True), ("left_on__gte", models.F("joined_on")), _connector="OR"
                        ),
                        name="membership_dates",
                    ),
                ),
                migrations.AddIndex(
                    model_name="relocationrequest",
                    index=models.Index(fields=["direction", "state"], name="cases_reloc_directi_30798b_idx"),
                ),
                migrations.AddIndex(
                    model_name="relocationrequest",
                    index=models.Index(fields=["municipality", "state"], name="cases_reloc_municip_8d4fbf_idx"),
                ),
                migrations.AddConstraint(
                    model_name="relocationconsent",
                    constraint=models.UniqueConstraint(
                        condition=models.Q(("revoked_on__isnull", True)),
                        fields=("request",),
                        name="relocation_one_valid_consent",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="partnerfiling",
                    constraint=models.CheckConstraint(
                        condition=models.Q(("adults__gte", 1)), name="partner_filing_adults"
                    ),
                ),
                migrations.AddIndex(
                    model_name="telephoneinquiry",
                    index=models.Index(fields=["occurred_on", "direction"], name="cases_telep_occurre_bb48c6_idx"),
                ),
            ],
            database_operations=[],
        )
    ]
