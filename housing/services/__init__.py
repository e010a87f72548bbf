"""Every write of the housing unit: `<entity>_<verb>(*, ..., acting_user)`, atomic, validating, recording history
(with the acting user), the status moves of `housing.workflow` and the case timeline."""

from housing.services.applications import (
    ChildInput,
    application_add_avoid_areas,
    application_decide,
    application_refer,
    application_transition,
    checklist_save,
)
from housing.services.contracts import (
    ContractTerms,
    contract_end,
    contract_extend_trial,
    contract_pass_to_tenant,
    contract_start,
    contract_transition,
    contracts_report_move_ins,
    follow_up_add,
)
from housing.services.nexus import (
    kundvard_decide,
    kundvard_request,
    nexus_flat_hand_over,
    nexus_flat_move_in,
    nexus_flat_move_out,
    placement_end,
    placement_start,
)
from housing.services.offers import offer_accept, offer_decline, offer_make, offer_transition
from housing.services.stock import (
    PoolYear,
    agreement_record,
    flat_let,
    flat_let_to_shelter,
    flat_register,
    flat_transition,
    flat_update,
    pool_set_quota,
    pool_take,
    pool_year,
)
from housing.services.support import support_case_applicant, support_case_open

__all__ = [
    "support_case_applicant",
    "support_case_open",
    "kundvard_decide",
    "kundvard_request",
    "nexus_flat_hand_over",
    "nexus_flat_move_in",
    "nexus_flat_move_out",
    "placement_end",
    "placement_start",
    "ContractTerms",
    "contract_end",
    "contract_extend_trial",
    "contract_pass_to_tenant",
    "contract_start",
    "contract_transition",
    "contracts_report_move_ins",
    "follow_up_add",
    "ChildInput",
    "application_add_avoid_areas",
    "PoolYear",
    "agreement_record",
    "application_decide",
    "application_refer",
    "application_transition",
    "checklist_save",
    "flat_let",
    "flat_let_to_shelter",
    "flat_register",
    "flat_transition",
    "flat_update",
    "offer_accept",
    "offer_decline",
    "offer_make",
    "offer_transition",
    "pool_set_quota",
    "pool_take",
    "pool_year",
]
