"""The login through the municipality's identity provider: which roles the provider's groups give (the mapping the
administrator keeps), who is refused, and the password form kept for partner contact persons.

The whole flow against a real provider is in tests/browser/test_municipal_login_journey.py; these tests call the
backend's claim handling directly with the claims a provider sends."""

from django.core.exceptions import SuspiciousOperation
from django.db import IntegrityError, transaction

import pytest

from kompotten.identity_provider import (
    LOGIN_METHOD_KEY,
    PROVIDER,
    ProviderBackend,
    groups_of,
    mapped_roles,
    provider_user,
)
from kompotten.models import ProviderGroupRole, Unit, User
from kompotten.roles import Role, roles_of
from kompotten.services import ProviderLoginRefused
from tests.migrations import migrate


@pytest.fixture
def oidc_settings(settings):
    settings.OIDC_ENABLED = True
    settings.OIDC_RP_CLIENT_ID = "kompotten"
    settings.OIDC_RP_CLIENT_SECRET = "secret"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = "http://127.0.0.1:9/auth"
    settings.OIDC_OP_TOKEN_ENDPOINT = "http://127.0.0.1:9/token"
    settings.OIDC_OP_USER_ENDPOINT = "http://127.0.0.1:9/me"
    settings.OIDC_OP_JWKS_ENDPOINT = "http://127.0.0.1:9/jwks"
    return settings


@pytest.fixture
def mapping(organisation):
    housing = Unit.objects.get(kind=Unit.Kind.HOUSING)
    ProviderGroupRole.objects.create(claim_value="sg-kompotten-bostad", role=Role.HOUSING_HANDLER, unit=housing)
    ProviderGroupRole.objects.create(claim_value="sg-kompotten-chefer", role=Role.MANAGER)
    # One group may give two roles: a team lead works as a caseworker of the unit too.
    ProviderGroupRole.objects.create(claim_value="sg-gruppledare-bostad", role=Role.TEAM_LEAD)
    ProviderGroupRole.objects.create(claim_value="sg-gruppledare-bostad", role=Role.HOUSING_HANDLER, unit=housing)


ISSUER = "https://login.uppsala.example"


def claims(email, *groups, sub=None, iss=ISSUER):
    return {
        "iss": iss,
        "sub": sub or f"sub-{email.lower()}",
        "email": email,
        "given_name": "Anna",
        "family_name": "Berg",
        "groups": list(groups),
    }


def log_in(oidc_settings, claims):
    """What the backend does with the claims of a login, after the provider has vouched for them."""
    backend = ProviderBackend()
    assert backend.verify_claims(claims)
    users = backend.filter_users_by_claims(claims)
    if users:
        return backend.update_user(users[0], claims)
    return backend.create_user(claims)


def test_the_groups_claim_is_read_as_a_list_or_a_single_value_under_the_configured_name(settings):
    assert groups_of({"groups": ["a", "b", ""]}) == ["a", "b"]
    assert groups_of({"groups": "a"}) == ["a"]
    assert groups_of({}) == []
    settings.OIDC_GROUPS_CLAIM = "roles"
    assert groups_of({"roles": ["x"], "groups": ["a"]}) == ["x"]


def test_only_the_mapped_groups_give_roles_and_one_group_may_give_two(mapping):
    roles, units = mapped_roles(["sg-gruppledare-bostad", "sg-alla-anstallda", "sg-kompotten-chefer"])

    assert roles == {Role.TEAM_LEAD, Role.HOUSING_HANDLER, Role.MANAGER}
    assert [unit.kind for unit in units] == [Unit.Kind.HOUSING]
    assert mapped_roles(["sg-alla-anstallda"]) == (set(), [])


def test_a_new_staff_member_is_created_at_the_first_login_with_the_mapped_role_unit_and_no_password(
    oidc_settings, mapping
):
    user = log_in(oidc_settings, claims("anna.berg@uppsala.example", "sg-kompotten-bostad", "sg-alla-anstallda"))

    assert roles_of(user) == [Role.HOUSING_HANDLER]
    assert user.unit.kind == Unit.Kind.HOUSING
    assert (user.first_name, user.last_name) == ("Anna", "Berg")
    assert not user.has_usable_password()


def test_someone_in_no_mapped_group_is_refused_and_no_account_is_made(oidc_settings, mapping):
    with pytest.raises(SuspiciousOperation, match="no_mapped_role"):
        log_in(oidc_settings, claims("ny@uppsala.example", "sg-alla-anstallda"))

    assert not User.objects.filter(email="ny@uppsala.example").exists()


def test_the_roles_follow_the_groups_at_every_login_and_a_user_whose_groups_no_longer_map_loses_them(
    oidc_settings, mapping
):
    user = log_in(oidc_settings, claims("anna.berg@uppsala.example", "sg-kompotten-bostad"))
    user = log_in(oidc_settings, claims("Anna.Berg@uppsala.example", "sg-kompotten-chefer"))
    assert roles_of(user) == [Role.MANAGER]

    with pytest.raises(SuspiciousOperation, match="no_mapped_role"):
        log_in(oidc_settings, claims("anna.berg@uppsala.example", "sg-alla-anstallda"))

    assert roles_of(User.objects.get(pk=user.pk)) == []


def test_an_existing_account_marked_for_linking_is_linked_at_its_next_login_and_keeps_only_the_mapped_roles(
    oidc_settings, mapping, nexus_caseworker
):
    with pytest.raises(SuspiciousOperation, match="account_not_linked"):  # not marked: refused, not merged
        log_in(oidc_settings, claims("NEXUS@uppsala.example", "sg-kompotten-chefer"))
    User.objects.filter(pk=nexus_caseworker.pk).update(provider_link_pending=True)

    user = log_in(oidc_settings, claims("NEXUS@uppsala.example", "sg-kompotten-chefer", sub="9f3e-nexus"))

    assert user.pk == nexus_caseworker.pk
    assert roles_of(user) == [Role.MANAGER]
    assert (user.provider_issuer, user.provider_subject, user.provider_link_pending) == (ISSUER, "9f3e-nexus", False)


def test_the_first_login_stores_issuer_and_subject_and_later_logins_match_on_them_not_on_the_email(
    oidc_settings, mapping
):
    anna = log_in(oidc_settings, claims("anna.berg@uppsala.example", "sg-kompotten-bostad", sub="7d1f-anna"))
    assert (anna.provider_issuer, anna.provider_subject) == (ISSUER, "7d1f-anna")
    users = User.objects.count()

    # Her address changes at the provider: the same user, with the new address, not locked out and not a new one.
    again = log_in(oidc_settings, claims("anna.lind@uppsala.example", "sg-kompotten-bostad", sub="7d1f-anna"))
    assert again.pk == anna.pk and again.email == "anna.lind@uppsala.example"
    assert User.objects.count() == users


def test_another_subject_with_an_existing_users_email_is_refused_not_merged(oidc_settings, mapping):
    anna = log_in(oidc_settings, claims("anna.berg@uppsala.example", "sg-kompotten-bostad", sub="7d1f-anna"))
    users = User.objects.count()

    with pytest.raises(SuspiciousOperation, match="email_of_another_subject"):
        log_in(oidc_settings, claims("Anna.Berg@uppsala.example", "sg-kompotten-chefer", sub="e55a-someone-else"))
    # The same subject at another issuer (a replaced provider) is another subject too.
    with pytest.raises(SuspiciousOperation, match="email_of_another_subject"):
        log_in(oidc_settings, claims("anna.berg@uppsala.example", "sg-kompotten-chefer", sub="7d1f-anna", iss="x"))

    anna.refresh_from_db()
    assert (anna.provider_subject, roles_of(anna)) == ("7d1f-anna", [Role.HOUSING_HANDLER])
    assert User.objects.count() == users


def test_an_email_change_to_another_users_address_is_refused(oidc_settings, mapping, nexus_caseworker):
    anna = log_in(oidc_settings, claims("anna.berg@uppsala.example", "sg-kompotten-bostad", sub="7d1f-anna"))

    with pytest.raises(SuspiciousOperation, match="email_of_another_user"):
        log_in(oidc_settings, claims("nexus@uppsala.example", "sg-kompotten-bostad", sub="7d1f-anna"))

    anna.refresh_from_db()
    assert anna.email == "anna.berg@uppsala.example"


@pytest.mark.parametrize(
    ("stored", "pending", "login", "expected"),
    [
        # (stored issuer/subject of the e-mail's user, marked for linking, login's issuer/subject, outcome)
        (None, False, ("iss", "a"), "new"),
        (("iss", "a"), False, ("iss", "a"), "same"),
        (("iss", "a"), False, ("iss", "b"), "email_of_another_subject"),
        (("iss", "a"), True, ("iss", "b"), "email_of_another_subject"),  # a stored subject is never replaced
        (("iss", "a"), False, ("other", "a"), "email_of_another_subject"),
        (("", ""), False, ("iss", "a"), "account_not_linked"),
        (("", ""), True, ("iss", "a"), "same"),
    ],
)
def test_the_matching_rules(organisation, stored, pending, login, expected):
    if stored is not None:
        User.objects.create(
            email="kim@uppsala.example",
            provider_issuer=stored[0],
            provider_subject=stored[1],
            provider_link_pending=pending,
        )
    try:
        found = provider_user(issuer=login[0], subject=login[1], email="KIM@uppsala.example")
    except ProviderLoginRefused as refusal:
        assert refusal.reason == expected
    else:
        assert expected == ("new" if found is None else "same")
        assert found is None or found.email == "kim@uppsala.example"


def test_the_subject_of_one_issuer_is_one_user(organisation):
    User.objects.create(email="a@uppsala.example", provider_issuer="iss", provider_subject="a")
    User.objects.create(email="b@uppsala.example", provider_issuer="other", provider_subject="a")
    User.objects.create(email="c@uppsala.example")
    User.objects.create(email="d@uppsala.example")  # many accounts without a subject
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(email="e@uppsala.example", provider_issuer="iss", provider_subject="a")


def test_a_partner_contact_persons_account_cannot_be_logged_into_through_the_provider(
    oidc_settings, mapping, partner_vasteras
):
    with pytest.raises(SuspiciousOperation, match="partner_account"):
        log_in(oidc_settings, claims("kontakt@vasteras.example", "sg-kompotten-chefer"))

    assert roles_of(User.objects.get(pk=partner_vasteras.pk)) == [Role.PARTNER_CONTACT]


def test_claims_without_an_email_address_a_subject_or_an_issuer_are_not_accepted(oidc_settings):
    assert not ProviderBackend().verify_claims({"iss": ISSUER, "sub": "x", "groups": ["sg-kompotten-chefer"]})
    assert not ProviderBackend().verify_claims({"iss": ISSUER, "email": "a@uppsala.example"})
    assert not ProviderBackend().verify_claims({"sub": "x", "email": "a@uppsala.example"})


def test_the_partner_role_cannot_be_mapped_from_the_provider():
    choices = dict(ProviderGroupRole._meta.get_field("role").choices)

    assert Role.PARTNER_CONTACT.value not in choices
    assert Role.HOUSING_HANDLER.value in choices


def test_the_administrator_edits_the_mapping_in_the_admin(client, administrator):
    client.force_login(administrator)

    response = client.post(
        "/admin/kompotten/providergrouprole/add/",
        {"claim_value": "sg-kompotten-vrakning", "role": "eviction_caseworker"},
    )

    assert response.status_code == 302
    assert ProviderGroupRole.objects.get(claim_value="sg-kompotten-vrakning").role == Role.EVICTION_CASEWORKER


def test_the_login_page_offers_the_municipal_account_only_when_the_provider_is_configured(
    client, organisation, settings
):
    assert "Logga in med kommunens konto" not in client.get("/logga-in/").content.decode()
    settings.OIDC_ENABLED = True
    assert "Logga in med kommunens konto" in client.get("/logga-in/").content.decode()


def test_without_the_provider_its_login_addresses_answer_404(client, organisation):
    assert client.get("/logga-in/kommunens-konto/").status_code == 404
    assert client.get("/logga-in/kommunens-konto/svar/?code=x&state=y").status_code == 404


@pytest.mark.parametrize(("persona", "allowed"), [("partner_vasteras", True), ("nexus_caseworker", False)])
def test_with_staff_password_login_off_only_partner_contact_persons_use_the_password_form(
    client, request, settings, persona, allowed
):
    user = request.getfixturevalue(persona)
    settings.OIDC_ENABLED = True
    settings.STAFF_PASSWORD_LOGIN = False

    response = client.post("/logga-in/", {"username": user.email, "password": settings.DEMO_PASSWORD})

    assert (response.status_code == 302) is allowed
    if not allowed:
        assert "Personal i kommunen loggar in med kommunens konto" in response.content.decode()


def test_after_a_login_through_the_provider_its_multi_factor_stands_in_for_the_second_step(client, manager, settings):
    settings.REQUIRE_TWO_FACTOR = True
    client.force_login(manager)
    assert client.get("/rapporter/").url.startswith("/tvastegsverifiering/aktivera/")

    session = client.session
    session[LOGIN_METHOD_KEY] = PROVIDER
    session.save()

    assert client.get("/rapporter/").status_code == 200


def test_logging_out_after_a_password_login_does_not_visit_the_provider(client, nexus_caseworker, oidc_settings):
    oidc_settings.OIDC_OP_END_SESSION_ENDPOINT = "http://127.0.0.1:9/session/end"
    client.force_login(nexus_caseworker)

    assert client.post("/logga-ut/").url == "/logga-in/"


@pytest.mark.django_db(transaction=True)
def test_the_migration_marks_the_accounts_earlier_provider_logins_made_for_linking(organisation, partner_vasteras):
    made_by_provider = User.objects.create(email="tidigare@uppsala.example")
    made_by_provider.set_unusable_password()
    made_by_provider.save()
    User.objects.filter(pk=partner_vasteras.pk).update(password="!unusable")
    try:
        migrate([("kompotten", "0008_provider_group_role_permissions")])
        migrate([("kompotten", "0009_user_provider_subject")])
    finally:
        migrate()
    pending = set(User.objects.filter(provider_link_pending=True).values_list("email", flat=True))
    assert pending == {"tidigare@uppsala.example"}  # not the password accounts, not a partner's


def test_the_administrator_sees_the_link_and_can_mark_an_account_in_the_admin(client, administrator, nexus_caseworker):
    client.force_login(administrator)
    page = client.get(f"/admin/kompotten/user/{nexus_caseworker.pk}/change/").content.decode()
    assert 'name="provider_link_pending"' in page and 'name="provider_subject"' in page
    assert 'name="provider_issuer"' not in page  # stored by the login only
