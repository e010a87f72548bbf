"""Shared by the migrations that move housing's and eviction prevention's landlords and districts into the shared
register (`cases.models.register`). Each app's migration copies its rows merging by the lower-cased name
(get-or-create, so either app may go first), then rewrites every column that pointed at its old rows, historical
tables included. Going back copies the shared rows into the old tables with the same ids, so nothing needs
rewriting on the way down."""

from django.db import migrations, models
from django.db.models.functions import Lower


def landlord(apps, *, name: str, kind: str, kind_wins: bool):
    """The shared landlord of this name, created when new. `kind_wins`: eviction prevention's landlord type is what
    Kronofogden counts, so it replaces housing's when the two disagree."""
    Landlord = apps.get_model("cases", "Landlord")  # noqa: N806
    found = Landlord.objects.annotate(lowered=Lower("name")).filter(lowered=name.strip().lower()).first()
    if found is None:
        return Landlord.objects.create(name=name.strip(), kind=kind)
    if kind_wins and found.kind != kind:
        found.kind = kind
        found.save(update_fields=["kind"])
    return found


def district(apps, *, name: str, active: bool, **eviction_fields):
    """The shared district of this name; eviction prevention's routing fields (`handled_by_team`, `contact`) are
    kept when given, and the district stays active when either app used it."""
    District = apps.get_model("cases", "District")  # noqa: N806
    found = District.objects.annotate(lowered=Lower("name")).filter(lowered=name.strip().lower()).first()
    if found is None:
        return District.objects.create(name=name.strip(), active=active, **eviction_fields)
    found.active = found.active or active
    for field, value in eviction_fields.items():
        setattr(found, field, value)
    found.save()
    return found


def contact(apps, *, landlord_id: int, name: str, role: str, phone: str, email: str):
    LandlordContact = apps.get_model("cases", "LandlordContact")  # noqa: N806
    found = LandlordContact.objects.filter(landlord_id=landlord_id, name__iexact=name.strip()).first()
    if found is None:
        return LandlordContact.objects.create(landlord_id=landlord_id, name=name, role=role, phone=phone, email=email)
    found.role, found.phone, found.email = found.role or role, found.phone or phone, found.email or email
    found.save()
    return found


def remap(schema_editor, table: str, column: str, mapping: dict[int, int]) -> None:
    """Rewrites `table.column` from old ids to new ids in one statement (no chain of renumbering)."""
    pairs = [(old, new) for old, new in mapping.items() if old != new]
    if not pairs:
        return
    quote = schema_editor.quote_name
    values = ", ".join(["(%s, %s)"] * len(pairs))
    sql = f"UPDATE {quote(table)} SET {quote(column)} = m.new FROM (VALUES {values}) AS m(old, new) "  # noqa: S608
    schema_editor.execute(
        sql + f"WHERE {quote(table)}.{quote(column)} = m.old",  # table and column are the migration's own
        [value for pair in pairs for value in pair],
    )


def copy_history(apps, source: tuple[str, str], target: tuple[str, str], mapping: dict[int, int], **renamed) -> None:
    """Copies the historical rows of the old model to the shared model's history, under the new ids."""
    Source, Target = apps.get_model(*source), apps.get_model(*target)  # noqa: N806
    fields = {f.attname for f in Target._meta.concrete_fields} - {"history_id"}
    rows = []
    for row in Source.objects.all().values():
        for old, new in renamed.items():
            row[new] = row.pop(old)
        row["id"] = mapping.get(row["id"], row["id"])
        rows.append(Target(**{key: value for key, value in row.items() if key in fields}))
    Target.objects.bulk_create(rows)


def copy_back(apps, schema_editor, source: tuple[str, str], target: tuple[str, str], **renamed) -> None:
    """Going back: the shared rows into the old table with the same ids (and its sequence moved past them)."""
    Source, Target = apps.get_model(*source), apps.get_model(*target)  # noqa: N806
    fields = {f.attname for f in Target._meta.concrete_fields}
    rows = []
    for row in Source.objects.all().values():
        for old, new in renamed.items():
            row[new] = row.pop(old)
        rows.append(Target(**{key: value for key, value in row.items() if key in fields}))
    Target.objects.bulk_create(rows)
    table = Target._meta.db_table
    highest = f"SELECT MAX(id) FROM {schema_editor.quote_name(table)}"  # noqa: S608 -- a model's own table
    schema_editor.execute(
        f"SELECT setval(pg_get_serial_sequence(%s, 'id'), COALESCE(({highest}), 0) + 1, false)", [table]
    )


def loosen(model_name: str, field: str, *, null: bool = False):
    """The foreign key as a plain column while its ids are rewritten (no constraint to the old table)."""
    column = models.BigIntegerField(db_column=f"{field}_id", db_index=True, null=null)
    return migrations.AlterField(model_name=model_name, name=field, field=column)


def fk(to, related_name, verbose_name=None, *, on_delete=models.PROTECT, null=False):
    """The foreign key to the shared register, as the model declares it."""
    extra = {"verbose_name": verbose_name} if verbose_name else {}
    return models.ForeignKey(on_delete=on_delete, related_name=related_name, to=to, null=null, **extra)


def history_fk(to, verbose_name=None):
    """The same key in a historical table (simple_history: no constraint, nothing cascades)."""
    extra = {"verbose_name": verbose_name} if verbose_name else {}
    return models.ForeignKey(
        blank=True, db_constraint=False, null=True, on_delete=models.DO_NOTHING, related_name="+", to=to, **extra
    )


def forget_models(app_label: str, *model_names: str):
    """Drops the permissions and content types of the moved models (the administrator role held them), so no group
    keeps a permission for a table that is gone."""

    def forwards(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")  # noqa: N806
        gone = ContentType.objects.filter(app_label=app_label, model__in=model_names)
        apps.get_model("auth", "Permission").objects.filter(content_type__in=gone).delete()
        gone.delete()

    return migrations.RunPython(forwards, migrations.RunPython.noop)


def settle(schema_editor) -> None:
    """Checks the deferred foreign keys of the rows written so far, so the ALTER TABLEs that follow in the same
    transaction find no pending trigger events (PostgreSQL refuses them otherwise)."""
    schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    schema_editor.execute("SET CONSTRAINTS ALL DEFERRED")
