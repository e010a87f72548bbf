from django.urls import path

from reports import views

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
]
