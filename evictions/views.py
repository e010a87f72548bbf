"""Thin views: fetch through the access policy (404 if not visible), validate a form, call one service."""

import re
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.access import policy_for
from cases.models import Case
from cases.selectors import my_open_cases
from evictions import importing, ladder, letters, selectors, services
from evictions import statistics as stats
from evictions.forms import (
    ChildFormSet,
    CloseForm,
    ConsentForm,
    ConsentRevokeForm,
    ConsentSignForm,
    ContactForm,
    FinancialAidDecisionForm,
    FinancialAidForm,
    ImportForm,
    InvestigationForm,
    LandlordAnswerForm,
    LetterForm,
    NoticeForm,
    OtherUnitForm,
    ProcessGoalForm,
    ReceiptForm,
    RegisterCheckForm,
    RepaymentPlanForm,
    RepaymentStatusForm,
    VisitOutcomeForm,
    register_facts,
)
from evictions.models import Consent, FinancialAid, Landlord, Letter, Notice, OtherUnitContact, Partner, RepaymentPlan
from evictions.workflow import FileStatus
from kompotten.models import Unit
from kompotten.pdf import render_pdf

WORK = "kompotten.work_evictions"


def _form_errors(form, error: ValidationError) -> None:
    """A service's ValidationError on the form: on its field when the form has one, else above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for field, errors in error.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def _query_without(request, *names) -> str:
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


@permission_required(WORK, raise_exception=True)
def start(request):
    policy = policy_for(request)
    context = {
        "rows": my_open_cases(policy, kind=Case.Kind.EVICTION),
        "due_count": selectors.due_this_week_count(policy),
        "escalated_count": selectors.escalated_count(policy),
    }
    return render(request, "evictions/start.html", context)


@permission_required(WORK, raise_exception=True)
def file_list(request):
    params = request.GET
    filters = selectors.FileFilters(
        status=params.get("status", FileStatus.OPEN),
        district=params.get("distrikt", ""),
        escalated=params.get("flaggade") == "1",
        children=params.get("barn") == "1",
        mine=params.get("mina") == "1",
        query=params.get("q", ""),
    )
    page, rows = selectors.file_list(policy_for(request), filters, page=params.get("sida", 1))
    context = {
        "page": page,
        "rows": rows,
        "filters": filters,
        "statuses": FileStatus.choices,
        "districts": selectors.districts(),
        "query_without_page": _query_without(request, "sida"),
    }
    return render(request, "evictions/file_list.html", context)


@permission_required(WORK, raise_exception=True)
def due_list(request):
    page, rows = selectors.due_list(policy_for(request), page=request.GET.get("sida", 1))
    context = {"page": page, "rows": rows, "query_without_page": _query_without(request, "sida")}
    return render(request, "evictions/due_list.html", context)


@permission_required(WORK, raise_exception=True)
def escalations(request):
    page, rows = selectors.escalated_files(policy_for(request), page=request.GET.get("sida", 1))
    context = {"page": page, "rows": rows, "query_without_page": _query_without(request, "sida")}
    return render(request, "evictions/escalations.html", context)


@permission_required(WORK, raise_exception=True)
def routed_notices(request):
    page, rows = selectors.routed_notices(policy_for(request), page=request.GET.get("sida", 1))
    context = {"page": page, "rows": rows, "query_without_page": _query_without(request, "sida")}
    return render(request, "evictions/routed_notices.html", context)


def file_detail(request, pk):
    policy = policy_for(request)
    file = selectors.get_file_or_404(policy, pk)
    can_work = policy.can_work_on(file.case)
    context = {
        "detail": selectors.file_detail(policy, file),
        "can_work": can_work,
        "other_unit_form": OtherUnitForm() if can_work else None,
    }
    return render(request, "evictions/file_detail.html", context)


def escalation_clear(request, pk):
    policy = policy_for(request)
    file = selectors.get_file_or_404(policy, pk)
    if not policy.can_work_on(file.case):
        raise PermissionDenied
    if request.method != "POST":
        return redirect("evictions:escalations")
    try:
        services.file_escalation_clear(file=file, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Flaggan på ärende %(number)s är hanterad.") % {"number": file.case.number})
    return redirect("evictions:escalations")


@permission_required(WORK, raise_exception=True)
def notice_add(request):
    unit = request.user.unit
    if unit is None or unit.kind != Unit.Kind.EVICTION_PREVENTION:
        raise PermissionDenied
    form = NoticeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            notice = services.notice_register(data=form.to_input(), unit=unit, acting_user=request.user)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            return _after_register(request, notice)
    context = {"form": form, "landlords": Landlord.objects.values_list("name", flat=True)}
    return render(request, "evictions/notice_form.html", context, status=400 if form.errors else 200)


def _after_register(request, notice: Notice):
    if notice.routing == Notice.Routing.DISTRICT:
        messages.warning(
            request,
            _("Adressen hör till distriktet %(district)s. Underrättelsen är registrerad som vidarebefordrad dit.")
            % {"district": notice.district.name},
        )
        return redirect("evictions:routed_notices")
    if notice.routing == Notice.Routing.MUNICIPALITY:
        messages.warning(
            request,
            _("Adressen ligger i %(municipality)s. Underrättelsen är registrerad som vidarebefordrad dit.")
            % {"municipality": notice.routed_to_municipality.name},
        )
        return redirect("evictions:routed_notices")
    file = notice.file
    if file.escalated and file.notices.count() > 1:
        messages.warning(
            request,
            _("Hushållet har fått en underrättelse tidigare. Underrättelsen lades till ärende %(number)s, "
              "som nu är flaggat för teamledaren.") % {"number": file.case.number},
        )  # fmt: skip
    else:
        messages.success(
            request, _("Underrättelsen är registrerad i ärende %(number)s.") % {"number": file.case.number}
        )
    return redirect("evictions:file_detail", pk=file.case_id)


def _workable_file(request, pk):
    policy = policy_for(request)
    file = selectors.get_file_or_404(policy, pk)
    if not policy.can_work_on(file.case):
        raise PermissionDenied
    return policy, file


def register_check(request, pk):
    """The population-register check: prefilled by a register integration when there is one, by hand otherwise."""
    policy, file = _workable_file(request, pk)
    if request.method == "POST":
        form, children = RegisterCheckForm(request.POST), ChildFormSet(request.POST, prefix="barn")
        if form.is_valid() and children.is_valid():
            try:
                services.register_check_record(
                    file=file, facts=register_facts(form, children), acting_user=request.user
                )
            except ValidationError as error:
                _form_errors(form, error)
            else:
                messages.success(request, _("Folkbokföringskontrollen är registrerad."))
                return redirect("evictions:file_detail", pk=file.case_id)
    else:
        facts = selectors.register_lookup(file)
        form = RegisterCheckForm(initial=_initial_check(facts))
        children = ChildFormSet(
            prefix="barn", initial=[{"age": c.age, "living": c.living} for c in facts.children] if facts else None
        )
    errors = bool(form.errors) or any(row.errors for row in children) or bool(children.non_form_errors())
    context = {"form": form, "children": children, "case": file.case}
    return render(request, "evictions/register_check.html", context, status=400 if errors else 200)


def _initial_check(facts) -> dict:
    if facts is None:
        return {"checked_on": timezone.localdate()}
    return {
        "checked_on": facts.checked_on,
        "registered_at_address": "ja" if facts.registered_at_address else "nej",
        "note": facts.note,
    }


def other_unit_add(request, pk):
    policy, file = _workable_file(request, pk)
    if request.method != "POST":
        return redirect("evictions:file_detail", pk=file.case_id)
    form = OtherUnitForm(request.POST)
    if form.is_valid():
        try:
            services.other_unit_add(file=file, acting_user=request.user, **form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Handläggaren är tillagd i listan att informera."))
            return redirect(f"{reverse('evictions:file_detail', args=[file.case_id])}#informera")
    context = {"detail": selectors.file_detail(policy, file), "can_work": True, "other_unit_form": form}
    return render(request, "evictions/file_detail.html", context, status=400)


def other_unit_informed(request, pk, contact_pk):
    policy, file = _workable_file(request, pk)
    contact = get_object_or_404(OtherUnitContact, pk=contact_pk, file=file)
    if request.method == "POST":
        try:
            services.other_unit_mark_informed(contact=contact, acting_user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Markerad som informerad."))
    return redirect(f"{reverse('evictions:file_detail', args=[file.case_id])}#informera")


# --- letters and receipt confirmations --------------------------------------------------------------------------
def letter_add(request, pk):
    """The rules propose a letter and say why; the caseworker confirms or overrides it with a reason."""
    policy, file = _workable_file(request, pk)
    if not selectors.identities_visible(policy, file):
        messages.error(request, _("Du behöver behörighet till alla personer i ärendet för att skriva brev."))
        return redirect("evictions:file_detail", pk=file.case_id)
    proposal = letters.proposal_for(file)
    form = LetterForm(request.POST or None, initial={"kind": proposal.kind})
    if request.method == "POST" and form.is_valid():
        try:
            letter = services.letter_create(file=file, data=form.to_input(), acting_user=request.user)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Brevet är skapat. Ladda ner det och skicka det."))
            return redirect(f"{reverse('evictions:file_detail', args=[file.case_id])}#brev-{letter.pk}")
    context = {
        "form": form,
        "case": file.case,
        "proposal": proposal,
        "protected": letters.has_protected_tenant(file),
    }
    return render(request, "evictions/letter_form.html", context, status=400 if form.errors else 200)


def _letter(request, pk, letter_pk):
    policy, file = _workable_file(request, pk)
    return policy, file, get_object_or_404(Letter, pk=letter_pk, file=file)


def letter_pdf(request, pk, letter_pk):
    policy, file, letter = _letter(request, pk, letter_pk)
    context = {
        "letter": letter,
        "paragraphs": [part.strip() for part in re.split(r"\n\s*\n", letter.body) if part.strip()],
        "unit": file.case.unit,
        "municipality": file.case.unit.municipality,
    }
    pdf = render_pdf("evictions/letter_pdf.html", context)
    policy.log_download(file.case, _("Brev %(number)s") % {"number": file.case.number})
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="brev-{file.case.number}-{letter.pk}.pdf"'
    return response


def letter_outcome(request, pk, letter_pk):
    policy, file, letter = _letter(request, pk, letter_pk)
    form = VisitOutcomeForm(request.POST or None)
    title = (
        _("Hur gick besöket %(at)s?") % {"at": letters.swedish_datetime(letter.booked_at)} if letter.booked_at else ""
    )

    def submit(data):
        services.letter_record_visit_outcome(letter=letter, acting_user=request.user, **data)
        return _("Utfallet är registrerat.")

    return _form_page(request, form, file, title=title, submit=submit)


def _form_page(request, form, file, *, title, submit, lead="", submit_label=""):
    """A small form about a file: a valid POST calls `submit`, which returns the success message."""
    if request.method == "POST" and form.is_valid():
        try:
            message = submit(form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, message)
            return redirect("evictions:file_detail", pk=file.case_id)
    context = {
        "form": form,
        "title": title,
        "lead": lead,
        "submit_label": submit_label,
        "caption": _("Ärende %(number)s") % {"number": file.case.number},
        "back_url": reverse("evictions:file_detail", args=[file.case_id]),
        "back_label": _("Tillbaka till ärende %(number)s") % {"number": file.case.number},
    }
    return render(request, "evictions/form_page.html", context, status=400 if form.errors else 200)


def _file_form(request, pk, form_class, *, title, submit, initial=None, **page):
    """A form on a file the user may work on; `submit(file, cleaned_data)` returns the success message."""
    policy, file = _workable_file(request, pk)
    form = form_class(request.POST or None, initial=initial(file) if initial else None)
    return _form_page(request, form, file, title=title, submit=lambda data: submit(file, data), **page)


def _notice(request, pk, notice_pk):
    policy, file = _workable_file(request, pk)
    return policy, file, get_object_or_404(Notice.objects.select_related("landlord"), pk=notice_pk, file=file)


def receipt_pdf(request, pk, notice_pk):
    """The receipt confirmation to the sender; a protected tenant's name and flat are left out."""
    policy, file, notice = _notice(request, pk, notice_pk)
    context = {
        "notice": notice,
        "tenants": selectors.receipt_tenants(notice),
        "case": file.case,
        "unit": file.case.unit,
        "municipality": file.case.unit.municipality,
        "caseworker": request.user,
        "today": timezone.localdate(),
    }
    pdf = render_pdf("evictions/receipt_pdf.html", context)
    policy.log_download(file.case, _("Mottagningsbekräftelse %(number)s") % {"number": file.case.number})
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="mottagningsbekraftelse-{file.case.number}-{notice.pk}.pdf"'
    )
    return response


