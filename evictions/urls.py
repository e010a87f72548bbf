from django.urls import path

from evictions import ladder_views, letter_views, meeting_views, team_views, views

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
    path("arenden/<int:pk>/brev/nytt/", letter_views.letter_add, name="letter_add"),
    path("arenden/<int:pk>/brev/<int:letter_pk>/brev.pdf", letter_views.letter_pdf, name="letter_pdf"),
    path("arenden/<int:pk>/brev/<int:letter_pk>/utfall/", letter_views.letter_outcome, name="letter_outcome"),
    path(
        "arenden/<int:pk>/underrattelser/<int:notice_pk>/bekraftelse.pdf", letter_views.receipt_pdf, name="receipt_pdf"
    ),
    path(
        "arenden/<int:pk>/underrattelser/<int:notice_pk>/bekraftelse/", letter_views.receipt_sent, name="receipt_sent"
    ),
    path("arenden/<int:pk>/medgivande/nytt/", letter_views.consent_add, name="consent_add"),
    path("arenden/<int:pk>/medgivande/<int:consent_pk>/medgivande.pdf", letter_views.consent_pdf, name="consent_pdf"),
    path("arenden/<int:pk>/medgivande/<int:consent_pk>/undertecknat/", letter_views.consent_sign, name="consent_sign"),
    path("arenden/<int:pk>/medgivande/<int:consent_pk>/aterkalla/", letter_views.consent_revoke, name="consent_revoke"),
    path("arenden/<int:pk>/kontakter/ny/", ladder_views.contact_add, name="contact_add"),
    path("arenden/<int:pk>/hyresvardens-besked/", ladder_views.landlord_answer, name="landlord_answer"),
    path("arenden/<int:pk>/avbetalningsplan/ny/", ladder_views.repayment_plan_add, name="repayment_plan_add"),
    path(
        "arenden/<int:pk>/avbetalningsplan/<int:plan_pk>/status/",
        ladder_views.repayment_plan_status,
        name="repayment_plan_status",
    ),
    path(
        "arenden/<int:pk>/avbetalningar/<int:instalment_pk>/",
        ladder_views.instalment_record,
        name="instalment_record",
    ),
    path("arenden/<int:pk>/ekonomiskt-bistand/ny/", ladder_views.financial_aid_add, name="financial_aid_add"),
    path(
        "arenden/<int:pk>/ekonomiskt-bistand/<int:aid_pk>/beslut/",
        ladder_views.financial_aid_decide,
        name="financial_aid_decide",
    ),
    path("arenden/<int:pk>/utredning/", ladder_views.investigation_decide, name="investigation_decide"),
    path("arenden/<int:pk>/avsluta/", ladder_views.file_close, name="file_close"),
    path("processmal/", ladder_views.process_goal, name="process_goal"),
    path("klara-att-avsluta/", ladder_views.ready_to_close, name="ready_to_close"),
    path("import/", team_views.import_upload, name="import_upload"),
    path("import/<int:pk>/", team_views.import_detail, name="import_detail"),
    path("samverkansmote/", team_views.meeting, name="meeting"),
    path("samverkansmote/<int:landlord_pk>/lista.pdf", team_views.meeting_pdf, name="meeting_pdf"),
    path("samverkansmote/planera/", meeting_views.meeting_plan, name="meeting_plan"),
    path("samverkansmote/moten/", meeting_views.meeting_list, name="meeting_list"),
    path("samverkansmote/moten/<int:pk>/", meeting_views.meeting_detail, name="meeting_detail"),
    path("samverkansmote/moten/<int:pk>/dagordning.pdf", meeting_views.meeting_agenda_pdf, name="meeting_agenda_pdf"),
    path("samverkansmote/moten/<int:pk>/sen-betalare/", meeting_views.late_payer_add, name="late_payer_add"),
    path("statistik/", team_views.statistics, name="statistics"),
]
