"""Planner statistics for rows just written in bulk (autovacuum gathers them in production, but not inside the
transaction that wrote them)."""

from django.db import connection


def analyze_tables() -> None:
    """ANALYZE the project's own tables. A bare ANALYZE also takes the server-wide catalogs (pg_authid,
    pg_database): inside a transaction it holds their lock until the end, and every other database's ANALYZE on the
    same server waits for it (one test database's open transaction stalled the others' test runs)."""
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(table) for table in sorted(tables)))
