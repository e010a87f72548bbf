"""Eviction prevention (vräkningsförebyggande arbete): notices, letters, visits, consent, deadlines and closure."""
