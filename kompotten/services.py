"""Writes to the people who log in. Users are deactivated, never deleted, so history keeps its authors."""

from django.db import transaction

from kompotten.models import User


@transaction.atomic
def user_deactivate(*, user: User, acting_user: User) -> User:
    user.is_active = False
    user._history_user = acting_user
    user.save(update_fields=["is_active"])
    return user
