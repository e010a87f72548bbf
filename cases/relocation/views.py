"""Thin views of the relocation requests: fetch through the access policy (404 if not visible), validate, call one
service (cases.relocation.services), redirect with a message."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cases import selectors as case_selectors
from cases.access import capability_required, policy_for
from cases.models import Case, Document
from cases.relocation import assessment as relocation_assessment
from cases.relocation import filing as relocation_filing
from cases.relocation import selectors
from cases.relocation import services as relocation
from cases.relocation.filters import RequestFilters
from cases.relocation.forms import (
    AssessmentForm,
    AvoidAreasForm,
    ConfirmForm,
    ConsentForm,
    InquiryForm,
    MessageForm,
    PartnerRequestForm,
    RequestDetailsForm,
    RequestDocumentForm,
    RequestOpenForm,
    TransitionForm,
)
from cases.relocation.models import Direction, Network, RelocationConsent
from cases.relocation.workflow import Actor, State, workflow_for
from housing import selectors as housing_selectors
from housing.support_selectors import support_cases
from kompotten.capabilities import Capability
from kompotten.form_pages import form_page
from kompotten.models import Municipality
from kompotten.paging import PAGE

CLIENT_CASE = "arende"  # the query parameter of an outgoing request started from Nexus's client case
DIRECTIONS = {"inkommande": Direction.INCOMING, "utgaende": Direction.OUTGOING}
LATEST_REFERRALS = 10  # Nexus's referrals to the housing unit on its start page


@capability_required(Capability.WORK_RELOCATION)
def nexus_start(request):
    policy, today = policy_for(request), timezone.localdate()
    rows = case_selectors.my_open_cases(policy, kind=Case.Kind.RELOCATION)
    due = selectors.assessments_due(policy)
    deadlines = case_selectors.deadlines_due(policy, kind=Case.Kind.RELOCATION, today=today)
    referrals_page, referrals = housing_selectors.referrals_of_my_unit(policy)
    context = {
        "rows": rows,
        "due": due,
        "deadlines": deadlines,
        "referrals": referrals[:LATEST_REFERRALS],
        "referral_count": referrals_page.count,
    }
    return render(request, "relocation/nexus_start.html", context)


def request_list(request):
    policy = policy_for(request)
    policy.require(Capability.PARTNER_PORTAL, Capability.WORK_RELOCATION, Capability.OVERSEE, hidden=True)
    params = request.GET
    filters = RequestFilters(params, policy=policy)
    page, rows = selectors.request_list(policy, filters, page=params.get(PAGE, 1))
    context = {
        "page": page,
        "rows": rows,
        "filters": filters.values,
        "filter_form": filters.form,
        "states": State.choices,
        "directions": Direction.choices,
        "networks": [(str(network.pk), network.name) for network in Network.objects.all()],
        "municipalities": [
            (str(municipality.pk), municipality.short_name)
            for municipality in Municipality.objects.filter(network_memberships__isnull=False).distinct()
        ],
    }
    return render(request, "relocation/request_list.html", context)


@capability_required(Capability.WORK_RELOCATION)
def request_open(request, direction):
    if direction not in DIRECTIONS:
        raise Http404
    direction = DIRECTIONS[direction]
    client_case = _client_case(request, direction)
    form = RequestOpenForm(_posted(request), direction=direction)
    title = _("Registrera inkommande förfrågan") if direction == Direction.INCOMING else _("Ny utgående förfrågan")

    def submit(data):
        opened = relocation.request_open(direction=direction, client_case=client_case, acting_user=request.user, **data)
        message = _("Förfrågan %(number)s är registrerad.") % {"number": opened.case.number}
        return message, reverse("cases:relocation_detail", args=[opened.case.pk])

    if client_case is None:
        back_url, back_label, lead = reverse("cases:relocation_list"), _("Tillbaka till förfrågningarna"), ""
    else:
        back_url, back_label = (
            reverse("housing:support_case_detail", args=[client_case.pk]),
            _("Tillbaka till stödärendet"),
        )
        lead = _("Förfrågan gäller klienten i stödärende %(number)s.") % {"number": client_case.number}
    return form_page(request, form, title=title, submit=submit, back_url=back_url, back_label=back_label, lead=lead)


def _client_case(request, direction: str) -> Case | None:
    """The client case an outgoing request is started from (`?arende=`), else None: 404 unless it is a client case
    this user may open (and for an incoming request, which no client case starts)."""
    pk = request.GET.get(CLIENT_CASE)
    if not pk:
        return None
    if direction != Direction.OUTGOING:
        raise Http404
    return policy_for(request).get_or_404(support_cases(policy_for(request)), pk=pk)


@capability_required(Capability.PARTNER_PORTAL)
def request_file(request):
    """The partner's contact person files a formal request to us. The page answers the same whoever the person is:
    the service ties the filing to our register, and nothing of that reaches the partner."""
    form = PartnerRequestForm(_posted(request), request.FILES or None, user=request.user)

    def submit(data):
        filed = relocation_filing.request_file(acting_user=request.user, **_filing(data))
        message = _("Förfrågan %(number)s är skickad till Nexus.") % {"number": filed.case.number}
        return message, reverse("cases:relocation_detail", args=[filed.case.pk])

    return form_page(
        request,
        form,
        title=_("Ny förfrågan till oss"),
        submit=submit,
        files=True,
        back_url=reverse("cases:relocation_list"),
        back_label=_("Tillbaka till förfrågningarna"),
    )


def _filing(data: dict) -> dict:
    """The form's flat fields as the service's person, consent, documents and details."""
    person = relocation_filing.FiledPerson(
        given_name=data["given_name"],
        family_name=data["family_name"],
        identity_number=data["identity_number"],
        protection_level=data["protection_level"],
        adults=data["adults"],
        children_ages=data["children_ages"],
    )
    scope = ("share_identity", "share_household", "share_risk_assessment", "share_contact_details")
    consent = relocation_filing.FiledConsent(given_on=data["consent_given_on"], **{name: data[name] for name in scope})
    files = [
        (Document.Type.RISK_ASSESSMENT, _("Riskbedömning"), data["risk_assessment_file"]),
        (Document.Type.REQUEST, _("Förfrågan"), data["request_letter_file"]),
    ]
    documents = [relocation_filing.FiledDocument(kind, str(title), file) for kind, title, file in files if file]
    details = {
        name: data[name]
        for name in (
            "serious_violence",
            "home_options_tried",
            "risk_assessed_by",
            "risk_assessed_on",
            "cannot_arrange_housing",
            "rooms_needed",
            "accessibility_needs",
            "avoid_areas",
        )
    }
    return {"network": data["network"], "person": person, "consent": consent, "documents": documents, **details}


def take_in_person(request, pk):
    policy = policy_for(request)
    relocation_request = selectors.request_or_404(policy, pk, may=selectors.acting_for(policy, Actor.NEXUS))
    form = ConfirmForm(_posted(request))

    def submit(data):
        taken = relocation_filing.filing_take_in_person(request=relocation_request, acting_user=request.user)
        if taken.children_added:
            return ngettext(
                "Personen är bekräftad och %(count)d barn är tillagt i hushållet.",
                "Personen är bekräftad och %(count)d barn är tillagda i hushållet.",
                taken.children_added,
            ) % {"count": taken.children_added}
        return _("Personen är bekräftad.")

    title = _("Bekräfta personen i förfrågan")
    return _request_form_page(request, relocation_request, form, title=title, submit=submit)


def document_add(request, pk):
    policy = policy_for(request)
    may = selectors.acting_for(policy, Actor.NEXUS, Actor.PARTNER)
    relocation_request = selectors.request_or_404(policy, pk, may=may)
    side = relocation.actor_of(request.user, relocation_request)
    form = RequestDocumentForm(_posted(request), request.FILES or None, partner=side == Actor.PARTNER)

    def submit(data):
        relocation_filing.request_document_add(
            request=relocation_request,
            uploaded_file=data["file"],
            title=data["title"],
            type=data["type"],
            shared_with_partners=data.get("shared_with_partners", False),
            reviewed=data.get("reviewed", False),
            acting_user=request.user,
        )
        return _("Dokumentet är sparat.")

    return _request_form_page(
        request, relocation_request, form, title=_("Lägg till dokument"), submit=submit, files=True
    )


def request_detail(request, pk):
    policy = policy_for(request)
    relocation_request = selectors.request_or_404(policy, pk)
    detail = selectors.request_detail(policy, relocation_request)
    context = {"detail": detail, "case": relocation_request.case, "message_form": MessageForm()}
    return render(request, "relocation/request_detail.html", context)


def message_post(request, pk):
    policy = policy_for(request)
    relocation_request = selectors.request_or_404(policy, pk, may=selectors.acting_for(policy, *Actor.values))
    form = MessageForm(_posted(request))

    def submit(data):
        relocation.message_post(request=relocation_request, body=data["body"], acting_user=request.user)
        return _("Meddelandet är skickat. Den andra kommunen får en avisering utan personuppgifter.")

    return _request_form_page(request, relocation_request, form, title=_("Nytt meddelande"), submit=submit)


def request_edit_details(request, pk):
    policy = policy_for(request)
    relocation_request = selectors.request_or_404(policy, pk, may=selectors.acting_for(policy, Actor.NEXUS))
    form = RequestDetailsForm(_posted(request), instance=relocation_request)

    def submit(data):
        relocation.request_update_details(request=relocation_request, acting_user=request.user, **data)
        return _("Kriterier och behov är sparade.")

    return _request_form_page(request, relocation_request, form, title=_("Kriterier och behov"), submit=submit)


def request_map_avoid_areas(request, pk):
    policy = policy_for(request)
    relocation_request = selectors.request_or_404(policy, pk, may=selectors.acting_for(policy, Actor.NEXUS))
    form = AvoidAreasForm(_posted(request), request=relocation_request)

    def submit(data):
        relocation.request_map_avoid_areas(
            request=relocation_request,
            districts=list(data["avoid_districts"]),
            municipalities=list(data["avoid_municipalities"]),
            none_of_ours=data.get("avoid_none_of_ours", False),
            acting_user=request.user,
        )
        return _("Områdena att undvika är sparade. De följer med till bostadsenheten vid överlämningen.")

    typed = relocation_request.avoid_areas.strip()
    lead = (
        _("Samverkanskommunen skrev: ”%(areas)s”. Välj vad det motsvarar här.") % {"areas": typed}
        if typed
        else _("Samverkanskommunen angav inga områden att undvika. Välj dem som Nexus känner till.")
    )
    return _request_form_page(
        request, relocation_request, form, title=_("Områden att undvika"), submit=submit, lead=lead
    )


def assessment_add(request, pk):
    policy = policy_for(request)
    relocation_request = selectors.request_or_404(policy, pk, may=selectors.acting_for(policy, Actor.NEXUS))
    form = AssessmentForm(_posted(request), initial={"assessed_on": timezone.localdate()})

    def submit(data):
        relocation_assessment.assessment_record(request=relocation_request, acting_user=request.user, **data)
        return _("Skyddsbedömningen är registrerad.")

    title = _("Registrera skyddsbedömning")
    return _request_form_page(request, relocation_request, form, title=title, submit=submit)


def request_transition(request, pk, to_state):
    policy = policy_for(request)
    relocation_request = selectors.request_or_404(policy, pk, may=selectors.acting_for(policy, *Actor.values))
    rule = workflow_for(relocation_request.direction).edge(relocation_request.state, to_state)
    # The page offers only manual moves (services make the others); a request resting on revoked consent answers
    # any move, such as an acceptance from a page read before, with the service's reason.
    resting = relocation_request.state == State.ON_HOLD and to_state in State.values
    if not resting and (rule is None or not rule.manual):
        raise Http404
    form = TransitionForm(_posted(request))
    if rule and rule.needs_reason:
        form.fields["reason"].required = True

    def submit(data):
        relocation.request_transition(
            request=relocation_request, to_state=to_state, acting_user=request.user, reason=data["reason"]
        )
        return _("Förfrågan har nu status ”%(state)s”.") % {"state": State(to_state).label}

    title = str(rule.label) if rule else str(State(to_state).label)
    return _request_form_page(request, relocation_request, form, title=title, submit=submit)


def consent_add(request, pk):
    policy = policy_for(request)
    relocation_request = selectors.request_or_404(policy, pk, may=selectors.acting_for(policy, Actor.NEXUS))
    form = ConsentForm(_posted(request))

    def submit(data):
        resting = relocation_request.state == State.ON_HOLD
        relocation.consent_record(request=relocation_request, acting_user=request.user, **data)
        if resting:
            return _("Samtycket är registrerat och förfrågan återupptas där den vilade.")
        return _("Samtycket är registrerat. Samverkanskommunen ser det som samtycket omfattar.")

    return _request_form_page(request, relocation_request, form, title=_("Registrera samtycke"), submit=submit)


def consent_revoke(request, pk, consent_pk):
    policy = policy_for(request)
    relocation_request = selectors.request_or_404(policy, pk, may=selectors.acting_for(policy, Actor.NEXUS))
    consent = get_object_or_404(RelocationConsent, pk=consent_pk, request=relocation_request, revoked_on__isnull=True)
    form = ConfirmForm(_posted(request))

    def submit(data):
        relocation.consent_revoke(consent=consent, acting_user=request.user)
        relocation_request.refresh_from_db(fields=["state"])
        if relocation_request.state == State.ON_HOLD:
            return _(
                "Samtycket är återkallat och förfrågan vilar. Samverkanskommunen ser inte längre det som samtycket "
                "omfattade. Hämta in nytt samtycke eller avsluta förfrågan."
            )
        return _("Samtycket är återkallat. Samverkanskommunen ser inte längre det som samtycket omfattade.")

    return _request_form_page(request, relocation_request, form, title=_("Återkalla samtycke"), submit=submit)


@capability_required(Capability.WORK_RELOCATION)
def network_directory(request):
    query = request.GET.get("kommun", "")
    context = {"directory": selectors.network_directory(query), "query": query}
    return render(request, "relocation/network_directory.html", context)


@capability_required(Capability.WORK_RELOCATION, Capability.VIEW_REPORTS)
def reciprocity(request):
    year = request.GET.get("ar", "")
    year = int(year) if year.isdigit() and 2000 <= int(year) <= 2100 else None
    return render(request, "relocation/reciprocity.html", {"rows": selectors.reciprocity(year=year), "year": year})


@capability_required(Capability.WORK_RELOCATION)
def inquiry_list(request):
    page = selectors.inquiry_list(request.GET.get(PAGE, 1))
    return render(request, "relocation/inquiry_list.html", {"page": page})


@capability_required(Capability.WORK_RELOCATION)
def inquiry_add(request):
    form = InquiryForm(_posted(request))

    def submit(data):
        relocation.inquiry_record(acting_user=request.user, **data)
        return _("Telefonförfrågan är registrerad.")

    return form_page(
        request,
        form,
        title=_("Registrera telefonförfrågan"),
        submit=submit,
        back_url=reverse("cases:inquiry_list"),
        back_label=_("Tillbaka till telefonförfrågningarna"),
    )


def _request_form_page(request, relocation_request, form, *, title, submit, files=False, lead=""):
    return form_page(
        request,
        form,
        title=title,
        caption=relocation_request.case.number,
        lead=lead,
        submit=submit,
        back_url=reverse("cases:relocation_detail", args=[relocation_request.case.pk]),
        back_label=_("Tillbaka till förfrågan"),
        files=files,
    )


def _posted(request):
    """The POST data of a POST, even an empty one (an optional reason left blank), so the form is bound."""
    return request.POST if request.method == "POST" else None
