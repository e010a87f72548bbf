from django.urls import path

from housing import contract_views, flat_views, nexus_views, support_views, views

app_name = "housing"

urlpatterns = [
    path("", views.start, name="start"),
    path("ansokningar/", views.application_list, name="application_list"),
    path("ansokningar/ny/", views.application_refer, name="application_refer"),
    path("remisser/", views.referrals, name="referrals"),
    path("remisser/<int:pk>/aterkalla/", views.referral_withdraw, name="referral_withdraw"),
    path("ansokningar/<int:pk>/", views.application_detail, name="application_detail"),
    path("ansokningar/<int:pk>/utredning/", views.application_checklist, name="application_checklist"),
    path("ansokningar/<int:pk>/beslut/", views.application_decide, name="application_decide"),
    path("ansokningar/<int:pk>/status/<slug:to_status>/", views.application_move, name="application_move"),
    path("ansokningar/<int:pk>/beslut/<int:decision_pk>.pdf", views.decision_pdf, name="decision_pdf"),
    path("lagenheter/", flat_views.flat_list, name="flat_list"),
    path("lagenheter/ny/", flat_views.flat_add, name="flat_add"),
    path("lagenheter/<int:pk>/", flat_views.flat_edit, name="flat_edit"),
    path("lagenheter/<int:pk>/matchning/", flat_views.flat_match, name="flat_match"),
    path("lagenheter/<int:pk>/kvinnojouren/", flat_views.flat_let_to_shelter, name="flat_let_to_shelter"),
    path("lagenheter/<int:pk>/erbjud/<int:application_pk>/", flat_views.offer_make, name="offer_make"),
    path("potter/", flat_views.pools, name="pools"),
    path("ko/", flat_views.queue_list, name="queue"),
    path("erbjudanden/<int:pk>/svar/", flat_views.offer_answer, name="offer_answer"),
    path("kontrakt/", contract_views.contract_list, name="contract_list"),
    path("kontrakt/<int:pk>/", contract_views.contract_detail, name="contract_detail"),
    path("kontrakt/<int:pk>/uppfoljning/", contract_views.follow_up_add, name="follow_up_add"),
    path("kontrakt/<int:pk>/<slug:action>/", contract_views.contract_action, name="contract_action"),
    path("stodarenden/", support_views.support_case_list, name="support_case_list"),
    path("stodarenden/ny/", support_views.support_case_open, name="support_case_open"),
    path("stodarenden/<int:pk>/", support_views.support_case_detail_view, name="support_case_detail"),
    path(
        "stodarenden/ny/person/<int:person_pk>/",
        support_views.support_case_open_for_person,
        name="support_case_open_for_person",
    ),
    path("placeringar/", nexus_views.placement_list, name="placement_list"),
    path("placeringar/ny/", nexus_views.placement_add, name="placement_add"),
    path("placeringar/<int:pk>/avsluta/", nexus_views.placement_end, name="placement_end"),
    path("nexuslagenheter/", nexus_views.nexus_flat_list, name="nexus_flat_list"),
    path("nexuslagenheter/<int:pk>/inflyttning/", nexus_views.nexus_flat_move_in, name="nexus_flat_move_in"),
    path("nexuslagenheter/boende/<int:pk>/utflyttning/", nexus_views.nexus_flat_move_out, name="nexus_flat_move_out"),
    path("nexuslagenheter/boende/<int:pk>/overlamna/", nexus_views.nexus_flat_hand_over, name="nexus_flat_hand_over"),
    path("kundvard/", nexus_views.kundvard_list, name="kundvard_list"),
    path("kundvard/ny/", nexus_views.kundvard_add, name="kundvard_add"),
    path("kundvard/<int:pk>/beslut/", nexus_views.kundvard_decide, name="kundvard_decide"),
]
