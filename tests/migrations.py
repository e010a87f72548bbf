"""Running the migrations back and forth inside a data-migration test.

Django's MigrationExecutor spends nearly all of a trip re-rendering historical model states (a clone and a
`reload_model` per operation, twice per operation on the way back, and a full re-render before every RunPython after
a delayed reload), not in SQL. Those states depend only on the migration graph: the state before an operation is
the one a clean `migrate` from an empty database has there (every migration before it in the full plan, which is
what creating the test database uses). So this module renders each operation's before and after state once per
session, the first time a trip needs it, and every later trip — back and forward, in any test — runs only the
operations' database side with them. A trip whose database is not in that shape (a migration earlier in the full
plan not applied) goes through Django's own executor instead.
"""

from functools import cached_property

from django.db import connection
from django.db.migrations.exceptions import IrreversibleError
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.operations.special import RunPython
from django.db.migrations.state import ProjectState
from django.db.transaction import atomic


class _Apps:
    """The historical models at some targets, rendered when first asked for (most trips forward never are)."""

    def __init__(self, loader, targets):
        self._loader, self._targets = loader, targets

    @cached_property
    def _apps(self):
        return self._loader.project_state(self._targets).apps

    def __getattr__(self, name):
        return getattr(self._apps, name)


class _Trips:
    def __init__(self):
        self.executor = MigrationExecutor(connection)
        self.loader = self.executor.loader
        self.leaves = self.loader.graph.leaf_nodes()
        self.full_plan = [migration for migration, _ in self.executor.migration_plan(self.leaves, clean_start=True)]
        self.position = {(m.app_label, m.name): i for i, m in enumerate(self.full_plan)}
        self.states = {}  # position -> the states before the migration's first operation and after each one
        self.first_rendered = len(self.full_plan)
        self.apps = {}

    def states_of(self, position: int) -> list[ProjectState]:
        if position < self.first_rendered:
            state = ProjectState(real_apps=self.loader.unmigrated_apps)
            for migration in self.full_plan[:position]:
                migration.mutate_state(state, preserve=False)  # not rendered yet: cheap
            state.apps  # noqa: B018 - render once; each operation after this reloads only what it touches
            for i in range(position, self.first_rendered):
                migration, states = self.full_plan[i], [state]
                for operation in migration.operations:
                    state = state.clone()
                    operation.state_forwards(migration.app_label, state)
                    states.append(state)
                self.states[i] = states
            self.first_rendered = position
        return self.states[position]

    def migrate(self, targets):
        targets = [tuple(target) for target in targets] if targets else self.leaves
        applied = self.executor.recorder.applied_migrations()
        self.loader.applied_migrations = applied
        plan = self.executor.migration_plan(targets)
        if plan and len({backwards for _, backwards in plan}) > 1:
            MigrationExecutor(connection).migrate(targets)  # Django's error for a plan both ways
        elif plan:
            backwards = plan[0][1]
            positions = sorted((self.position[(m.app_label, m.name)] for m, _ in plan), reverse=backwards)
            to_run = {m for m, _ in plan}
            if any(
                (m.app_label, m.name) not in applied and (backwards or m not in to_run)
                for m in self.full_plan[: max(positions)]
            ):
                MigrationExecutor(connection).migrate(targets)  # not the shape the states were rendered for
            else:
                for position in positions:
                    self._run(position, backwards)
        key = tuple(sorted(targets))
        if key not in self.apps:
            self.apps[key] = _Apps(self.loader, targets)
        return self.apps[key]

    def _run(self, position: int, backwards: bool) -> None:
        """Applies or unapplies one migration as Migration.apply and unapply do, with the states rendered once."""
        migration, states = self.full_plan[position], self.states_of(position)
        steps = list(zip(migration.operations, states, states[1:], strict=False))
        if backwards:
            steps.reverse()
            for operation in migration.operations:
                if not operation.reversible:
                    raise IrreversibleError(f"Operation {operation} in {migration} is not reversible")
        with connection.schema_editor(atomic=migration.atomic) as schema_editor:
            for operation, before, after in steps:
                from_state, to_state = (after, before) if backwards else (before, after)
                if isinstance(operation, RunPython) and from_state.is_delayed:
                    # RunPython re-renders a delayed state in full every time it runs; do it once, for good.
                    from_state.clear_delayed_apps_cache()
                    from_state.apps  # noqa: B018
                    from_state.is_delayed = False
                run = operation.database_backwards if backwards else operation.database_forwards
                if not schema_editor.atomic_migration and (
                    operation.atomic or (migration.atomic and operation.atomic is not False)
                ):
                    with atomic(schema_editor.connection.alias):
                        run(migration.app_label, schema_editor, from_state, to_state)
                else:
                    run(migration.app_label, schema_editor, from_state, to_state)
            if not backwards and not schema_editor.deferred_sql:
                self.executor.record_migration(migration)
                return
        if backwards:
            self.executor.recorder.record_unapplied(migration.app_label, migration.name)
        else:
            self.executor.record_migration(migration)


_trips = None


def migrate(targets=None):
    """Migrates to `targets`, or without them to every app's newest migration (where a test must leave the schema
    for the rest of the suite); returns the historical models at that point."""
    global _trips  # noqa: PLW0603 - one set of rendered states for the session
    if _trips is None:
        _trips = _Trips()
    return _trips.migrate(targets)
