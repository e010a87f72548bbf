from django.urls import path

from cases import log_views, person_views, retention_views, views

# Relocation's pages share this "cases" namespace (kompotten/urls.py joins cases.relocation.urls in).
app_name = "cases"

urlpatterns = [
    path("", views.case_list, name="case_list"),
    path("samverkan/", views.partner_start, name="partner_start"),
    path("<int:pk>/", views.case_detail, name="case_detail"),
    path("<int:pk>/historik/", views.case_history, name="case_history"),
    path("<int:pk>/anteckningar/ny/", views.note_add, name="note_add"),
    path("<int:pk>/anteckningar/<int:note_pk>/andra/", views.note_edit, name="note_edit"),
    path("<int:pk>/anteckningar/<int:note_pk>/rattelse/", views.note_correct, name="note_correct"),
    path("<int:pk>/dokument/ny/", views.document_add, name="document_add"),
    path("<int:pk>/dokument/<int:document_pk>/", views.document_download, name="document_download"),
    path("<int:pk>/tidsfrister/ny/", views.deadline_add, name="deadline_add"),
    path("<int:pk>/tidsfrister/<int:deadline_pk>/<slug:action>/", views.deadline_change, name="deadline_change"),
    path("<int:pk>/handlaggare/", views.handler_assign, name="handler_assign"),
    path("<int:pk>/handlaggare/<int:user_pk>/ta-bort/", views.handler_unassign, name="handler_unassign"),
    path("<int:pk>/begar-atkomst/", views.access_request, name="access_request"),
    path("arbetsfordelning/", views.workload, name="workload"),
    path("<int:pk>/personer/ny/", views.person_add, name="person_add"),
    path("personer/", person_views.person_search, name="person_search"),
    path("personer/autocomplete/", person_views.person_autocomplete, name="person_autocomplete"),
    path("personer/<int:pk>/", person_views.person_detail, name="person_detail"),
    path("personer/<int:pk>/andra/", person_views.person_edit, name="person_edit"),
    path("personer/<int:pk>/hushall/ny/", person_views.household_member_add, name="household_member_add"),
    path("personer/<int:pk>/skyddad-adress/", person_views.protected_address_set, name="protected_address_set"),
    path(
        "personer/<int:pk>/tidigare-identitet/", person_views.former_identity_link_set, name="former_identity_link_set"
    ),
    path("<int:pk>/nodatkomst/<int:party_pk>/", log_views.emergency_access, name="emergency_access"),
    path("atkomstlogg/", log_views.access_log, name="access_log"),
    path("atkomstlogg/granskning/", log_views.access_review, name="access_review"),
    path("atkomstlogg/behorigheter/", log_views.grant_events, name="grant_events"),
    path(
        "atkomstlogg/nodatkomst/<int:access_pk>/granskad/",
        log_views.emergency_access_review,
        name="emergency_access_review",
    ),
    path("gallring/", retention_views.retention_list, name="retention_list"),
    path("gallring/logg/", retention_views.culling_log, name="culling_log"),
    path("atkomstlogg/person/<int:person_pk>/utdrag.pdf", log_views.log_extract_pdf, name="log_extract_pdf"),
]
