"""People, cases and the access log are never edited in the admin: only services change them. The retention rules
and their exceptions are the administrator's (the law was recast in 2025: the periods are data, with their legal
basis); the lists, their items and the culling log are read here and approved on the manager's page. The landlord
and district registers are kept in the product by the team leads (`cases.register_views`) and here by the
administrator."""

from django.contrib import admin

from simple_history.admin import SimpleHistoryAdmin

from cases.models import (
    Culling,
    District,
    DistrictPostalArea,
    Landlord,
    LandlordContact,
    RetentionException,
    RetentionRule,
)


@admin.register(RetentionRule)
class RetentionRuleAdmin(SimpleHistoryAdmin):
    list_display = ["record_kind", "years", "active"]
    list_filter = ["active", "record_kind"]

    def has_delete_permission(self, request, obj=None):
        return False  # a rule no longer in force is switched off, so the history says which rule culled what


@admin.register(RetentionException)
class RetentionExceptionAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "days", "active"]
    list_filter = ["active", "kind"]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Culling)
class CullingAdmin(admin.ModelAdmin):
    list_display = ["case_number", "record_kind", "at", "approved_by"]
    list_filter = ["record_kind"]
    search_fields = ["case_number"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class DistrictPostalAreaInline(admin.TabularInline):
    model = DistrictPostalArea
    extra = 1


@admin.register(District)
class DistrictAdmin(SimpleHistoryAdmin):
    list_display = ["name", "handled_by_team", "contact", "active"]
    list_filter = ["handled_by_team", "active"]
    search_fields = ["name"]
    inlines = [DistrictPostalAreaInline]


class LandlordContactInline(admin.TabularInline):
    model = LandlordContact
    extra = 1


@admin.register(Landlord)
class LandlordAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "organisation_number"]
    list_filter = ["kind"]
    search_fields = ["name", "organisation_number"]
    inlines = [LandlordContactInline]
