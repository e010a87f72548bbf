from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RelocationConfig(AppConfig):
    """Relocation between municipalities, nested in `cases` because each request is a `Case`; its own label keeps
    its models, permissions and migrations apart from the case core's."""

    name = "cases.relocation"
    label = "relocation"
    verbose_name = _("Förflyttningar")

    def ready(self):
        from cases.events import register_actions  # noqa: PLC0415 - read once the app registry is ready
        from cases.relocation import retention, services  # noqa: PLC0415 - models are loaded only once ready
        from cases.relocation.events import RelocationAction  # noqa: PLC0415 - as above
        from housing.handovers import register_move_in_listener  # noqa: PLC0415 - as above

        register_actions(RelocationAction)
        register_move_in_listener(services.housing_moved_in)
        retention.register()
