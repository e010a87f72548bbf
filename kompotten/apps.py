from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django.contrib.auth.signals import user_logged_in

from kompotten import session_timeout


class KompottenConfig(AppConfig):
    name = "kompotten"
    verbose_name = "Kompotten"

    def ready(self):
        # The session clock starts at every login (the only signal used: logging in has no service of ours).
        user_logged_in.connect(session_timeout.start_at_login, dispatch_uid="kompotten_session_clock")


class KompottenAdminConfig(AdminConfig):
    default_site = "kompotten.admin_site.KompottenAdminSite"
