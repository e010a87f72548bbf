from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HousingConfig(AppConfig):
    name = "housing"
    verbose_name = _("Bostadsenheten")

    def ready(self):
        from cases.events import register_actions  # noqa: PLC0415 - read once the app registry is ready
        from housing import retention  # noqa: PLC0415 - as above
        from housing.events import HousingAction  # noqa: PLC0415 - as above

        register_actions(HousingAction)
        retention.register()