def receipt_sent(request, pk, notice_pk):
    policy, file, notice = _notice(request, pk, notice_pk)
    form = ReceiptForm(request.POST or None)

    def submit(data):
        services.notice_receipt_record(notice=notice, acting_user=request.user, **data)
        return _("Att bekräftelsen är skickad är registrerat.")

    return _form_page(request, form, file, title=_("Registrera skickad mottagningsbekräftelse"), submit=submit)


# --- consent ---------------------------------------------------------------------------------------------------------
def consent_add(request, pk):
    def submit(file, data):
        services.consent_create(file=file, acting_user=request.user, **data)
        return _("Medgivandet är skapat. Skriv ut blanketten och låt hushållet underteckna den.")

    return _file_form(
        request, pk, ConsentForm, title=_("Nytt medgivande"), submit=submit,
        lead=_("Hushållet väljer vilka parter socialtjänsten får diskutera och utbyta uppgifter med. "
               "Medgivandet kan när som helst återkallas."),
    )  # fmt: skip


def _consent(request, pk, consent_pk):
    policy, file = _workable_file(request, pk)
    return policy, file, get_object_or_404(Consent, pk=consent_pk, file=file)


def consent_pdf(request, pk, consent_pk):
    """The consent form (Bilaga 3) for signing, with each tenant's name and personal identity number."""
    policy, file, consent = _consent(request, pk, consent_pk)
    if not selectors.identities_visible(policy, file):
        raise PermissionDenied
    context = {
        "consent": consent,
        "partners": [(label, value in consent.partners) for value, label in Partner.choices if value != Partner.OTHER],
        "signers": [party.person for party in file.case.parties.select_related("person").order_by("id")],
        "case": file.case,
        "unit": file.case.unit,
        "municipality": file.case.unit.municipality,
    }
    pdf = render_pdf("evictions/consent_pdf.html", context)
    policy.log_download(file.case, _("Medgivande %(number)s") % {"number": file.case.number})
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="medgivande-{file.case.number}-{consent.pk}.pdf"'
    return response


