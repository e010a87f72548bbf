from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

import filetype

from cases.document_text import read_text
from cases.models import Case, CaseEvent, Document, JournalNote
from cases.outbound import Channel, check_outbound_text
from cases.services.common import record_event, save
from kompotten.models import User

ALLOWED_CONTENT_TYPES = {
    "application/pdf",
    "image/jpeg",
    "image/png",
    "text/plain",
    "application/msword",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.oasis.opendocument.text",
}


def content_matches(uploaded_file: UploadedFile, content_type: str) -> bool:
    """The file's first bytes agree with the type the browser claimed (the filetype package reads the magic
    numbers), so a program renamed to .pdf is refused; plain text must be text (no NUL bytes, no known binary)."""
    uploaded_file.seek(0)
    head = uploaded_file.read(8192)
    uploaded_file.seek(0)
    sniffed = filetype.guess_mime(head)
    if content_type == "text/plain":
        return sniffed is None and b"\x00" not in head
    if content_type == "application/msword":
        return head.startswith(b"\xd0\xcf\x11\xe0")  # the OLE container of .doc files
    return sniffed == content_type


def document_check(uploaded_file: UploadedFile, field: str = "file") -> str:
    """The one check of every upload, whoever uploads: at most MAX_UPLOAD_MB (setting), and of an allowed type
    that its first bytes confirm. Returns the content type; raises a ValidationError on `field` otherwise."""
    if uploaded_file.size > settings.MAX_UPLOAD_MB * 1024 * 1024:
        raise ValidationError(
            {field: _("Filen är för stor. Största tillåtna storlek är %(mb)d MB.") % {"mb": settings.MAX_UPLOAD_MB}}
        )
    content_type = getattr(uploaded_file, "content_type", "") or "application/octet-stream"
    if content_type not in ALLOWED_CONTENT_TYPES or not content_matches(uploaded_file, content_type):
        raise ValidationError({field: _("Filtypen stöds inte. Ladda upp PDF, Word, OpenDocument, text eller bild.")})
    return content_type


@transaction.atomic
def note_add(
    *,
    case: Case,
    text: str,
    acting_user: User,
    happened_on: date | None = None,
    shared_with_partners: bool = False,
    corrects: JournalNote | None = None,
) -> JournalNote:
    """Writes a journal note; a correction is a new note pointing at the one it corrects (notes are never deleted)."""
    if not text.strip():
        raise ValidationError({"text": _("Skriv anteckningens text.")})
    if corrects is not None and corrects.case_id != case.pk:
        raise ValidationError(_("En rättelse måste gälla en anteckning i samma ärende."))
    if shared_with_partners and not acting_user.is_partner:
        check_outbound_text(case=case, fields={"text": text}, channel=Channel.SHARED_NOTE)
    note = JournalNote(
        case=case,
        author=acting_user,
        text=text.strip(),
        happened_on=happened_on or timezone.localdate(),
        shared_with_partners=shared_with_partners,
        corrects=corrects,
    )
    save(note, acting_user)
    record_event(case, CaseEvent.Action.NOTE_ADDED, acting_user)
    return note


@transaction.atomic
def note_edit(*, note: JournalNote, text: str, acting_user: User) -> JournalNote:
    note = JournalNote.objects.select_for_update().get(pk=note.pk)
    if not note.editable_by(acting_user):
        raise ValidationError(
            _("Anteckningen kan bara ändras av den som skrev den, en kort stund efteråt. Skriv en rättelse i stället.")
        )
    if not text.strip():
        raise ValidationError({"text": _("Skriv anteckningens text.")})
    if note.shared_with_partners and not acting_user.is_partner:
        check_outbound_text(case=note.case, fields={"text": text}, channel=Channel.SHARED_NOTE)
    note.text, note.edited_at = text.strip(), timezone.now()
    save(note, acting_user, update_fields=["text", "edited_at"])
    record_event(note.case, CaseEvent.Action.NOTE_EDITED, acting_user)
    return note


def _check_shared_document(
    case: Case, *, title: str, uploaded_file: UploadedFile, content_type: str, reviewed: bool
) -> None:
    """A document our staff share with a partner leaves the unit: its title and the text of its file are checked.
    A file whose text cannot be read cannot be checked: it is shared only with the caseworker's confirmation that
    she reviewed it (`reviewed`)."""
    text = read_text(uploaded_file, content_type)
    errors = {}
    checks = [({"title": title}, Channel.SHARED_DOCUMENT), ({"file": text or ""}, Channel.SHARED_FILE)]
    for fields, channel in checks:
        try:
            check_outbound_text(case=case, fields=fields, channel=channel, whole_documents=["file"])
        except ValidationError as error:
            errors.update(error.message_dict)
    if text is None and not reviewed:
        errors["reviewed"] = [
            _(
                "Filens text kan inte läsas, så den kan inte kontrolleras automatiskt. Läs igenom dokumentet och "
                "bekräfta att det inte innehåller skyddade uppgifter, eller låt det stanna internt."
            )
        ]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def document_add(
    *,
    case: Case,
    uploaded_file: UploadedFile,
    title: str,
    type: str,
    document_date: date,
    acting_user: User,
    shared_with_partners: bool = False,
    reviewed: bool = False,
) -> Document:
    """`reviewed`: the caseworker confirms she read the file and it carries no protected details; needed to share
    a file whose text cannot be read, and recorded on the document (who, when: its history keeps it too)."""
    content_type = document_check(uploaded_file)
    ours_shared = shared_with_partners and not acting_user.is_partner  # ours is internal unless the caseworker shares
    if ours_shared:
        _check_shared_document(
            case, title=title, uploaded_file=uploaded_file, content_type=content_type, reviewed=reviewed
        )
    document = Document(
        case=case,
        title=title.strip(),
        type=type,
        document_date=document_date,
        original_name=uploaded_file.name[:255],
        content_type=content_type,
        size=uploaded_file.size,
        uploaded_by=acting_user,
        shared_with_partners=shared_with_partners,
    )
    if ours_shared and reviewed:
        document.reviewed_by, document.reviewed_at = acting_user, timezone.now()
    document.file.save(uploaded_file.name, uploaded_file, save=False)
    try:
        save(document, acting_user)
    except Exception:
        document.file.delete(save=False)  # no file without its row
        raise
    record_event(case, CaseEvent.Action.DOCUMENT_ADDED, acting_user, document.get_type_display())
    return document
