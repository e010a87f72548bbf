from django.urls import path

from evictions import views

app_name = "evictions"

urlpatterns = [
    path("", views.start, name="start"),
]
