"""People, their protection, and the case core every capability extends."""

from cases.models.access_log import AccessLogEntry, AccessReview, EmergencyAccess
from cases.models.case import (
    Case,
    CaseAssignment,
    CaseEvent,
    CaseGroupObjectPermission,
    CaseNumberSequence,
    CasePartner,
    CaseParty,
    CaseUserObjectPermission,
)
from cases.models.deadline import Deadline, DeadlineChange
from cases.models.grants import AccessRequest, GrantEvent, PendingPartyAccess
from cases.models.journal import Document, JournalNote
from cases.models.person import (
    FormerIdentityLink,
    FormerIdentityLinkUserObjectPermission,
    HouseholdMember,
    Person,
    PersonGroupObjectPermission,
    PersonUserObjectPermission,
    ProtectedAddress,
    ProtectionLevel,
)
from cases.models.register import District, DistrictPostalArea, Landlord, LandlordContact
from cases.models.retention import Culling, RetentionException, RetentionItem, RetentionList, RetentionRule

__all__ = [
    "AccessLogEntry",
    "AccessRequest",
    "GrantEvent",
    "AccessReview",
    "EmergencyAccess",
    "Case",
    "CaseAssignment",
    "CaseEvent",
    "CaseGroupObjectPermission",
    "CaseNumberSequence",
    "CaseParty",
    "CasePartner",
    "CaseUserObjectPermission",
    "Deadline",
    "District",
    "DistrictPostalArea",
    "DeadlineChange",
    "Document",
    "FormerIdentityLink",
    "FormerIdentityLinkUserObjectPermission",
    "HouseholdMember",
    "JournalNote",
    "Landlord",
    "LandlordContact",
    "PendingPartyAccess",
    "Person",
    "PersonGroupObjectPermission",
    "PersonUserObjectPermission",
    "ProtectedAddress",
    "ProtectionLevel",
    "Culling",
    "RetentionException",
    "RetentionItem",
    "RetentionList",
    "RetentionRule",
]