def consent_sign(request, pk, consent_pk):
    policy, file, consent = _consent(request, pk, consent_pk)

    def submit(data):
        services.consent_sign(consent=consent, acting_user=request.user, **data)
        return _("Medgivandet är registrerat som undertecknat.")

    form = ConsentSignForm(request.POST or None)
    return _form_page(request, form, file, title=_("Registrera undertecknat medgivande"), submit=submit)


def consent_revoke(request, pk, consent_pk):
    policy, file, consent = _consent(request, pk, consent_pk)

    def submit(data):
        services.consent_revoke(consent=consent, acting_user=request.user, **data)
        return _("Medgivandet är återkallat. Parterna det gällde kontaktas inte längre.")

    form = ConsentRevokeForm(request.POST or None)
    return _form_page(
        request, form, file, title=_("Återkalla medgivande"), submit=submit, submit_label=_("Återkalla"),
        lead=_("Från och med återkallelsen får teamet inte utbyta uppgifter med parterna i medgivandet."),
    )  # fmt: skip


# --- the contact ladder ---------------------------------------------------------------------------------------
def contact_add(request, pk):
    def submit(file, data):
        services.contact_log(file=file, acting_user=request.user, **data)
        return _("Kontakten är registrerad.")

    return _file_form(request, pk, ContactForm, title=_("Registrera kontakt"), submit=submit)


