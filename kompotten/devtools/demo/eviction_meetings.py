"""The demo's joint meetings with Uppsalahem (samverkansmöte), through the services: the landlord's contact persons,
last month's meeting held and recorded (who attended, two agreements, each a step on its file's ladder), and next
month's meeting planned (December's, when the demo is loaded in November) with the landlord's late payers, one
named with the tenant's consent and one without; and the meetings planned with two other landlords in the coming
months, so the list of every meeting (`evictions:meeting_list`) has more than one landlord's ahead."""

from datetime import date, timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta

from cases import registers
from cases.access import AccessPolicy
from cases.models import Landlord
from evictions import meetings, selectors
from evictions.models import Consent, LandlordMeeting, MeetingAgreement, Partner
from kompotten.models import User

WEDNESDAY = 2


def second_wednesday(day: date) -> date:
    """The landlord's meeting day of `day`'s month: its second Wednesday."""
    first = day.replace(day=1)
    return first + timedelta(days=(WEDNESDAY - first.weekday()) % 7 + 7)


def seed(today: date, caseworker: User, late_payer_identity_number: str) -> LandlordMeeting:
    """Plans, holds and records the meetings; returns next month's, planned. The named late payer, a young tenant
    (a priority group), has `late_payer_identity_number`."""
    team_lead = User.objects.get(email="gruppledare.vrakning@uppsala.example")
    landlord = Landlord.objects.get(name="Uppsalahem")
    kim = registers.landlord_contact_save(
        landlord=landlord, name="Kim Kundvård", role="Kundansvarig", phone="018-727 34 00", acting_user=team_lead
    )
    registers.landlord_contact_save(
        landlord=landlord,
        name="Eva Ekonom",
        role="Hyresreskontra",
        email="eva.ekonom@uppsalahem.example",
        acting_user=team_lead,
    )
    _held(landlord, _last_meeting_day(today), team_lead, caseworker, kim)
    planned = meetings.meeting_plan(
        landlord=landlord,
        meets_on=second_wednesday(today + relativedelta(months=1)),
        place="Uppsalahems kundcenter, Storgatan 30",
        acting_user=team_lead,
        today=today,
    )
    late_payers = [
        meetings.LatePayerInput(
            amount=Decimal(9200),
            days_late=19,
            consented=True,
            identity_number=late_payer_identity_number,
            given_name="Sara",
            family_name="Lind",
        ),
        meetings.LatePayerInput(amount=Decimal(6150), days_late=7, consented=False),
    ]
    for data in late_payers:
        meetings.late_payer_add(meeting=planned, data=data, acting_user=caseworker)
    _planned_with_others(today, team_lead)
    return planned


# The other landlords' meetings ahead: (landlord, months ahead, days after that month's second Wednesday, place).
OTHER_MEETINGS = [
    ("Heimstaden", 1, 1, "Heimstadens kontor, Kungsgatan 57"),
    ("Rikshem", 1, 6, "Socialtjänsten, Stationsgatan 12"),
    ("Heimstaden", 2, 1, "Heimstadens kontor, Kungsgatan 57"),
]


def _planned_with_others(today: date, team_lead: User) -> None:
    for name, months, days, place in OTHER_MEETINGS:
        meetings.meeting_plan(
            landlord=Landlord.objects.get(name=name),
            meets_on=second_wednesday(today + relativedelta(months=months)) + timedelta(days=days),
            place=place,
            acting_user=team_lead,
            today=today,
        )


def _last_meeting_day(today: date) -> date:
    this_month = second_wednesday(today)
    return this_month if this_month < today else second_wednesday(today - relativedelta(months=1))


def _held(landlord: Landlord, held_on: date, team_lead: User, caseworker: User, contact) -> None:
    """Last month's meeting: planned back then, and two files of its agenda agreed on (those whose consent was
    signed by that day)."""
    meeting = meetings.meeting_plan(
        landlord=landlord,
        meets_on=held_on,
        place="Socialtjänsten, Stationsgatan 12",
        acting_user=team_lead,
        today=held_on,
    )
    consented_by_then = set(
        Consent.objects.filter(
            signed_on__lte=held_on, revoked_on__isnull=True, partners__contains=[Partner.LANDLORD]
        ).values_list("file_id", flat=True)
    )
    rows = [
        row
        for row in selectors.meeting_list(AccessPolicy(team_lead), landlord, held_on).rows
        if row.file.pk in consented_by_then
    ]
    outcomes = [MeetingAgreement.Outcome.REPAYMENT_PLAN, MeetingAgreement.Outcome.VISIT]
    notes = ["Hyresvärden godtar 1 500 kr i månaden utöver hyran.", "Vi besöker hushållet innan nästa möte."]
    meetings.meeting_record(
        meeting=meeting,
        held_on=held_on,
        staff=[team_lead, caseworker],
        landlord_contacts=[contact],
        agreements=[
            meetings.AgreementInput(row.file, outcome, note)
            for row, outcome, note in zip(rows, outcomes, notes, strict=False)
        ],
        acting_user=team_lead,
    )
