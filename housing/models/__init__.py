"""The housing unit's records: catalogues, applications and their investigation and decisions."""

from housing.models.application import (
    Accessibility,
    ApplicationTransition,
    ChecklistCheck,
    Decision,
    HousingApplication,
)
from housing.models.catalogue import (
    DEFAULT_DECISION_MONTHS,
    ChecklistItem,
    DecisionDeadlineRule,
    ReferralKind,
)
from housing.models.contracts import (
    DEFAULT_TRIAL_MONTHS,
    MAX_TRIAL_MONTHS,
    MIN_TRIAL_MONTHS,
    FollowUp,
    SocialContract,
    TrialChange,
)
from housing.models.nexus import (
    Kundvard,
    NexusFlat,
    NexusFlatStay,
    PlacementOutcome,
    ProtectedPlacement,
    ShelterProvider,
)
from housing.models.offers import DeclineReason, Offer
from housing.models.stock import (
    CooperationAgreement,
    Flat,
    PoolQuota,
    PoolStatus,
    PoolUse,
    ReservationPool,
)

__all__ = [
    "Kundvard",
    "NexusFlat",
    "NexusFlatStay",
    "PlacementOutcome",
    "ProtectedPlacement",
    "ShelterProvider",
    "DEFAULT_TRIAL_MONTHS",
    "MAX_TRIAL_MONTHS",
    "MIN_TRIAL_MONTHS",
    "FollowUp",
    "SocialContract",
    "TrialChange",
    "DeclineReason",
    "Offer",
    "CooperationAgreement",
    "Flat",
    "PoolQuota",
    "PoolStatus",
    "PoolUse",
    "ReservationPool",
    "Accessibility",
    "ApplicationTransition",
    "ChecklistCheck",
    "ChecklistItem",
    "DEFAULT_DECISION_MONTHS",
    "Decision",
    "DecisionDeadlineRule",
    "HousingApplication",
    "ReferralKind",
]
