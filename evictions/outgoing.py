"""What of an eviction file leaves the unit (`cases.outgoing`): what our staff typed into each letter to the household,
the sender's name and reference printed in a receipt confirmation, and another party named in a consent form."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import Case
from cases.outbound import Channel
from cases.outgoing import OutgoingText
from evictions import letters
from evictions.models import Consent, EvictionFile, Letter, Notice


def _label(model, field: str) -> str:
    return str(model._meta.get_field(field).verbose_name)


def _file_url(file: EvictionFile, anchor: str = "") -> str:
    return reverse("evictions:file_detail", args=[file.case_id]) + anchor


def letter_text(file: EvictionFile, letter: Letter, streets: list[str]) -> OutgoingText:
    """`streets`: `letters.protected_streets(file)`, as when the letter was written. The address lines are the
    flat's own when the household had no protection then: a protection since makes that flat one to keep."""
    return OutgoingText(
        source=letter,
        label=_("Brev %(date)s, %(kind)s")
        % {"date": timezone.localdate(letter.created_at), "kind": letter.get_kind_display()},
        channel=Channel.LETTER,
        fields={
            "visit_place": (_label(Letter, "visit_place"), letter.visit_place),
            "address_lines": (_label(Letter, "address_lines"), letter.address_lines),
        },
        url=_file_url(file, f"#brev-{letter.pk}"),
        addresses_expected=frozenset({"visit_place", "address_lines"}),
        protected_addresses=tuple(streets),
    )


def receipt_text(file: EvictionFile, notice: Notice) -> OutgoingText:
    """The confirmation goes back to the sender, who knows the flat: its own name and reference may name it (an
    address is expected), but nothing else of a protected tenant."""
    return OutgoingText(
        source=notice,
        label=_("Mottagningsbekräftelse, underrättelse mottagen %(date)s") % {"date": notice.received_on},
        channel=Channel.LETTER,
        fields={
            "sender_name": (_label(Notice, "sender_name"), notice.sender_name),
            "sender_reference": (_label(Notice, "sender_reference"), notice.sender_reference),
        },
        url=_file_url(file),
        addresses_expected=frozenset({"sender_name", "sender_reference"}),
    )


def consent_text(file: EvictionFile, consent: Consent) -> OutgoingText:
    return OutgoingText(
        source=consent,
        label=_("Medgivande %(date)s") % {"date": timezone.localdate(consent.created_at)},
        channel=Channel.LETTER,
        fields={"other_named": (_label(Consent, "other_named"), consent.other_named)},
        url=_file_url(file),
    )


def texts(case: Case) -> list[OutgoingText]:
    file = EvictionFile.objects.filter(case=case).first()
    if file is None:
        return []
    streets = letters.protected_streets(file)
    return [
        *(letter_text(file, letter, streets) for letter in file.letters.all()),
        *(receipt_text(file, notice) for notice in file.notices.filter(receipt_requested=True)),
        *(consent_text(file, consent) for consent in file.consents.all()),
    ]
