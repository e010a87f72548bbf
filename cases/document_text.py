"""The text of an uploaded file, read so that a document shared with a partner is checked like any text that leaves
the unit (`cases.outbound`), not only its title.

Plain text, PDF (pypdf) and the Word (.docx) and OpenDocument (.odt) formats, which are zip archives of XML read
with the standard library, are read. An image, an old Word file (.doc), a scanned PDF without a text layer, an
encrypted or damaged file cannot be: `read_text` returns None, and sharing such a file needs the caseworker's
confirmation that she reviewed it (`cases.services.journal.document_add`).
"""

import io
import logging
import zipfile
from xml.etree import ElementTree

from django.core.files import File

from pypdf import PdfReader

logger = logging.getLogger(__name__)

# A part of a Word or OpenDocument file bigger than this is not unpacked (a zip bomb is no document to read).
MAX_PART_BYTES = 50 * 1024 * 1024

WORD = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ODF_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


def read_text(file: File, content_type: str) -> str | None:
    """The file's text, or None when it cannot be read (or holds none). The file is left at its start."""
    reader = _READERS.get(content_type)
    if reader is None:
        return None
    file.seek(0)
    try:
        text = reader(file.read())
    except Exception as error:  # any failure: a file that cannot be read is reviewed by the caseworker instead
        logger.info("document_text_unreadable", extra={"content_type": content_type, "error": type(error).__name__})
        text = None
    finally:
        file.seek(0)
    return text if text and text.strip() else None


def _plain(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")  # what Windows writes Swedish text files in


def _pdf(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        reader.decrypt("")  # opens one protected only against editing; anything else fails here, unreadable
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def _xml_parts(data: bytes, wanted) -> list[bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = [info for info in archive.infolist() if wanted(info.filename)]
        if not parts or any(info.file_size > MAX_PART_BYTES for info in parts):
            raise ValueError("no readable part")
        return [archive.read(info) for info in parts]


def _paragraphs(xml: bytes, paragraph_tags: set[str], space_tags: set[str]) -> list[str]:
    if b"<!DOCTYPE" in xml or b"<!ENTITY" in xml:  # never in these formats; entities are how XML bombs work
        raise ValueError("a document type declaration")
    root = ElementTree.fromstring(xml)  # noqa: S314 - no DTD or entity reaches the parser (above)
    return [_text_of(element, space_tags) for element in root.iter() if element.tag in paragraph_tags]


def _text_of(element, space_tags: set[str]) -> str:
    """An element's text, with a space for each tab, line break or run of spaces the format writes as an element."""
    parts = [" " if element.tag in space_tags else "", element.text or ""]
    for child in element:
        parts += [_text_of(child, space_tags), child.tail or ""]
    return "".join(parts)


def _docx(data: bytes) -> str:
    def wanted(name: str) -> bool:  # the body, headers, footers, foot- and endnotes and comments
        stem = name.removeprefix("word/").removesuffix(".xml")
        return (
            name.startswith("word/")
            and name.endswith(".xml")
            and "/" not in stem
            and stem.startswith(("document", "header", "footer", "footnotes", "endnotes", "comments"))
        )

    paragraphs, spaces = {f"{WORD}p"}, {f"{WORD}tab", f"{WORD}br", f"{WORD}cr"}
    return "\n".join(line for part in _xml_parts(data, wanted) for line in _paragraphs(part, paragraphs, spaces))


def _odt(data: bytes) -> str:
    paragraphs, spaces = {f"{ODF_TEXT}p", f"{ODF_TEXT}h"}, {f"{ODF_TEXT}s", f"{ODF_TEXT}tab", f"{ODF_TEXT}line-break"}
    parts = _xml_parts(data, lambda name: name in ("content.xml", "styles.xml"))  # styles.xml: headers, footers
    return "\n".join(line for part in parts for line in _paragraphs(part, paragraphs, spaces))


_READERS = {
    "text/plain": _plain,
    "application/pdf": _pdf,
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": _docx,
    "application/vnd.oasis.opendocument.text": _odt,
}
