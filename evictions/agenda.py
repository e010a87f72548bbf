"""The agenda of one joint meeting, read through the access policy: the landlord's open files whose consent in
force covers the landlord (`selectors.meeting_list`: a revoked consent drops the file), each with its priority
groups, and the landlord's late payers brought to this meeting (named only with the tenant's consent)."""

from dataclasses import dataclass
from datetime import date

from cases.access import AccessPolicy
from cases.presentation import PersonView, present
from evictions import priority, selectors
from evictions.models import LandlordMeeting, LatePayer, MeetingAgreement, MeetingMinutes


@dataclass(frozen=True)
class AgendaRow:
    row: selectors.MeetingRow
    groups: list[str]
    agreement: MeetingAgreement | None


@dataclass(frozen=True)
class LatePayerRow:
    late_payer: LatePayer
    person: PersonView | None  # None: no consent, no one named
    groups: list[str]


@dataclass(frozen=True)
class Agenda:
    meeting: LandlordMeeting
    contacts: list
    rows: list[AgendaRow]
    late_payers: list[LatePayerRow]
    unnamed_late_payers: int
    minutes: MeetingMinutes | None


def agenda_for(policy: AccessPolicy, meeting: LandlordMeeting, today: date) -> Agenda:
    listed = selectors.meeting_list(policy, meeting.landlord, today)
    agreements = {a.file_id: a for a in MeetingAgreement.objects.filter(meeting=meeting)}
    rows = [
        AgendaRow(
            row,
            priority.groups(
                # The ages of a household this user may not see are not told either: then only its children.
                [party.person for party in row.file.case.parties.all()] if all(p.visible for p in row.persons) else [],
                today,
                has_children=row.file.has_children,
            ),
            agreements.get(row.file.pk),
        )
        for row in listed.rows
    ]
    late_payers = [
        LatePayerRow(
            late_payer,
            present(policy, late_payer.person) if late_payer.person else None,
            priority.groups([late_payer.person], today) if late_payer.person else [],
        )
        for late_payer in LatePayer.objects.filter(meeting=meeting).select_related("person", "file__case")
    ]
    minutes = MeetingMinutes.objects.filter(meeting=meeting).prefetch_related("staff", "landlord_contacts").first()
    return Agenda(
        meeting=meeting,
        contacts=listed.contacts,
        rows=rows,
        late_payers=late_payers,
        unnamed_late_payers=sum(1 for row in late_payers if row.person is None),
        minutes=minutes,
    )


def upcoming_meetings(today: date, landlord=None) -> list[LandlordMeeting]:
    meetings = LandlordMeeting.objects.select_related("landlord").filter(meets_on__gte=today)
    if landlord is not None:
        meetings = meetings.filter(landlord=landlord)
    return list(meetings.order_by("meets_on", "landlord__name")[:50])
