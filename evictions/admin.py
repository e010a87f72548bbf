"""The catalogues an administrator keeps: districts (postal-code areas of the host municipality), landlords and the
letter templates (with a preview on sample data)."""

import re
from types import SimpleNamespace

from django.contrib import admin
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from simple_history.admin import SimpleHistoryAdmin

from evictions import letters
from evictions.models import LandlordMeeting, LetterTemplate
from kompotten.organisations import host_municipality
from kompotten.pdf import render_pdf


@admin.register(LandlordMeeting)
class LandlordMeetingAdmin(SimpleHistoryAdmin):
    """The landlords themselves are the shared register (`cases.admin`)."""

    list_display = ["landlord", "meets_on", "place"]
    list_select_related = ["landlord"]


@admin.register(LetterTemplate)
class LetterTemplateAdmin(SimpleHistoryAdmin):
    """Letter templates with a preview on sample data, as HTML here and as the PDF the household gets."""

    list_display = ["kind", "subject", "updated_at"]
    readonly_fields = ["preview"]
    fields = ["kind", "subject", "body", "preview"]

    def get_urls(self):
        preview = path(
            "<int:pk>/forhandsgranska.pdf",
            self.admin_site.admin_view(self.preview_pdf),
            name="evictions_lettertemplate_preview",
        )
        return [preview, *super().get_urls()]

    @admin.display(description=_("Förhandsgranskning med exempeluppgifter"))
    def preview(self, template):
        if template.pk is None:
            return _("Spara mallen för att se en förhandsgranskning.")
        try:
            subject, paragraphs = _sample(template)
        except (KeyError, ValueError, IndexError):
            return _("Mallen har fel och kan inte visas. Rätta fälten inom klammer.")
        url = reverse("admin:evictions_lettertemplate_preview", args=[template.pk])
        return format_html(
            '<div class="kompotten-letter-preview"><p><strong>{}</strong></p>{}<p><a href="{}">{}</a></p></div>',
            subject,
            format_html_join("", "<p>{}</p>", ((paragraph,) for paragraph in paragraphs)),
            url,
            _("Visa som PDF"),
        )

    def preview_pdf(self, request, pk):
        template = get_object_or_404(LetterTemplate, pk=pk)
        if not self.has_view_permission(request, template):
            raise Http404
        subject, paragraphs = _sample(template)
        host = host_municipality()
        letter = SimpleNamespace(
            subject=subject,
            recipient=letters.SAMPLE_FIELDS["mottagare"],
            address_lines="Exempelgatan 1\n753 20 Uppsala",
            created_at=timezone.now(),
        )
        context = {"letter": letter, "paragraphs": paragraphs, "unit": request.user.unit, "municipality": host}
        response = HttpResponse(render_pdf("evictions/letter_pdf.html", context), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="brevmall-{template.kind}.pdf"'
        return response


def _sample(template: LetterTemplate) -> tuple[str, list[str]]:
    subject = letters.fill(template.subject, letters.SAMPLE_FIELDS)
    body = letters.fill(template.body, letters.SAMPLE_FIELDS)
    return subject, [part.strip() for part in re.split(r"\n\s*\n", body) if part.strip()]
