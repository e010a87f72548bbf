"""What relocation keeps about people, for retention (gallring, `cases.retention`): the relocation requests.
Culling one blanks what was written about the person and the threat (the criteria, the areas to avoid, the
messages, the assessment's reasons) and the identity the partner filed; the request with its network, partner,
direction, states and dates stays, which Table 1 and the processing times count."""

from cases.models import Case
from cases.relocation.models import (
    PartnerFiling,
    ProtectionAssessment,
    RelocationMessage,
    RelocationRequest,
    RelocationTransition,
)
from cases.retention import RecordKind, blank, register_record_kind


def cull(case_ids: list[int]) -> None:
    requests = RelocationRequest.objects.filter(case__in=case_ids)
    blank(
        requests,
        serious_violence="",
        home_options_tried="",
        cannot_arrange_housing="",
        accessibility_needs="",
        avoid_areas="",
        avoid_areas_mapped="",
    )
    blank(RelocationTransition.objects.filter(request__in=requests), reason="")
    blank(RelocationMessage.objects.filter(request__in=requests), body="")
    blank(ProtectionAssessment.objects.filter(request__in=requests), reason="")
    blank(PartnerFiling.objects.filter(request__in=requests), given_name="", family_name="", identity_number="")


def register() -> None:
    register_record_kind(RecordKind(Case.Kind.RELOCATION, Case.Kind.RELOCATION.label, cull))
