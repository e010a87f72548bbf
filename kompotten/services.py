"""Writes to the people who log in. Users are deactivated, never deleted, so history keeps its authors."""

import logging

from django.contrib.auth.models import Group
from django.db import transaction

from kompotten.models import Unit, User
from kompotten.roles import Role

logger = logging.getLogger(__name__)


@transaction.atomic
def user_deactivate(*, user: User, acting_user: User) -> User:
    user.is_active = False
    user._history_user = acting_user
    user.save(update_fields=["is_active"])
    return user


class ProviderLoginRefused(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def user_sync_from_provider(
    *,
    user: User | None,
    issuer: str,
    subject: str,
    email: str,
    first_name: str,
    last_name: str,
    roles: set[Role],
    unit: Unit | None,
) -> User:
    """A login through the identity provider (kompotten.identity_provider): the user gets exactly the mapped roles.

    Creates the user at their first login (without a usable password), with the provider's issuer and subject;
    links an existing user found by `provider_user` that has none yet; takes the provider's e-mail address when it
    has changed there. Refuses, with ProviderLoginRefused, a partner contact person's account, anyone without a
    mapped role, and a new address another user has; an existing user without a role loses their roles first, so
    that a user whose groups no longer map keeps nothing. Groups that are not roles are left alone.
    """
    if user is not None and user.is_partner:
        raise ProviderLoginRefused("partner_account")
    if user is None and not roles:
        raise ProviderLoginRefused("no_mapped_role")
    others = User.objects.filter(email__iexact=email)
    if (others.exclude(pk=user.pk) if user else others).exists():
        raise ProviderLoginRefused("email_of_another_user")
    user = _save_provider_user(
        user=user,
        issuer=issuer,
        subject=subject,
        email=email,
        first_name=first_name,
        last_name=last_name,
        roles=roles,
        unit=unit,
    )
    if not roles:
        raise ProviderLoginRefused("no_mapped_role")
    return user


@transaction.atomic
def _save_provider_user(
    *,
    user: User | None,
    issuer: str,
    subject: str,
    email: str,
    first_name: str,
    last_name: str,
    roles: set[Role],
    unit: Unit | None,
) -> User:
    if user is None:
        user = User(email=email)
        user.set_unusable_password()
    if not user.provider_subject:
        if user.pk is not None:
            logger.info("identity_provider_account_linked", extra={"user_id": user.pk})
        user.provider_issuer, user.provider_subject, user.provider_link_pending = issuer, subject, False
    if user.email.lower() != email.lower():
        logger.info("identity_provider_email_changed", extra={"user_id": user.pk})
    user.email = email
    user.first_name = first_name or user.first_name
    user.last_name = last_name or user.last_name
    if unit is not None:
        user.unit = unit
    user.save()
    names = {role.value for role in roles}
    role_groups = Group.objects.filter(name__in=[role.value for role in Role])
    user.groups.remove(*role_groups.exclude(name__in=names))
    user.groups.add(*role_groups.filter(name__in=names))
    return user
