"""What eviction prevention keeps about people, for retention (gallring, `cases.retention`): the eviction files.
Culling one blanks the names, addresses and free text written about the household (the tenants' names as the notice
wrote them, the flat's street address, letters, notes, consents) and keeps every notice, letter, contact and closure
with its dates, kinds, reasons and outcomes, which the monthly and yearly figures count. A notice routed to another
district or municipality has no file; its tenants' files wait while it is younger than the eviction rule's years."""

from datetime import date

from django.utils import timezone

from dateutil.relativedelta import relativedelta

from cases.models import Case, RetentionRule
from cases.retention import RecordKind, blank, register_record_kind
from evictions.models import (
    Closure,
    Consent,
    Contact,
    EvictionFile,
    Letter,
    MeetingAgreement,
    Notice,
    NoticeTenant,
    RegisterCheck,
)


def cull(case_ids: list[int]) -> None:
    files = EvictionFile.objects.filter(case__in=case_ids)
    blank(files, escalation_reason="", investigation_reason="")
    of_file = {"file__in": files}
    notices = Notice.objects.filter(**of_file)
    blank(notices, sender_name="", sender_reference="", receipt_sent_to="", street_address="", apartment_number="")
    blank(NoticeTenant.objects.filter(notice__in=notices), given_name="", family_name="")
    blank(RegisterCheck.objects.filter(**of_file), note="")
    blank(Closure.objects.filter(**of_file), note="")
    blank(Consent.objects.filter(**of_file), other_named="", revocation_note="")
    blank(Contact.objects.filter(**of_file), note="")
    blank(MeetingAgreement.objects.filter(**of_file), note="")
    blank(
        Letter.objects.filter(**of_file),
        recipient="",
        address_lines="",
        body="",
        visit_place="",
        visit_outcome_note="",
        override_reason="",
    )


def routed_tenants() -> set[int]:
    """Tenants of notices without a file (routed elsewhere) received within the eviction rule's years."""
    rule = RetentionRule.objects.filter(active=True, record_kind=Case.Kind.EVICTION).first()
    years = rule.years if rule else 5
    since: date = timezone.localdate() - relativedelta(years=years)
    tenants = NoticeTenant.objects.filter(notice__file__isnull=True, notice__received_on__gte=since)
    return set(tenants.values_list("person", flat=True).order_by())


def register() -> None:
    register_record_kind(RecordKind(Case.Kind.EVICTION, Case.Kind.EVICTION.label, cull, routed_tenants))
