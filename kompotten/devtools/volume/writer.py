"""The one place generated rows reach the database: batched bulk inserts, with history rows for tracked models.

A tracked model (django-simple-history) goes through `bulk_create_with_history`, which writes the history rows in
the same batches; each row's `history_date` and `history_user` come from `_history_date` and `_history_user` set on
the instance, so the history says when and by whom, as if the services had written it. Everything is dated from
one reference date, so the same seed gives the same data on any day it is run with that date.
"""

import random
import time
from collections import defaultdict
from datetime import date, datetime, timedelta
from datetime import time as clock

from django.db import models
from django.utils import timezone

from simple_history.utils import bulk_create_with_history

from cases.models import CaseNumberSequence

BATCH_SIZE = 2000


class Writer:
    """Holds the seeded randomness, the reference date and the case-number counters of one generation run."""

    def __init__(self, *, seed: int, today: date, log):
        self.rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
        self.today = today
        self.log = log
        self.rows: dict[str, int] = defaultdict(int)
        self._next_sequence: dict[int, int] = {}
        self.serial = 0  # the next test personnummer (kompotten.devtools.volume.people)
        self.taken_numbers: set[str] | None = None

    # --- dates ---------------------------------------------------------------------------------------------------
    def moment(self, day: date, *, hour: int | None = None) -> datetime:
        """A time of the working day on `day` (08–16), aware, drawn from the seeded random."""
        hour = self.rng.randint(8, 16) if hour is None else hour
        return timezone.make_aware(datetime.combine(day, clock(hour, self.rng.randint(0, 59))))

    def day_between(self, first: date, last: date) -> date:
        return first + timedelta(days=self.rng.randint(0, max((last - first).days, 0)))

    # --- inserts -------------------------------------------------------------------------------------------------
    def insert(self, objs: list[models.Model], *, at=None, by=None) -> list[models.Model]:
        """Bulk-inserts `objs` (one model), in batches; tracked models with their history rows.
        `at` and `by` date and sign the history rows of instances that carry no `_history_date`/`_history_user`."""
        if not objs:
            return objs
        model = type(objs[0])
        if hasattr(model, "history"):
            for obj in objs:
                if at is not None and not hasattr(obj, "_history_date"):
                    obj._history_date = at(obj) if callable(at) else at
                if by is not None and not hasattr(obj, "_history_user"):
                    obj._history_user = by(obj) if callable(by) else by
            bulk_create_with_history(objs, model, batch_size=BATCH_SIZE)
            self.rows[f"{model._meta.label} (history)"] += len(objs)
        else:
            model._default_manager.bulk_create(objs, batch_size=BATCH_SIZE)
        self.rows[model._meta.label] += len(objs)
        return objs

    def step(self, label: str):
        """A context manager that prints how long a step took."""
        return _Step(label, self.log)

    # --- case numbers --------------------------------------------------------------------------------------------
    def case_sequence(self, year: int) -> int:
        """The next number of `year`, continuing the sequence the services use (and left where they continue)."""
        if year not in self._next_sequence:
            row, _ = CaseNumberSequence.objects.get_or_create(year=year)
            self._next_sequence[year] = row.last
        self._next_sequence[year] += 1
        return self._next_sequence[year]

    def save_case_sequences(self) -> None:
        for year, last in self._next_sequence.items():
            CaseNumberSequence.objects.filter(year=year).update(last=last)


class _Step:
    def __init__(self, label, log):
        self.label, self.log = label, log

    def __enter__(self):
        self.started = time.perf_counter()
        return self

    def __exit__(self, *exc):
        if exc[0] is None:
            self.log(f"{self.label}: {time.perf_counter() - self.started:.1f} s")
