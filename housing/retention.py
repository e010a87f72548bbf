"""What the housing unit keeps about people, for retention (gallring, `cases.retention`): housing applications and
Nexus's support cases. Culling one blanks the free text written about the person (background, wishes, reasons,
notes) and keeps every row with its dates, states and outcomes, which the housing figures count. A person who is
the tenant of one of our flats has a record still kept."""

from cases.models import Case
from cases.retention import RecordKind, blank, register_record_kind
from housing.models import (
    ApplicationTransition,
    ChecklistCheck,
    Decision,
    Flat,
    FollowUp,
    HousingApplication,
    Offer,
    ProtectedPlacement,
    SocialContract,
    TrialChange,
)


def cull(case_ids: list[int]) -> None:
    blank(HousingApplication.objects.filter(case__in=case_ids), background="", wishes="")
    of_application = {"application__case__in": case_ids}
    blank(ApplicationTransition.objects.filter(**of_application), reason="")
    blank(ChecklistCheck.objects.filter(**of_application), note="")
    blank(Decision.objects.filter(**of_application), reasons="")
    blank(Offer.objects.filter(**of_application), answer_note="", out_of_order_reason="", pool_override_reason="")
    blank(SocialContract.objects.filter(**of_application), closing_reason="")
    blank(FollowUp.objects.filter(contract__application__case__in=case_ids), note="")
    blank(TrialChange.objects.filter(contract__application__case__in=case_ids), reason="")
    blank(ProtectedPlacement.objects.filter(case__in=case_ids), note="")


def tenants() -> set[int]:
    return set(Flat.objects.filter(tenant__isnull=False).values_list("tenant", flat=True).order_by())


def register() -> None:
    register_record_kind(RecordKind(Case.Kind.HOUSING, Case.Kind.HOUSING.label, cull, tenants))
    register_record_kind(RecordKind(Case.Kind.SUPPORT, Case.Kind.SUPPORT.label, cull))
