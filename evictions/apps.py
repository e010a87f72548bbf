from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvictionsConfig(AppConfig):
    name = "evictions"
    verbose_name = _("Vräkningsförebyggande")
