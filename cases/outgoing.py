"""Text that leaves the unit is checked again each time it is output, not only when it was written.

`cases.outbound` checks a caseworker's text when it is written. A person can become protected later, or get a
protected address, workplace or school registered, after a text about them was written: the decision letter is
printed again next month, the partner reads the thread tomorrow. So every output of such text asks the same check
again, here, at that moment (`refusals`), and a refused text does not leave:

- a PDF view (the decision letter, an eviction letter, a receipt, a consent form) calls `refuse_output`: it answers
  with the page the PDF is made from and a message naming the field and why, and no PDF;
- the request page a partner reads calls `withhold`: a refused item is marked (`withheld`: its refused fields) and
  the page shows the neutral "Innehållet är undanhållet" instead, with no hint why;
- each refusal is logged (`outbound_text_refused`, ids only, `at="output"`);
- the case page lists what needs fixing for the case's handlers (`needs_fixing`).

Each kind of case says which of its texts leave the unit, as `OutgoingText`s: one function per kind in `SOURCES`
for the case page, built from one function per item that the views outputting that item call too.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.module_loading import import_string
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from cases.access import AccessPolicy
from cases.models import Case
from cases.outbound import Channel, Found, log_refusal, protected_data_for, refused_fields
from kompotten.capabilities import Capability

# Where each kind of case lists the texts of it that leave the unit: `texts(case) -> list[OutgoingText]`.
SOURCES = {
    Case.Kind.RELOCATION: "cases.relocation.outgoing.texts",
    Case.Kind.HOUSING: "housing.outgoing.texts",
    Case.Kind.EVICTION: "evictions.outgoing.texts",
    Case.Kind.SUPPORT: "housing.outgoing.support_texts",
}
# What a shared document carries out as a partner downloads it, `texts(case, document)`: partners read what is
# shared with them on a relocation request, so relocation says which of a document's texts leave.
DOCUMENT_DOWNLOAD = "cases.relocation.outgoing.download_texts"


@dataclass(frozen=True)
class OutgoingText:
    """One item of our staff's text that leaves the unit each time it is output."""

    source: object  # the row it is read from: logged by its id, marked `withheld` for the page that shows it
    label: str  # what it is, to our staff: "Beslutsbrev 2026-11-18"; never personal data
    channel: Channel
    fields: Mapping[str, tuple[str, str]]  # field name -> (its label, the text as it leaves)
    url: str  # the page where our staff find it, and where a refused PDF goes back to
    addresses_expected: frozenset[str] = frozenset()  # as in `check_outbound_text`
    protected_addresses: tuple[str, ...] = ()  # as in `check_outbound_text`
    whole_documents: frozenset[str] = frozenset()  # as in `check_outbound_text`: fields holding a file's text


@dataclass(frozen=True)
class Refusal:
    text: OutgoingText
    field: str
    found: Found

    @property
    def field_label(self) -> str:
        return capfirst(str(self.text.fields[self.field][0]))

    @property
    def reason(self) -> str:
        return str(self.found.value)


def refusals(case: Case, texts: Iterable[OutgoingText], *, log: bool = True) -> list[Refusal]:
    """Every field of `texts` that may not leave now: the check of `check_outbound_text`, at the moment of output.
    Each text's source is marked with its refused fields (`source.withheld`); each refusal is logged."""
    texts = list(texts)
    if not texts:
        return []
    data = {}  # the case's protected data, with the addresses an app adds (one read for each set of them)
    found = []
    for text in texts:
        if text.protected_addresses not in data:
            data[text.protected_addresses] = protected_data_for(case, addresses=text.protected_addresses)
        values = {name: value for name, (_label, value) in text.fields.items()}
        refused = refused_fields(
            values,
            data[text.protected_addresses],
            addresses_expected=text.addresses_expected,
            whole_documents=text.whole_documents,
        )
        for name, what in refused.items():
            found.append(Refusal(text, name, what))
            if log:
                item = f"{text.source._meta.label_lower}:{text.source.pk}"
                log_refusal(case, field=name, found=what, channel=text.channel, at="output", item=item)
        text.source.withheld = frozenset(refused)
    return found


def withhold(case: Case, texts: Iterable[OutgoingText]) -> None:
    """For a page a partner reads: marks each text's refused fields (`withheld`), for the placeholder."""
    refusals(case, texts)


def refuse_output(request, policy: AccessPolicy, case: Case, texts: Iterable[OutgoingText]):
    """For a PDF view, before it renders: None when its texts may leave now; otherwise the page the PDF is made
    from, with a message per refused field, and no PDF. What was found is said to those who see every protected
    person of the case; to others the message says no more than that a protected person's details are there."""
    found = refusals(case, texts)
    if not found:
        return None
    sees_who = policy.documents_visible(case)  # (whoever reads the case's documents sees everyone protected in it)
    neutral = _("Texten innehåller uppgifter om en person med skyddade personuppgifter.")
    for refusal in found:
        reason = refusal.reason if sees_who else neutral
        messages.error(
            request,
            _("%(what)s skrivs inte ut. Fältet ”%(field)s”: %(reason)s")
            % {"what": refusal.text.label, "field": refusal.field_label, "reason": reason},
        )
    return redirect(found[0].text.url)


def document_download_texts(case: Case, document) -> list[OutgoingText]:
    """The texts `document` carries out of the unit as it is downloaded (its title, its file's text)."""
    return import_string(DOCUMENT_DOWNLOAD)(case, document)


def needs_fixing(policy: AccessPolicy, case: Case) -> list[Refusal]:
    """What of the case's outgoing text is refused now, for the case page of those who work on it and see every
    protected person in it (its handlers). A case without a protected person refuses nothing: it is not read."""
    if not (policy.case_is_protected(case) and policy.holds(Capability.CASEWORK) and policy.documents_visible(case)):
        return []
    return refusals(case, import_string(SOURCES[case.kind])(case), log=False)
