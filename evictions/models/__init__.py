"""Eviction prevention (vräkningsförebyggande arbete): the catalogues, the file of a household and its notices."""

from evictions.models.catalogue import LandlordMeeting
from evictions.models.checks import OtherUnitContact, RegisterCheck, RegisteredChild
from evictions.models.closure import Closure
from evictions.models.consent import Consent, Partner
from evictions.models.files import EvictionFile, Investigation, LandlordAnswer, Notice, NoticeTenant
from evictions.models.imports import ImportBatch
from evictions.models.ladder import Contact, ContactKind, FinancialAid, Instalment, ProcessGoal, RepaymentPlan
from evictions.models.letters import Letter, LetterKind, LetterTemplate
from evictions.models.meetings import LatePayer, MeetingAgreement, MeetingMinutes

__all__ = [
    "Closure",
    "Consent",
    "Contact",
    "ContactKind",
    "EvictionFile",
    "FinancialAid",
    "ImportBatch",
    "Investigation",
    "LandlordAnswer",
    "LandlordMeeting",
    "LatePayer",
    "Letter",
    "LetterKind",
    "LetterTemplate",
    "MeetingAgreement",
    "MeetingMinutes",
    "Notice",
    "NoticeTenant",
    "OtherUnitContact",
    "Partner",
    "ProcessGoal",
    "RegisterCheck",
    "RepaymentPlan",
    "Instalment",
    "RegisteredChild",
]
