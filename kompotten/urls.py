from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from cases import urls as cases_urls
from cases.relocation import urls as relocation_urls
from kompotten import views
from kompotten.identity_provider import ProviderCallbackView, ProviderLoginView

handler500 = views.server_error

urlpatterns = [
    path("", views.home, name="home"),
    path("logga-in/", views.LoginView.as_view(), name="login"),
    path("logga-in/kommunens-konto/", login_not_required(ProviderLoginView.as_view()), name="oidc_login"),
    path("logga-in/kommunens-konto/svar/", login_not_required(ProviderCallbackView.as_view()), name="oidc_callback"),
    path("logga-ut/", views.LogoutView.as_view(), name="logout"),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("session/fortsatt/", views.session_keepalive, name="session_keepalive"),
    path("session/status/", views.session_status, name="session_status"),
    path("tvastegsverifiering/", views.two_factor_overview, name="two_factor"),
    path("tvastegsverifiering/aktivera/", views.two_factor_setup, name="two_factor_setup"),
    path("tvastegsverifiering/kod/", views.two_factor_verify, name="two_factor_verify"),
    path("tvastegsverifiering/reservkod/", views.two_factor_recovery, name="two_factor_recovery"),
    path("tvastegsverifiering/reservkoder/", views.recovery_codes, name="recovery_codes"),
    path("admin/", admin.site.urls),
    # The case core and relocation, nested in it, share the "cases" namespace and its URL names.
    path("arenden/", include((cases_urls.urlpatterns + relocation_urls.urlpatterns, cases_urls.app_name))),
    path("bostad/", include("housing.urls")),
    path("vrakning/", include("evictions.urls")),
    path("rapporter/", include("reports.urls")),
    # The landlord and district registers of the case core: /hyresvardar/, /distrikt/.
    path("", include("cases.register_urls")),
]
