from django.urls import path

from reports import extract_views, views

app_name = "reports"

urlpatterns = [
    path("", views.start, name="start"),
    path("bestall/", views.run_create, name="run_create"),
    path("korningar/", views.run_list, name="run_list"),
    path("korningar/<int:pk>/", views.run_detail, name="run_detail"),
    path("korningar/<int:pk>/status/", views.run_status, name="run_status"),
    path("korningar/<int:pk>/gor-om/", views.run_retry, name="run_retry"),
    path("korningar/<int:pk>/fil/", views.run_download, name="run_download"),
    path("oversikt/", views.dashboard, name="dashboard"),
    path("registerutdrag/person/<int:person_pk>/", extract_views.person_extracts, name="person_extracts"),
    path("registerutdrag/<int:pk>/", extract_views.extract_detail, name="extract_detail"),
    path("registerutdrag/<int:pk>/forsok-igen/", extract_views.extract_retry, name="extract_retry"),
    path("registerutdrag/<int:pk>/utdrag.pdf", extract_views.extract_pdf, name="extract_pdf"),
]
