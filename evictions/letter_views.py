"""Letters to the household, receipt confirmations to the landlord and the household's consent to contacts."""

import re

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.access import policy_for
from cases.outgoing import refuse_output
from evictions import letters, outgoing, selectors, services
from evictions.forms import (
    ConsentForm,
    ConsentRevokeForm,
    ConsentSignForm,
    LetterForm,
    ReceiptForm,
    VisitOutcomeForm,
)
from evictions.models import Consent, Letter, Notice, Partner
from evictions.views import file_form, file_form_page
from kompotten.capabilities import Capability
from kompotten.form_pages import add_service_errors
from kompotten.pdf import render_pdf


def letter_add(request, pk):
    """The rules propose a letter and say why; the caseworker confirms or overrides it with a reason."""
    policy = policy_for(request)
    file = selectors.get_file_or_404(policy, pk, may=Capability.CASEWORK)
    if not selectors.identities_visible(policy, file):
        messages.error(request, _("Du behöver behörighet till alla personer i ärendet för att skriva brev."))
        return redirect("evictions:file_detail", pk=file.case_id)
    proposal = letters.proposal_for(file)
    form = LetterForm(request.POST or None, initial={"kind": proposal.kind})
    if request.method == "POST" and form.is_valid():
        try:
            letter = services.letter_create(file=file, data=form.to_input(), acting_user=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
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


def _file(request, pk, pdf: bool):
    """A file to work on (403 otherwise); for a PDF one whose letters and forms this user may open (404 otherwise: a
    letter is about the people it names, `AccessPolicy.letters_visible`)."""
    policy = policy_for(request)
    return policy, selectors.get_file_or_404(policy, pk, may=Capability.CASEWORK, letters=pdf)


def _letter(request, pk, letter_pk, *, pdf=False):
    policy, file = _file(request, pk, pdf)
    return policy, file, get_object_or_404(Letter, pk=letter_pk, file=file)


def letter_pdf(request, pk, letter_pk):
    policy, file, letter = _letter(request, pk, letter_pk, pdf=True)
    if not selectors.identities_visible(policy, file):  # the letter names the household: as protected as they are
        raise Http404
    text = outgoing.letter_text(file, letter, letters.protected_streets(file))
    if refused := refuse_output(request, policy, file.case, [text]):
        return refused
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

    return file_form_page(request, form, file, title=title, submit=submit)


def _notice(request, pk, notice_pk, *, pdf=False):
    policy, file = _file(request, pk, pdf)
    return policy, file, get_object_or_404(Notice.objects.select_related("landlord"), pk=notice_pk, file=file)


def receipt_pdf(request, pk, notice_pk):
    """The receipt confirmation to the sender; a protected tenant's name and flat are left out."""
    policy, file, notice = _notice(request, pk, notice_pk, pdf=True)
    if refused := refuse_output(request, policy, file.case, [outgoing.receipt_text(file, notice)]):
        return refused
    phone, email = letters.contact_details(request.user, file.case.unit)
    context = {
        "notice": notice,
        "tenants": selectors.receipt_tenants(notice),
        "sender": selectors.receipt_sender(notice),
        "sender_reference": selectors.receipt_reference(policy, notice),
        "case": file.case,
        "unit": file.case.unit,
        "municipality": file.case.unit.municipality,
        "caseworker": request.user,
        "contact": letters.contact_line(phone, email),
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

    return file_form_page(request, form, file, title=_("Registrera skickad mottagningsbekräftelse"), submit=submit)


def consent_add(request, pk):
    def submit(file, data):
        services.consent_create(file=file, acting_user=request.user, **data)
        return _("Medgivandet är skapat. Skriv ut blanketten och låt hushållet underteckna den.")

    return file_form(
        request,
        pk,
        ConsentForm,
        title=_("Nytt medgivande"),
        submit=submit,
        lead=_(
            "Hushållet väljer vilka parter socialtjänsten får diskutera och utbyta uppgifter med. "
            "Medgivandet kan när som helst återkallas."
        ),
    )


def _consent(request, pk, consent_pk, *, pdf=False):
    policy, file = _file(request, pk, pdf)
    return policy, file, get_object_or_404(Consent, pk=consent_pk, file=file)


def consent_pdf(request, pk, consent_pk):
    """The consent form (Bilaga 3) for signing, with each tenant's name and personal identity number."""
    policy, file, consent = _consent(request, pk, consent_pk, pdf=True)
    if not selectors.identities_visible(policy, file):
        raise PermissionDenied
    if refused := refuse_output(request, policy, file.case, [outgoing.consent_text(file, consent)]):
        return refused
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
    return file_form_page(request, form, file, title=_("Registrera undertecknat medgivande"), submit=submit)


def consent_revoke(request, pk, consent_pk):
    policy, file, consent = _consent(request, pk, consent_pk)

    def submit(data):
        services.consent_revoke(consent=consent, acting_user=request.user, **data)
        return _("Medgivandet är återkallat. Parterna det gällde kontaktas inte längre.")

    form = ConsentRevokeForm(request.POST or None)
    return file_form_page(
        request,
        form,
        file,
        title=_("Återkalla medgivande"),
        submit=submit,
        submit_label=_("Återkalla"),
        lead=_("Från och med återkallelsen får teamet inte utbyta uppgifter med parterna i medgivandet."),
    )
