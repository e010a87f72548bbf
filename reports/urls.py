from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("", views.start, name="start"),
    path("oversikt/", views.dashboard, name="dashboard"),
]
