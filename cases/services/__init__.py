"""Every write to people and the case core. Functions are `<entity>_<verb>(*, ..., acting_user)`, atomic,
validating, and recording history (with the acting user) and the case timeline."""

from cases.services.access_log import (
    access_review_record,
    emergency_access_mark_reviewed,
    emergency_access_open,
)
from cases.services.cases import (
    access_request_open,
    case_add_partner,
    case_add_person,
    case_assign_handler,
    case_close,
    case_open,
    case_sequence_locked,
    case_unassign_handler,
    handler_check,
)
from cases.services.deadlines import (
    deadline_extend,
    deadline_mark_met,
    deadline_new,
    deadline_pause,
    deadline_resume,
    deadline_set,
    deadline_set_detail,
)
from cases.services.journal import document_add, note_add, note_edit
from cases.services.persons import (
    household_member_add,
    person_grant_access,
    person_link_former_identity,
    person_move,
    person_new,
    person_register,
    person_revoke_access,
    person_set_protected_address,
    person_update,
)

__all__ = [
    "access_request_open",
    "access_review_record",
    "emergency_access_mark_reviewed",
    "emergency_access_open",
    "case_add_partner",
    "case_add_person",
    "case_assign_handler",
    "case_close",
    "case_open",
    "case_sequence_locked",
    "case_unassign_handler",
    "deadline_extend",
    "deadline_mark_met",
    "deadline_new",
    "deadline_pause",
    "deadline_resume",
    "deadline_set",
    "deadline_set_detail",
    "document_add",
    "handler_check",
    "household_member_add",
    "note_add",
    "note_edit",
    "person_grant_access",
    "person_link_former_identity",
    "person_move",
    "person_new",
    "person_register",
    "person_revoke_access",
    "person_set_protected_address",
    "person_update",
]
