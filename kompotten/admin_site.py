from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from kompotten.capabilities import Capability


class KompottenAdminSite(admin.AdminSite):
    """The Django admin, open to administrators only (the administrator role), never to caseworkers."""

    site_header = _("Kompotten – administration")
    site_title = _("Kompotten")

    def has_permission(self, request):
        user = request.user
        return user.is_active and user.is_staff and user.has_perm(Capability.ADMINISTER)
