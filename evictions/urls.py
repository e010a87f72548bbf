from django.urls import path

from evictions import views

app_name = "evictions"

urlpatterns = [
    path("", views.start, name="start"),
    path("arenden/", views.file_list, name="file_list"),
    path("att-gora/", views.due_list, name="due_list"),
    path("flaggade/", views.escalations, name="escalations"),
    path("underrattelser/ny/", views.notice_add, name="notice_add"),
    path("underrattelser/vidarebefordrade/", views.routed_notices, name="routed_notices"),
    path("arenden/<int:pk>/", views.file_detail, name="file_detail"),
    path("arenden/<int:pk>/flagga-hanterad/", views.escalation_clear, name="escalation_clear"),
    path("arenden/<int:pk>/folkbokforing/", views.register_check, name="register_check"),
    path("arenden/<int:pk>/informera/", views.other_unit_add, name="other_unit_add"),
    path("arenden/<int:pk>/informera/<int:contact_pk>/klar/", views.other_unit_informed, name="other_unit_informed"),
    path("arenden/<int:pk>/brev/nytt/", views.letter_add, name="letter_add"),
    path("arenden/<int:pk>/brev/<int:letter_pk>/brev.pdf", views.letter_pdf, name="letter_pdf"),
    path("arenden/<int:pk>/brev/<int:letter_pk>/utfall/", views.letter_outcome, name="letter_outcome"),
    path("arenden/<int:pk>/underrattelser/<int:notice_pk>/bekraftelse.pdf", views.receipt_pdf, name="receipt_pdf"),
    path("arenden/<int:pk>/underrattelser/<int:notice_pk>/bekraftelse/", views.receipt_sent, name="receipt_sent"),
]
