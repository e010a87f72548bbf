from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from kompotten.models import User


class Command(BaseCommand):
    help = (
        "Loads the fictional demo: every installed app's kompotten.devtools.demo.<label>.seed(), in INSTALLED_APPS "
        "order (kompotten first: units, partner contact persons, one user per role; then people and cases). Running "
        "it again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="Do nothing if any user exists.")

    @transaction.atomic
    def handle(self, *args, if_empty=False, **options):
        if if_empty and User.objects.exists():
            self.stdout.write("The database has users already; the demo is not loaded.")
            return
        for app_config in apps.get_app_configs():
            module_name = f"kompotten.devtools.demo.{app_config.label}"
            if app_config.name.startswith("django") or find_spec(module_name) is None:
                continue
            module = import_module(module_name)
            if not hasattr(module, "seed"):
                continue  # building blocks another app's demo calls (demo.relocation, which demo.cases calls)
            created = module.seed()
            self.stdout.write(f"{app_config.label}: {created} created")
        self.stdout.write(self.style.SUCCESS("Demo loaded."))
