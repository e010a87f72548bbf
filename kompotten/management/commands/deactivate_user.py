from django.core.management.base import BaseCommand, CommandError

from kompotten.models import User
from kompotten.services import user_deactivate


class Command(BaseCommand):
    help = "Deactivates a user (users are never deleted). The acting user is recorded in the history."

    def add_arguments(self, parser):
        parser.add_argument("email", help="The user to deactivate.")
        parser.add_argument("--acting-user", required=True, help="E-mail of the administrator doing this.")

    def handle(self, *args, email, acting_user, **options):
        try:
            user = User.objects.get(email__iexact=email)
            actor = User.objects.get(email__iexact=acting_user, is_active=True)
        except User.DoesNotExist as error:
            raise CommandError(f"No such active user: {error}") from None
        user_deactivate(user=user, acting_user=actor)
        self.stdout.write(self.style.SUCCESS(f"{user.email} is deactivated."))
