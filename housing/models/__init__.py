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
    District,
    ReferralKind,
)

__all__ = [
    "Accessibility",
    "ApplicationTransition",
    "ChecklistCheck",
    "ChecklistItem",
    "DEFAULT_DECISION_MONTHS",
    "Decision",
    "DecisionDeadlineRule",
    "District",
    "HousingApplication",
    "ReferralKind",
]
