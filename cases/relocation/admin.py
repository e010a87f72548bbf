"""The administrator keeps the networks, their members and contact persons here (no deploy needed for a new one)."""

from django.contrib import admin

from simple_history.admin import SimpleHistoryAdmin

from cases.relocation.models import MemberContact, Network, NetworkMembership


class NoDeleteMixin:
    """History keeps who was a member and whom to call, when: memberships and contacts end, they are not deleted."""

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Network)
class NetworkAdmin(NoDeleteMixin, SimpleHistoryAdmin):
    list_display = ["name", "kind", "county", "coordinator"]
    list_filter = ["kind"]
    search_fields = ["name"]
    autocomplete_fields = ["county", "coordinator"]


class MemberContactInline(admin.TabularInline):
    model = MemberContact
    extra = 1
    fields = ["role", "name", "unit", "phone", "email", "valid_from", "valid_to", "user"]
    autocomplete_fields = ["user"]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(NetworkMembership)
class NetworkMembershipAdmin(NoDeleteMixin, SimpleHistoryAdmin):
    list_display = ["municipality", "network", "joined_on", "left_on"]
    list_filter = ["network"]
    search_fields = ["municipality__name"]
    autocomplete_fields = ["municipality"]
    list_select_related = ["municipality", "network"]
    inlines = [MemberContactInline]