def landlord_answer(request, pk):
    def submit(file, data):
        services.file_set_landlord_answer(file=file, acting_user=request.user, **data)
        return _("Hyresvärdens besked är registrerat.")

    return _file_form(request, pk, LandlordAnswerForm, title=_("Hyresvärdens besked om att bo kvar"), submit=submit)


def repayment_plan_add(request, pk):
    def submit(file, data):
        services.repayment_plan_add(file=file, acting_user=request.user, **data)
        return _("Avbetalningsplanen är registrerad.")

    def initial(file):
        notice = file.notices.exclude(rent_debt_capital=None).order_by("-received_on").first()
        return {"debt": notice.rent_debt_total} if notice else None

    return _file_form(request, pk, RepaymentPlanForm, title=_("Avbetalningsplan"), submit=submit, initial=initial)


def repayment_plan_status(request, pk, plan_pk):
    policy, file = _workable_file(request, pk)
    plan = get_object_or_404(RepaymentPlan, pk=plan_pk, file=file)

    def submit(data):
        services.repayment_plan_set_status(plan=plan, acting_user=request.user, **data)
        return _("Avbetalningsplanens status är registrerad.")

    form = RepaymentStatusForm(request.POST or None)
    return _form_page(request, form, file, title=_("Avbetalningsplanen"), submit=submit)


