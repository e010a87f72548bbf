from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class KompottenConfig(AppConfig):
    name = "kompotten"
    verbose_name = "Kompotten"


class KompottenAdminConfig(AdminConfig):
    default_site = "kompotten.admin_site.KompottenAdminSite"
