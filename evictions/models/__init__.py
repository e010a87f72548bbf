"""Eviction prevention (vräkningsförebyggande arbete): the catalogues, the file of a household and its notices."""

from evictions.models.catalogue import District, DistrictPostalArea, Landlord
from evictions.models.checks import OtherUnitContact, RegisterCheck, RegisteredChild
from evictions.models.files import EvictionFile, Notice, NoticeTenant
from evictions.models.letters import Letter, LetterKind, LetterTemplate

__all__ = [
    "District",
    "DistrictPostalArea",
    "EvictionFile",
    "Landlord",
    "Letter",
    "LetterKind",
    "LetterTemplate",
    "Notice",
    "NoticeTenant",
    "OtherUnitContact",
    "RegisterCheck",
    "RegisteredChild",
]
