"""Helpers of the tests of text that leaves the unit: a protection registered after our texts were written, the case
page's list of what needs fixing (cases.outgoing), and files with text in them to share (cases.document_text)."""

import io
import zipfile

from django.urls import reverse
from django.utils import timezone

from cases import services
from cases.models import ProtectionLevel

PROTECTED_STREET = "Gömda vägen 9"


def protect_later(person, by, *, workplace: str = "", school: str = ""):
    """Skatteverket's notice comes after our texts were written: skyddad folkbokföring and where she really lives;
    with `workplace`, where she must not be found; with `school`, her daughter's."""
    person = services.person_update(
        person=person,
        acting_user=by,
        phone=person.phone,
        workplace=workplace or person.workplace,
        street_address=person.street_address,
        postal_code=person.postal_code,
        protection_level=ProtectionLevel.PROTECTED_REGISTRATION,
        protection_noted_on=timezone.localdate(),
        protection_source="Skatteverket (SPAR)",
    )
    services.person_set_protected_address(
        person=person, street_address=PROTECTED_STREET, postal_code="75645", acting_user=by
    )
    if school:
        services.household_member_add(
            person=person,
            relation="child",
            given_name="Lilla",
            family_name=person.family_name,
            birth_year=2017,
            school=school,
            acting_user=by,
        )
    return person


def needs_fixing_table(client, case) -> str:
    """The case page's table of outgoing text that is stopped, as the logged-in user sees it ("" when none)."""
    page = client.get(reverse("cases:case_detail", args=[case.pk])).content.decode()
    if 'data-testid="needs-fixing"' not in page:
        return ""
    start = page.index('data-testid="needs-fixing"')
    return page[start : page.index("</table>", start)]


# --- files to share, with text in them -------------------------------------------------------------------------------
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"
# One transparent pixel: an image, whose text nobody reads.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082"
)


def pdf_with(text: str) -> bytes:
    from weasyprint import HTML  # noqa: PLC0415 - heavy, and only these tests make a PDF of their own

    return HTML(string=f"<p>{text}</p>").write_pdf()


def _zipped(parts: dict[str, str]) -> bytes:
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as document:
        for name, content in parts.items():
            document.writestr(name, content)
    return archive.getvalue()


def docx_with(body: str) -> bytes:
    """A Word file whose body is `body`: WordprocessingML paragraphs, or plain text for one paragraph."""
    if not body.startswith("<"):
        body = f"<w:p><w:r><w:t>{body}</w:t></w:r></w:p>"
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}'
        "</w:body></w:document>"
    )
    return _zipped({"[Content_Types].xml": "<Types/>", "word/document.xml": document})


def odt_with(body: str) -> bytes:
    """An OpenDocument text whose body is `body` (text:p and text:h elements)."""
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        f'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>{body}'
        "</office:text></office:body></office:document-content>"
    )
    return _zipped({"mimetype": ODT, "content.xml": content})
