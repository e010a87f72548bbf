"""A year of the access log (åtkomstlogg): handlers opening the protected persons of their cases, now and then a
colleague with a person grant, and a few views without a grant (the placeholder was shown). The log's trigger
refuses UPDATE and DELETE; inserting is what the product does too."""

from datetime import timedelta

from cases.models import AccessLogEntry, CaseAssignment, CaseParty, Person
from kompotten.devtools.volume.writer import Writer


def entries_create(writer: Writer, count: int) -> None:
    protected = CaseParty.objects.exclude(person__protection_level="none").order_by("id")
    assignments = CaseAssignment.objects.filter(case__parties__in=protected).order_by("case_id", "id")
    handler_of = dict(assignments.values_list("case_id", "user_id"))
    parties = [(c, p) for c, p in protected.values_list("case_id", "person_id") if c in handler_of]
    if not parties:
        return
    granted = dict(Person.objects.exclude(protection_level="none").values_list("pk", "created_by_id"))
    start = writer.today - timedelta(days=365)
    users = sorted(set(handler_of.values()))
    rows = []
    for _ in range(count):
        case_id, person_id = writer.rng.choice(parties)
        roll = writer.rng.random()
        if roll < 0.9:
            user_id, grant = handler_of[case_id], AccessLogEntry.Grant.ASSIGNMENT
        elif roll < 0.98:
            user_id, grant = granted.get(person_id, handler_of[case_id]), AccessLogEntry.Grant.PERSON
        else:
            user_id, grant = writer.rng.choice(users), AccessLogEntry.Grant.NONE  # shown the placeholder
        rows.append(
            AccessLogEntry(
                at=writer.moment(writer.day_between(start, writer.today)),
                user_id=user_id,
                person_id=person_id,
                case_id=case_id,
                action=AccessLogEntry.Action.VIEW_IDENTITY,
                what=f"/arenden/{case_id}/",
                grant=grant,
                ip_address="127.0.0.1",
            )
        )
        if len(rows) == 50_000:
            writer.insert(rows)
            rows = []
    writer.insert(rows)
