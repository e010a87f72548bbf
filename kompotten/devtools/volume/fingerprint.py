"""A digest of the generated data that does not depend on primary keys or on the clock: the same seed and reference
date give the same fingerprint on any database. Columns the database or Django stamp with the wall clock
(`auto_now_add`) are left out, and so are the rows that were there before (`marks`: the demo's, whose dates and
access-log times follow the clock)."""

import hashlib

from django.db import connection

# One query per table, each row said in natural keys (case numbers, identity numbers, e-mail addresses).
QUERIES = {
    "persons": """SELECT p.identity_number, p.given_name, p.family_name, p.protection_level, p.postal_code
                  FROM cases_person x JOIN cases_person p ON p.id = x.id {after} ORDER BY 1""",
    "cases": """SELECT c.year, c.sequence, c.kind, c.opened_on, c.closed_on, u.name, h.email
                FROM cases_case c JOIN kompotten_unit u ON u.id = c.unit_id
                JOIN cases_caseassignment a ON a.case_id = c.id JOIN kompotten_user h ON h.id = a.user_id
                JOIN cases_case x ON x.id = c.id {after} ORDER BY 1, 2, 7""",
    "parties": """SELECT c.year, c.sequence, p.identity_number, cp.role FROM cases_caseparty cp
                  JOIN cases_case c ON c.id = cp.case_id JOIN cases_person p ON p.id = cp.person_id
                  JOIN cases_case x ON x.id = c.id {after} ORDER BY 1, 2, 3""",
    "deadlines": """SELECT c.year, c.sequence, d.label, d.starts_on, d.due_on, d.status, d.met_on FROM cases_deadline d
                    JOIN cases_case c ON c.id = d.case_id JOIN cases_case x ON x.id = c.id {after}
                    ORDER BY 1, 2, 3, 4""",
    "requests": """SELECT c.year, c.sequence, r.direction, r.state, m.code, r.housed_on, r.ended_on
                   FROM cases_relocationrequest r JOIN cases_case c ON c.id = r.case_id
                   JOIN kompotten_municipality m ON m.id = r.municipality_id JOIN cases_case x ON x.id = c.id {after}
                   ORDER BY 1, 2""",
    "applications": """SELECT c.year, c.sequence, a.status, a.referral_kind, a.referred_on, a.decided_on
                       FROM housing_housingapplication a JOIN cases_case c ON c.id = a.case_id
                       JOIN cases_case x ON x.id = c.id {after} ORDER BY 1, 2""",
    "notices": """SELECT c.year, c.sequence, n.received_on, n.kind, n.rent_debt_capital, n.eviction_date
                  FROM evictions_notice n JOIN evictions_evictionfile f ON f.id = n.file_id
                  JOIN cases_case c ON c.id = f.case_id JOIN cases_case x ON x.id = c.id {after} ORDER BY 1, 2, 3, 4""",
    "grants": """SELECT u.email, c.year, c.sequence FROM cases_caseuserobjectpermission g
                 JOIN kompotten_user u ON u.id = g.user_id JOIN cases_case c ON c.id = g.content_object_id
                 JOIN cases_case x ON x.id = c.id {after} ORDER BY 1, 2, 3""",
    "access_log": """SELECT x.at, u.email, p.identity_number FROM cases_accesslogentry x
                     JOIN kompotten_user u ON u.id = x.user_id LEFT JOIN cases_person p ON p.id = x.person_id
                     {after} ORDER BY 1, 2, 3""",
}


# The table whose rows each query reads ("x" in the SQL), for the marks.
MAIN = {"persons": "cases_person", "access_log": "cases_accesslogentry"}


def marks() -> dict[str, int]:
    """The last id of each table the fingerprint reads: what exists before a generation."""
    tables = {MAIN.get(name, "cases_case") for name in QUERIES}
    with connection.cursor() as cursor:
        result = {}
        for table in tables:
            cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")  # noqa: S608 - table names from this module
            result[table] = cursor.fetchone()[0]
    return result


def fingerprint(after: dict[str, int] | None = None) -> dict[str, str]:
    """The digest of each table's rows, of those after `after` (from `marks`) only."""
    digests = {}
    with connection.cursor() as cursor:
        for name, sql in QUERIES.items():
            last = (after or {}).get(MAIN.get(name, "cases_case"), 0)
            cursor.execute(sql.format(after="WHERE x.id > %s"), [last])
            digest = hashlib.sha256()
            for row in cursor.fetchall():
                digest.update(repr(row).encode())
            digests[name] = digest.hexdigest()[:16]
    return digests
