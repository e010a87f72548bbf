from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvictionsConfig(AppConfig):
    name = "evictions"
    verbose_name = _("Vräkningsförebyggande")

    def ready(self):
        from cases.events import register_actions  # noqa: PLC0415 - read once the app registry is ready
        from evictions import retention  # noqa: PLC0415 - as above
        from evictions.events import EvictionAction  # noqa: PLC0415 - as above

        register_actions(EvictionAction)
        retention.register()
