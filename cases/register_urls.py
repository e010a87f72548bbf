from django.urls import path

from cases import register_views as views

app_name = "registers"

urlpatterns = [
    path("hyresvardar/", views.landlord_list, name="landlord_list"),
    path("hyresvardar/ny/", views.landlord_add, name="landlord_add"),
    path("hyresvardar/<int:pk>/", views.landlord_edit, name="landlord_edit"),
    path("hyresvardar/<int:landlord_pk>/kontakter/ny/", views.landlord_contact, name="landlord_contact_add"),
    path(
        "hyresvardar/<int:landlord_pk>/kontakter/<int:contact_pk>/",
        views.landlord_contact,
        name="landlord_contact_edit",
    ),
    path(
        "hyresvardar/<int:landlord_pk>/kontakter/<int:contact_pk>/ta-bort/",
        views.landlord_contact_remove,
        name="landlord_contact_remove",
    ),
    path("distrikt/", views.district_list, name="district_list"),
    path("distrikt/ny/", views.district_add, name="district_add"),
    path("distrikt/<int:pk>/", views.district_edit, name="district_edit"),
    path("distrikt/<int:pk>/postnummer/", views.postal_area_add, name="postal_area_add"),
    path("distrikt/<int:pk>/postnummer/<int:area_pk>/ta-bort/", views.postal_area_remove, name="postal_area_remove"),
]
