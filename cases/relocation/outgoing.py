"""What of a relocation request leaves the unit (`cases.outgoing`): what the partner municipality reads on the request
page that our staff wrote — Nexus's messages, the notes and documents shared with it, the criteria and needs, the
reasons of our moves and of a paused deadline.

The partner's own words (its messages, moves, documents and the details it filed) are never checked: they are its
own knowledge, and withholding them would let it probe whom we protect.
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.document_text import read_text
from cases.models import Case, DeadlineChange, Document, JournalNote
from cases.outbound import Channel
from cases.outgoing import OutgoingText
from cases.relocation.deadlines import deadline_lines
from cases.relocation.models import RelocationMessage, RelocationRequest, RelocationTransition

# The request's free-text details the partner reads (`request_detail.html`, "Kriterier").
DETAIL_TEXTS = (
    "serious_violence",
    "home_options_tried",
    "cannot_arrange_housing",
    "accessibility_needs",
    "avoid_areas",
)


def _label(model, field: str) -> str:
    return str(model._meta.get_field(field).verbose_name)


def _at(moment) -> str:
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M}"


def _ours(user) -> bool:
    return user.partner_municipality_id is None


def message_texts(request: RelocationRequest, messages) -> list[OutgoingText]:
    url = reverse("cases:relocation_detail", args=[request.case_id])
    return [
        OutgoingText(
            source=message,
            label=_("Meddelande %(at)s") % {"at": _at(message.sent_at)},
            channel=Channel.MESSAGE,
            fields={"body": (_label(RelocationMessage, "body"), message.body)},
            url=f"{url}#meddelanden",
        )
        for message in messages
        if _ours(message.author)
    ]


def transition_texts(request: RelocationRequest, transitions) -> list[OutgoingText]:
    url = reverse("cases:relocation_detail", args=[request.case_id])
    return [
        OutgoingText(
            source=move,
            label=_("Statusändring %(at)s: %(state)s") % {"at": _at(move.at), "state": move.get_to_state_display()},
            channel=Channel.PARTNER_READS,
            fields={"reason": (_label(RelocationTransition, "reason"), move.reason)},
            url=url,
        )
        for move in transitions
        if move.reason and _ours(move.by)
    ]


def _document_label(document: Document) -> str:
    what = {"date": document.document_date, "type": document.get_type_display()}
    return _("Delat dokument %(date)s, %(type)s") % what


def document_texts(case: Case, documents) -> list[OutgoingText]:
    url = reverse("cases:case_detail", args=[case.pk])
    return [
        OutgoingText(
            source=document,
            label=_document_label(document),
            channel=Channel.SHARED_DOCUMENT,
            fields={"title": (_label(Document, "title"), document.title)},
            url=f"{url}#dokument",
        )
        for document in documents
        if document.shared_with_partners and _ours(document.uploaded_by)
    ]


def document_file_text(case: Case, document: Document) -> list[OutgoingText]:
    """The text of a file of ours shared with the partner, read again as the partner downloads it (one file, so
    not on every page): a protection registered after sharing stops the file too. A file whose text cannot be read
    was reviewed by the caseworker when she shared it."""
    if not (document.shared_with_partners and _ours(document.uploaded_by)):
        return []
    with document.file.open("rb") as file:
        text = read_text(file, document.content_type)
    if text is None:
        return []
    url = reverse("cases:case_detail", args=[case.pk])
    return [
        OutgoingText(
            source=document,
            label=_document_label(document),
            channel=Channel.SHARED_FILE,
            fields={"file": (_("filens innehåll"), text)},
            url=f"{url}#dokument",
            whole_documents=frozenset({"file"}),
        )
    ]


def download_texts(case: Case, document: Document) -> list[OutgoingText]:
    """As a partner downloads a document (`cases.outgoing.DOCUMENT_DOWNLOAD`): its title and its file's text."""
    return document_texts(case, [document]) + document_file_text(case, document)


def note_texts(case: Case, notes) -> list[OutgoingText]:
    url = reverse("cases:case_detail", args=[case.pk])
    return [
        OutgoingText(
            source=note,
            label=_("Delad journalanteckning %(date)s") % {"date": note.happened_on},
            channel=Channel.SHARED_NOTE,
            fields={"text": (_label(JournalNote, "text"), note.text)},
            url=f"{url}#note-{note.pk}",
        )
        for note in notes
        if note.shared_with_partners and _ours(note.author)
    ]


def pause_texts(case: Case, lines) -> list[OutgoingText]:
    """`lines`: the request page's `DeadlineLine`s; the partner reads why a deadline is paused now."""
    url = reverse("cases:relocation_detail", args=[case.pk])
    return [
        OutgoingText(
            source=line.deadline,
            label=_("Pausad tidsfrist: %(label)s") % {"label": line.deadline.label},
            channel=Channel.PARTNER_READS,
            fields={"reason": (_label(DeadlineChange, "reason"), line.pause_reason)},
            url=url,
        )
        for line in lines
        if line.pause_reason
    ]


def details_text(request: RelocationRequest) -> list[OutgoingText]:
    """The criteria and needs, the fields of them our staff wrote: one the partner's contact person filed, and
    nobody of ours changed since, is the partner's own."""
    fields = {
        name: (_label(RelocationRequest, name), getattr(request, name))
        for name in _written_by_us(request)
        if getattr(request, name)
    }
    if not fields:
        return []
    url = reverse("cases:relocation_detail", args=[request.case_id])
    return [OutgoingText(request, _("Förfrågans kriterier och behov"), Channel.PARTNER_READS, fields, url)]


def _written_by_us(request: RelocationRequest) -> list[str]:
    """The detail fields whose latest change (in the request's history) was made by one of our staff."""
    rows = request.history.order_by("history_date", "history_id").values_list(
        "history_user__partner_municipality_id", *DETAIL_TEXTS
    )
    author, previous = {}, None
    for partner_id, *values in rows:
        for name, value, before in zip(DETAIL_TEXTS, values, previous or [None] * len(values), strict=True):
            if previous is None or value != before:
                author[name] = partner_id
        previous = values
    return [name for name in DETAIL_TEXTS if author.get(name) is None]


def texts(case: Case) -> list[OutgoingText]:
    """Everything of the case that the partner reads and our staff wrote, for the case page."""
    shared = [
        *note_texts(case, case.notes.filter(shared_with_partners=True).select_related("author")),
        *document_texts(case, case.documents.filter(shared_with_partners=True).select_related("uploaded_by")),
        *pause_texts(case, deadline_lines(case)),
    ]
    request = RelocationRequest.objects.filter(case=case).first()
    if request is None:
        return shared
    request.case = case
    return [
        *message_texts(request, request.messages.select_related("author")),
        *shared,
        *details_text(request),
        *transition_texts(request, request.transitions.select_related("by")),
    ]
