from django.core.management.base import BaseCommand

from kompotten import demo
from kompotten.models import User


class Command(BaseCommand):
    help = "Loads the fictional demo: the host municipality's units, partner contact persons and one user per role."

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="Do nothing if any user exists.")

    def handle(self, *args, if_empty=False, **options):
        if if_empty and User.objects.exists():
            self.stdout.write("The database has users already; the demo is not loaded.")
            return
        created = demo.seed_organisation()
        self.stdout.write(self.style.SUCCESS(f"Demo loaded: {len(created)} users created."))
