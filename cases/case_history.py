"""A case's change history as a readable timeline, from django-simple-history's tables.

Every tracked model of the case core contributes its historical rows; each row becomes one line: when, who,
what was created, changed or removed, and for a change the fields with their values before and after. Persons'
own history is not part of it: their details are shown, masked or not, only through the access policy. Nor is the
text written about them, to whom the policy does not show it (`AccessPolicy.case_text_visible`): a note's text or a
document's title and file name then reads "Visas inte", old and new alike.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models import Case, CaseAssignment, CasePartner, CaseParty, Deadline, Document, JournalNote
from cases.presentation import TEXT_NOT_SHOWN

# (model, the field holding the case id)
TRACKED = [
    (Case, "id"),
    (CaseAssignment, "case_id"),
    (CaseParty, "case_id"),
    (CasePartner, "case_id"),
    (JournalNote, "case_id"),
    (Document, "case_id"),
    (Deadline, "case_id"),
]
HIDDEN_FIELDS = {"id", "case", "person", "file", "created_at", "uploaded_at", "added_at", "assigned_at"}
# What caseworkers wrote about the people of the case, shown only with `case_text_visible`.
TEXT_FIELDS = {JournalNote: {"text"}, Document: {"title", "original_name"}}
ACTIONS = {"+": _("skapades"), "~": _("ändrades"), "-": _("togs bort")}


@dataclass(frozen=True)
class Change:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryLine:
    at: datetime
    user: str
    subject: str
    action: str
    changes: list[Change] = field(default_factory=list)


def _display(record, field_name: str, related: dict) -> str:
    model_field = record.instance_type._meta.get_field(field_name)
    value = getattr(record, model_field.attname)
    if value in (None, ""):
        return "–"
    if model_field.is_relation:
        # Related rows by their __str__, which for people and notes is deliberately only a reference number.
        return str(related.get((model_field.related_model, value), value))
    if isinstance(value, bool):
        return str(_("Ja") if value else _("Nej"))
    if isinstance(value, datetime):
        return f"{timezone.localtime(value):%Y-%m-%d %H:%M}"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    return str(value)


def _related_objects(records) -> dict:
    """Every row the records point at, read with one query per related model."""
    wanted: dict[type, set] = {}
    for record in records:
        for f in record.instance_type._meta.concrete_fields:
            if f.is_relation and f.name not in HIDDEN_FIELDS and getattr(record, f.attname) is not None:
                wanted.setdefault(f.related_model, set()).add(getattr(record, f.attname))
    return {(model, pk): obj for model, ids in wanted.items() for pk, obj in model.objects.in_bulk(ids).items()}


def _fields(record) -> list[str]:
    return [f.name for f in record.instance_type._meta.concrete_fields if f.name not in HIDDEN_FIELDS]


def _label(record, name: str) -> str:
    return str(record.instance_type._meta.get_field(name).verbose_name)


def _changes(record, before, related, text_visible: bool) -> list[Change]:
    """A creation lists the values set; a change lists the fields that differ from the version before."""
    if record.history_type == "+":
        values = ((name, "", _display(record, name, related)) for name in _fields(record))
        changes = [(name, old, new) for name, old, new in values if new != "–"]
    elif record.history_type == "~" and before is not None:
        values = ((name, _display(before, name, related), _display(record, name, related)) for name in _fields(record))
        changes = [(name, old, new) for name, old, new in values if old != new]
    else:
        return []
    hidden = set() if text_visible else TEXT_FIELDS.get(record.instance_type, set())
    not_shown = ("", str(TEXT_NOT_SHOWN))
    return [Change(_label(record, name), *(not_shown if name in hidden else (old, new))) for name, old, new in changes]


def case_history(case: Case, *, text_visible: bool = True) -> list[HistoryLine]:
    records = []
    for model, case_field in TRACKED:
        history = model.history.filter(**{case_field: case.pk}).select_related("history_user").order_by("history_id")
        records.extend(history)
    related = _related_objects(records)
    previous: dict[tuple[type, int], object] = {}
    lines = []
    for record in sorted(records, key=lambda r: (r.history_date, r.history_id)):
        key = (record.instance_type, record.id)
        changes = _changes(record, previous.get(key), related, text_visible)
        previous[key] = record
        if record.history_type == "~" and not changes:
            continue  # saved without a visible change
        lines.append(
            HistoryLine(
                at=record.history_date,
                user=record.history_user.get_full_name() if record.history_user else _("systemet"),
                subject=str(record.instance_type._meta.verbose_name).capitalize(),
                action=str(ACTIONS[record.history_type]),
                changes=changes,
            )
        )
    return list(reversed(lines))
