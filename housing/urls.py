from django.urls import path

from housing import views

app_name = "housing"

urlpatterns = [
    path("", views.start, name="start"),
]
