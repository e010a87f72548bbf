"""Retention (gallring): which kinds of record the apps keep about people, and how each app culls its own part.

Under the Social Services Act a person's file (personakt) is culled five years after its last entry, at the latest by
the end of the following calendar year, and not while another record about the same person is kept; some files are
kept for research. The law was recast in 2025 (SFS 2025:400), so the periods and the exceptions are data an
administrator edits (`cases.models.RetentionRule`, `RetentionException`), each with its legal basis.

The case core decides what is due and culls what it holds itself (the person, the journal, the documents, the
access log); every app that keeps a kind of case registers it here in its `AppConfig.ready()` with a function that
blanks the free text and personal details of its own rows for those cases. The core never imports the apps (the
import-linter layers), so a new capability adds its kind without editing the core. What a culler keeps is what the
reports count: rows, dates, kinds, states and outcomes; what it removes is what names, describes or locates a person.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models import QuerySet
from django.utils.functional import Promise


@dataclass(frozen=True)
class RecordKind:
    """A kind of record about people: its key (the `Case.Kind` value), its label, and how its app culls its rows.

    `cull(case_ids)` blanks the app's personal data of those cases (free text, names, addresses) and erases their
    history rows, keeping the rows the statistics count. `kept_persons()` (optional) gives the ids of persons the
    app holds a record about outside any case (a notice routed elsewhere, say) that is still kept: their files wait.
    """

    key: str
    label: str | Promise
    cull: Callable[[list[int]], None]
    kept_persons: Callable[[], Iterable[int]] | None = None


_kinds: dict[str, RecordKind] = {}


def register_record_kind(kind: RecordKind) -> None:
    """Called from an app's `AppConfig.ready()`. A key another app registered already is refused."""
    owner = _kinds.setdefault(kind.key, kind)
    if owner is not kind:
        raise ImproperlyConfigured(f"Record kind {kind.key!r} is registered twice.")


def record_kinds() -> dict[str, RecordKind]:
    return dict(_kinds)


def record_kind_choices() -> list[tuple[str, str]]:
    """The kinds the apps registered: the rule's field reads its choices through this callable (migrations name
    it, never copy the list)."""
    return [(kind.key, kind.label) for kind in _kinds.values()]


def blank(queryset: QuerySet, **values) -> list[int]:
    """Set `values` on every row of `queryset` and erase the rows' history: the history holds the same personal data.

    A bulk update on purpose, outside django-simple-history: culling must leave no earlier version behind. The
    rows' ids are returned (for the caller's own history erasure of related rows)."""
    ids = list(queryset.values_list("pk", flat=True))
    if ids and values:
        queryset.model._default_manager.filter(pk__in=ids).update(**values)
    erase_history(queryset.model, ids)
    return ids


def erase_history(model: type[models.Model], ids: list[int]) -> None:
    """Delete the django-simple-history rows of `model`'s rows `ids` (no-op for an untracked model)."""
    history = getattr(model, "history", None)
    if ids and history is not None:
        history.model._default_manager.filter(id__in=ids).delete()


def delete_rows(queryset: QuerySet) -> int:
    """Delete the rows and their history (the delete itself writes a last history row with every field)."""
    ids = list(queryset.values_list("pk", flat=True))
    queryset.model._default_manager.filter(pk__in=ids).delete()
    erase_history(queryset.model, ids)
    return len(ids)
