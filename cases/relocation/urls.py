"""Relocation's pages. They keep the names and paths they had in the case core, in its "cases" namespace
(`cases:relocation_detail`): kompotten/urls.py serves these patterns together with cases.urls under /arenden/."""

from django.urls import path

from cases.relocation import views

urlpatterns = [
    path("nexus/", views.nexus_start, name="nexus_start"),
    path("forfragningar/", views.request_list, name="relocation_list"),
    path("forfragningar/omsesidighet/", views.reciprocity, name="reciprocity"),
    path("forfragningar/ny/<slug:direction>/", views.request_open, name="relocation_open"),
    path("forfragningar/ny-till-oss/", views.request_file, name="relocation_file"),
    path("<int:pk>/forfragan/", views.request_detail, name="relocation_detail"),
    path("<int:pk>/forfragan/kriterier/", views.request_edit_details, name="relocation_edit_details"),
    path("<int:pk>/forfragan/omraden/", views.request_map_avoid_areas, name="relocation_avoid_areas"),
    path("<int:pk>/forfragan/skyddsbedomning/", views.assessment_add, name="relocation_assessment_add"),
    path("<int:pk>/forfragan/status/<slug:to_state>/", views.request_transition, name="relocation_transition"),
    path("<int:pk>/forfragan/samtycke/", views.consent_add, name="relocation_consent_add"),
    path(
        "<int:pk>/forfragan/samtycke/<int:consent_pk>/aterkalla/",
        views.consent_revoke,
        name="relocation_consent_revoke",
    ),
    path("<int:pk>/forfragan/meddelanden/", views.message_post, name="relocation_message"),
    path("<int:pk>/forfragan/dokument/ny/", views.document_add, name="relocation_document_add"),
    path("<int:pk>/forfragan/personen/", views.take_in_person, name="relocation_take_in"),
    path("natverk/", views.network_directory, name="network_directory"),
    path("telefonforfragningar/", views.inquiry_list, name="inquiry_list"),
    path("telefonforfragningar/ny/", views.inquiry_add, name="inquiry_add"),
]
