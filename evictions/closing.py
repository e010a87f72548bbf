"""When a file may be closed on a ground, and which files are ready to close (a minor warning answered with only a
contact letter, about a month on). `evictions.services.file_close` applies these rules."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db.models import Exists, Max, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from dateutil.relativedelta import relativedelta

from evictions.models import Closure, Contact, EvictionFile, Letter, LetterKind, Notice
from evictions.workflow import NOT_CLOSED, FileStatus

MINOR_WARNING_WAIT = timedelta(days=28)  # "about a month"
QUIET_PERIOD = relativedelta(months=3)

Ground, Outcome = Closure.Ground, Closure.Outcome


def _has_reason(file: EvictionFile, *reasons: str) -> bool:
    return file.notices.filter(reasons__overlap=list(reasons)).exists()


def _latest(file: EvictionFile, **filters) -> date | None:
    return file.notices.filter(**filters).aggregate(latest=Max("received_on"))["latest"]


def check(file: EvictionFile, *, ground: str, outcome: str, closed_on: date, note: str, attended) -> None:
    """Raises a ValidationError saying why the file cannot be closed on this ground yet."""
    rule = {
        Ground.DEBT_PAID: _debt_paid,
        Ground.CLEANED: _cleaned,
        Ground.QUIET: _quiet,
        Ground.MINOR_WARNING: _minor_warning,
        Ground.EVICTION_EXECUTED: _executed,
        Ground.EVICTION_WITHDRAWN: _withdrawn,
        Ground.OTHER: _other,
    }[ground]
    rule(file, outcome=outcome, closed_on=closed_on, note=note, attended=attended)


def _debt_paid(file, *, outcome, **_ignored):
    if not _has_reason(file, Notice.Reason.RENT_DEBT, Notice.Reason.LATE_PAYMENT):
        raise ValidationError({"ground": _("Ingen underrättelse i ärendet gäller hyresskuld.")})
    if outcome == Outcome.EVICTED:
        raise ValidationError({"outcome": _("En betald skuld och en avhysning går inte ihop. Välj rätt grund.")})


def _cleaned(file, *, note, **_ignored):
    if not _has_reason(file, Notice.Reason.NEGLECT):
        raise ValidationError({"ground": _("Ingen underrättelse i ärendet gäller vanvård.")})
    if not note.strip():
        raise ValidationError({"note": _("Skriv när lägenheten besiktigades och av vem.")})


def _quiet(file, *, closed_on, **_ignored):
    latest = _latest(file, reasons__contains=[Notice.Reason.DISTURBANCE])
    if latest is None:
        raise ValidationError({"ground": _("Ingen underrättelse i ärendet gäller störningar.")})
    if closed_on < latest + QUIET_PERIOD:
        raise ValidationError(
            {"ground": _("Vänta en lugn period på tre månader: tidigast %(date)s.") % {"date": latest + QUIET_PERIOD}}
        )


def _minor_warning(file, *, closed_on, **_ignored):
    if (
        file.notices.exclude(kind=Notice.Kind.WARNING).exists()
        or file.letters.exclude(kind=LetterKind.CONTACT).exists()
    ):
        raise ValidationError({"ground": _("Grunden gäller bara varningar som besvarats med enbart kontaktbrev.")})
    latest = _latest(file)
    if latest and closed_on < latest + MINOR_WARNING_WAIT:
        raise ValidationError(
            {"ground": _("Vänta ungefär en månad: tidigast %(date)s.") % {"date": latest + MINOR_WARNING_WAIT}}
        )


def _executed(file, *, outcome, attended, **_ignored):
    if not file.notices.filter(kind=Notice.Kind.EVICTION).exists():
        raise ValidationError({"ground": _("Ingen underrättelse från Kronofogden om avhysning finns i ärendet.")})
    if outcome != Outcome.EVICTED:
        raise ValidationError({"outcome": _("En verkställd avhysning har utfallet Avhystes.")})
    if attended is None:
        raise ValidationError({"social_services_attended": _("Ange om socialtjänsten var på plats vid avhysningen.")})


def _withdrawn(file, *, outcome, **_ignored):
    if not file.notices.filter(kind=Notice.Kind.EVICTION).exists():
        raise ValidationError({"ground": _("Ingen underrättelse från Kronofogden om avhysning finns i ärendet.")})
    if outcome == Outcome.EVICTED:
        raise ValidationError({"outcome": _("En återkallad avhysning har inte utfallet Avhystes.")})


def _other(file, *, note, **_ignored):
    if not note.strip():
        raise ValidationError({"note": _("Skriv skälet till avslutet.")})


def ready_to_close(files: QuerySet[EvictionFile], today: date | None = None) -> QuerySet[EvictionFile]:
    """Open files of minor warnings answered with only a contact letter, about a month ago or more (and files a
    caseworker marked ready to close)."""
    today = today or timezone.localdate()
    other_notice = Notice.objects.filter(file=OuterRef("pk")).exclude(kind=Notice.Kind.WARNING)
    recent_notice = Notice.objects.filter(file=OuterRef("pk"), received_on__gt=today - MINOR_WARNING_WAIT)
    contact_letter = Letter.objects.filter(file=OuterRef("pk"), kind=LetterKind.CONTACT)
    other_letter = Letter.objects.filter(file=OuterRef("pk")).exclude(kind=LetterKind.CONTACT)
    minor = (
        Q(status=FileStatus.OPEN)
        & Exists(contact_letter)
        & ~Exists(other_letter)
        & ~Exists(other_notice)
        & ~Exists(recent_notice)
        & ~Exists(Contact.objects.filter(file=OuterRef("pk")))
    )
    # The status list first, so the status index narrows the files before the EXISTS probes run.
    open_or_ready = files.filter(status__in=NOT_CLOSED)
    return open_or_ready.filter(minor | Q(status=FileStatus.READY_TO_CLOSE))
