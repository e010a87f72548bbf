from django.urls import path

from cases import views

app_name = "cases"

urlpatterns = [
    path("nexus/", views.nexus_start, name="nexus_start"),
    path("samverkan/", views.partner_start, name="partner_start"),
]
