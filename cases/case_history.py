"""A case's change history as a readable timeline, from django-simple-history's tables.

Every tracked model of the case core contributes its historical rows; each row becomes one line: when, who,
what was created, changed or removed, and for a change the fields with their values before and after. Persons'
own history is not part of it: their details are shown, masked or not, only through the access policy.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.utils.translation import gettext_lazy as _

from cases.models import Case, CaseAssignment, CasePartner, CaseParty, Deadline, Document, JournalNote
from kompotten.models import User

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


def _display(record, field_name: str, users: dict[int, User]) -> str:
    model_field = record.instance_type._meta.get_field(field_name)
    value = getattr(record, model_field.attname)
    if value in (None, ""):
        return "–"
    if model_field.is_relation and model_field.related_model is User:
        user = users.get(value)
        return user.get_full_name() if user else str(value)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    return str(value)


def _fields(record) -> list[str]:
    return [f.name for f in record.instance_type._meta.concrete_fields if f.name not in HIDDEN_FIELDS]


def case_history(case: Case) -> list[HistoryLine]:
    records = []
    for model, case_field in TRACKED:
        history = model.history.filter(**{case_field: case.pk}).select_related("history_user").order_by("history_id")
        records.extend(history)
    user_ids = {
        getattr(r, f.attname)
        for r in records
        for f in r.instance_type._meta.concrete_fields
        if f.is_relation and f.related_model is User
    }
    users = User.objects.in_bulk([uid for uid in user_ids if uid])
    previous: dict[tuple[type, int], object] = {}
    lines = []
    for record in sorted(records, key=lambda r: (r.history_date, r.history_id)):
        key = (record.instance_type, record.id)
        before = previous.get(key)
        previous[key] = record
        changes = []
        if record.history_type == "~" and before is not None:
            changes = [
                Change(str(record.instance_type._meta.get_field(name).verbose_name), _display(before, name, users),
                       _display(record, name, users))
                for name in _fields(record)
                if _display(before, name, users) != _display(record, name, users)
            ]  # fmt: skip
            if not changes:
                continue
        elif record.history_type == "+":
            changes = [
                Change(str(record.instance_type._meta.get_field(name).verbose_name), "", _display(record, name, users))
                for name in _fields(record)
                if _display(record, name, users) != "–"
            ]
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