def financial_aid_add(request, pk):
    def submit(file, data):
        services.financial_aid_apply(
            file=file, acting_user=request.user, applied_on=data["applied_on"], capital=data["capital"],
            costs=data["costs"] or Decimal(0),
        )  # fmt: skip
        return _("Ansökan om ekonomiskt bistånd är registrerad.")

    def initial(file):
        notice = file.notices.exclude(rent_debt_capital=None).order_by("-received_on").first()
        return {"capital": notice.rent_debt_capital, "costs": notice.rent_debt_costs} if notice else None

    return _file_form(
        request, pk, FinancialAidForm, title=_("Ansökan om ekonomiskt bistånd"), submit=submit, initial=initial,
        lead=_("Skulden förs över som underrättelsen delade upp den: kapital och kostnader med ränta."),
    )  # fmt: skip


def financial_aid_decide(request, pk, aid_pk):
    policy, file = _workable_file(request, pk)
    aid = get_object_or_404(FinancialAid, pk=aid_pk, file=file)

    def submit(data):
        services.financial_aid_decide(aid=aid, acting_user=request.user, **data)
        return _("Beslutet om ekonomiskt bistånd är registrerat.")

    form = FinancialAidDecisionForm(request.POST or None)
    return _form_page(request, form, file, title=_("Beslut om ekonomiskt bistånd"), submit=submit)


def investigation_decide(request, pk):
    def submit(file, data):
        services.file_decide_investigation(file=file, acting_user=request.user, **data)
        return _("Beslutet om utredning är registrerat.")

    return _file_form(
        request, pk, InvestigationForm, title=_("Ska en utredning inledas?"), submit=submit,
        lead=_("Kontakttrappan är genomförd utan att vi nått familjen. Barnen kan behöva skydd eller stöd."),
    )  # fmt: skip


