"""Running the migrations back and forth inside a data-migration test."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate(targets=None):
    """Migrates to `targets`, or without them to every app's newest migration (where a test must leave the schema
    for the rest of the suite); returns the historical models at that point."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    targets = targets or executor.loader.graph.leaf_nodes()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps
