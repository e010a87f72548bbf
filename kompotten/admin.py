import logging

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from simple_history.admin import SimpleHistoryAdmin

from kompotten import two_factor
from kompotten.models import County, Municipality, ProviderGroupRole, Unit, User

logger = logging.getLogger(__name__)


@admin.register(County)
class CountyAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["code", "short_name", "county"]
    list_filter = ["county"]
    search_fields = ["code", "name"]
    list_select_related = ["county"]


@admin.register(Unit)
class UnitAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "municipality", "phone", "email"]
    list_filter = ["kind"]
    autocomplete_fields = ["municipality"]
    list_select_related = ["municipality"]


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin, DjangoUserAdmin):
    ordering = ["last_name", "first_name"]
    list_display = ["email", "first_name", "last_name", "unit", "partner_municipality", "is_active"]
    list_filter = ["is_active", "groups", "unit"]
    list_select_related = ["unit__municipality", "partner_municipality"]
    search_fields = ["email", "first_name", "last_name"]
    autocomplete_fields = ["partner_municipality"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["first_name", "last_name", "title", "phone"]}),
        (_("Organisation"), {"fields": ["unit", "partner_municipality"]}),
        (_("Behörighet"), {"fields": ["is_active", "is_staff", "groups"]}),
        (
            _("Kommunens konto"),
            {"fields": ["provider_issuer", "provider_subject", "provider_link_pending"]},
        ),
        (_("Datum"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {"classes": ["wide"], "fields": ["email", "first_name", "last_name", "password1", "password2"]},
        ),
    ]
    # The subject is stored by the login itself; the administrator clears it (to link anew) or marks the account.
    readonly_fields = ["last_login", "date_joined", "provider_issuer"]
    actions = ["reset_two_factor"]

    @admin.action(description=_("Återställ tvåstegsverifiering (tappad eller bytt telefon)"), permissions=["change"])
    def reset_two_factor(self, request, queryset):
        """Removes the users' authenticator apps; they set up a new one at their next login."""
        users = list(queryset)
        for user in users:
            if two_factor.turn_off(user):
                logger.info("two_factor_reset", extra={"user_id": user.pk, "acting_user_id": request.user.pk})
        self.message_user(
            request,
            ngettext(
                "Tvåstegsverifieringen är återställd för %(count)d användare.",
                "Tvåstegsverifieringen är återställd för %(count)d användare.",
                len(users),
            )
            % {"count": len(users)},
            messages.SUCCESS,
        )

    def has_delete_permission(self, request, obj=None):
        # Users are deactivated, never deleted, so history keeps its authors.
        return False


@admin.register(ProviderGroupRole)
class ProviderGroupRoleAdmin(SimpleHistoryAdmin):
    """The mapping from the identity provider's groups to roles (kompotten.identity_provider)."""

    list_display = ["claim_value", "role", "unit"]
    list_filter = ["role"]
    search_fields = ["claim_value"]
    list_select_related = ["unit__municipality"]
