from django.urls import path

from housing import views

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
    path("lagenheter/", views.flat_list, name="flat_list"),
    path("lagenheter/ny/", views.flat_add, name="flat_add"),
    path("lagenheter/<int:pk>/", views.flat_edit, name="flat_edit"),
    path("lagenheter/<int:pk>/matchning/", views.flat_match, name="flat_match"),
    path("lagenheter/<int:pk>/erbjud/<int:application_pk>/", views.offer_make, name="offer_make"),
    path("potter/", views.pools, name="pools"),
    path("ko/", views.queue_list, name="queue"),
    path("erbjudanden/<int:pk>/svar/", views.offer_answer, name="offer_answer"),
    path("kontrakt/", views.contract_list, name="contract_list"),
    path("kontrakt/<int:pk>/", views.contract_detail, name="contract_detail"),
    path("kontrakt/<int:pk>/uppfoljning/", views.follow_up_add, name="follow_up_add"),
    path("kontrakt/<int:pk>/<slug:action>/", views.contract_action, name="contract_action"),
    path("placeringar/", views.placement_list, name="placement_list"),
    path("placeringar/ny/", views.placement_add, name="placement_add"),
    path("placeringar/<int:pk>/avsluta/", views.placement_end, name="placement_end"),
    path("nexuslagenheter/", views.nexus_flat_list, name="nexus_flat_list"),
    path("nexuslagenheter/<int:pk>/inflyttning/", views.nexus_flat_move_in, name="nexus_flat_move_in"),
    path("nexuslagenheter/boende/<int:pk>/utflyttning/", views.nexus_flat_move_out, name="nexus_flat_move_out"),
    path("nexuslagenheter/boende/<int:pk>/overlamna/", views.nexus_flat_hand_over, name="nexus_flat_hand_over"),
    path("kundvard/", views.kundvard_list, name="kundvard_list"),
    path("kundvard/ny/", views.kundvard_add, name="kundvard_add"),
    path("kundvard/<int:pk>/beslut/", views.kundvard_decide, name="kundvard_decide"),
]