@permission_required(WORK, raise_exception=True)
def process_goal(request):
    """The team's process goal; every file shows which of its steps are done."""
    unit = request.user.unit
    if unit is None or unit.kind != Unit.Kind.EVICTION_PREVENTION:
        raise PermissionDenied
    goal = ladder.goal_for_unit(unit)
    form = ProcessGoalForm(request.POST or None, initial={"target": goal.target, "steps": goal.steps})
    if request.method == "POST" and form.is_valid():
        try:
            services.process_goal_set(unit=unit, acting_user=request.user, **form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Teamets processmål är sparat."))
            return redirect("evictions:start")
    context = {
        "form": form,
        "title": _("Teamets processmål"),
        "lead": _("Till exempel brev, telefon och erbjudet hembesök till alla familjer med barn innan "
                  "återvinningsfristen löper ut. Varje ärende visar vilka steg som är gjorda."),
        "back_url": reverse("evictions:start"),
        "back_label": _("Tillbaka"),
    }  # fmt: skip
    return render(request, "evictions/form_page.html", context, status=400 if form.errors else 200)


# --- closure ------------------------------------------------------------------------------------------------------
def file_close(request, pk):
    def submit(file, data):
        services.file_close(file=file, acting_user=request.user, **data)
        return _("Ärendet är avslutat.")

    def initial(file):
        check = file.register_checks.first()
        return {"children_affected": check.children.count() if check else 0}

    return _file_form(
        request, pk, CloseForm, title=_("Avsluta ärendet"), submit=submit, initial=initial,
        submit_label=_("Avsluta ärendet"),
        lead=_("Hyresskuld: när den är betald. Vanvård: när lägenheten är städad och besiktigad. Störningar: efter en "
               "lugn period. Mindre varning med bara kontaktbrev: efter ungefär en månad. Avhysning: när den är "
               "verkställd eller återkallad."),
    )  # fmt: skip


@permission_required(WORK, raise_exception=True)
def ready_to_close(request):
    page, rows = selectors.ready_to_close(policy_for(request), page=request.GET.get("sida", 1))
    context = {"page": page, "rows": rows, "query_without_page": _query_without(request, "sida")}
    return render(request, "evictions/ready_to_close.html", context)


# --- bulk intake ------------------------------------------------------------------------------------------------
def _eviction_unit(request):
    unit = request.user.unit
    if not request.user.has_perm(WORK) or unit is None or unit.kind != Unit.Kind.EVICTION_PREVENTION:
        raise PermissionDenied
    return unit


@permission_required(WORK, raise_exception=True)
def import_upload(request):
    unit = _eviction_unit(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        uploaded = form.cleaned_data["file"]
        try:
            batch = services.import_batch_preview(
                raw=uploaded.read(), filename=uploaded.name, unit=unit, acting_user=request.user
            )
        except ValidationError as error:
            _form_errors(form, ValidationError({"file": error.messages}))
        else:
            return redirect("evictions:import_detail", pk=batch.pk)
    context = {"form": form, "columns": importing.COLUMNS, "batches": selectors.import_batches(policy_for(request))}
    return render(request, "evictions/import_upload.html", context, status=400 if form.errors else 200)


def import_detail(request, pk):
    batch = selectors.get_import_batch_or_404(policy_for(request), pk)
    if request.method == "POST":
        try:
            services.import_batch_queue(batch=batch, acting_user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Importen är startad. Sidan visar när den är klar."))
        return redirect("evictions:import_detail", pk=batch.pk)
    lines = batch.report
    context = {
        "batch": batch,
        "bad": [line for line in lines if line["status"] == "bad"],
        "duplicates": [line for line in lines if line["status"] == "duplicate"],
        "good": [line for line in lines if line["status"] == "ok"][:100],
    }
    return render(request, "evictions/import_detail.html", context)


# --- the landlords' monthly meeting and the statistics -------------------------------------------------------------
@permission_required(WORK, raise_exception=True)
def meeting(request):
    landlords = selectors.meeting_landlords()
    chosen = next((landlord for landlord in landlords if str(landlord.pk) == request.GET.get("hyresvard")), None)
    agenda = selectors.meeting_list(policy_for(request), chosen) if chosen else None
    return render(request, "evictions/meeting.html", {"landlords": landlords, "chosen": chosen, "agenda": agenda})


def meeting_pdf(request, landlord_pk):
    """The meeting list to print and bring: no protected address, and only files whose consent allows it."""
    if not request.user.has_perm(WORK):
        raise Http404
    landlord = get_object_or_404(Landlord, pk=landlord_pk)
    agenda = selectors.meeting_list(policy_for(request), landlord)
    context = {"agenda": agenda, "unit": request.user.unit, "today": timezone.localdate()}
    response = HttpResponse(render_pdf("evictions/meeting_pdf.html", context), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="samverkansmote-{landlord.pk}.pdf"'
    return response


def statistics(request):
    if not (request.user.has_perm(WORK) or request.user.has_perm("kompotten.view_reports")):
        raise PermissionDenied
    today = timezone.localdate()
    year = int(request.GET["ar"]) if request.GET.get("ar", "").isdigit() else today.year
    data = stats.year_statistics(policy_for(request), year)
    breakdowns = [
        (_("Avsändare"), data.by_sender),
        (_("Typ av underrättelse"), data.by_kind),
        (_("Skäl"), data.by_reason),
        (_("Typ av hyresvärd"), data.by_landlord_kind),
        (_("Utfall vid avslut"), data.by_outcome),
        (_("Steg i kontakttrappan"), data.ladder_steps),
    ]
    context = {"stats": data, "years": stats.years(today), "breakdowns": breakdowns}
    return render(request, "evictions/statistics.html", context)
