"""Retention (gallring) as data: the rules and their exceptions an administrator sets, the yearly list of what is
due, the manager's approval, and the record of every culling. How the list is built and a file culled is in
`cases.services.retention`; which kinds of record exist, in `cases.retention`.

None of these rows holds personal data: a list item names its case by number, and a culling record says what kind
of rows went, never whose.
"""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from simple_history.models import HistoricalRecords

from cases.retention import record_kind_choices
from cases.workflow import RetentionListState


class RetentionRule(models.Model):
    """Gallringsregel: a kind of record is culled `years` after its last entry, by the end of the following year."""

    record_kind = models.CharField(_("typ av handling"), max_length=30, choices=record_kind_choices)
    years = models.PositiveSmallIntegerField(
        _("år efter sista anteckningen"), default=5, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    legal_basis = models.TextField(_("rättslig grund"))
    active = models.BooleanField(_("gäller"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["record_kind"]
        verbose_name = _("gallringsregel")
        verbose_name_plural = _("gallringsregler")
        constraints = [
            models.UniqueConstraint(fields=["record_kind"], condition=Q(active=True), name="retention_rule_one_active")
        ]

    def __str__(self):
        return f"{self.get_record_kind_display()}: {self.years}"


class RetentionException(models.Model):
    """Undantag från gallring: files kept although due, for example for research (people born on the 5th, 15th and
    25th of a month). `kind` says which test applies; its parameters are the fields beside it."""

    class Kind(models.TextChoices):
        BIRTH_DAY = "birth_day", _("Personen är född på någon av dagarna i månaden")

    name = models.CharField(_("benämning"), max_length=150)
    kind = models.CharField(_("typ av undantag"), max_length=20, choices=Kind.choices, default=Kind.BIRTH_DAY)
    days = ArrayField(
        models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(31)]),
        verbose_name=_("dagar i månaden"),
        help_text=_("Kommaseparerade dagar, till exempel 5,15,25."),
        default=list,
        blank=True,
    )
    record_kinds = ArrayField(
        models.CharField(max_length=30, choices=record_kind_choices),
        verbose_name=_("gäller typer av handling"),
        help_text=_("Tomt: alla typer."),
        default=list,
        blank=True,
    )
    legal_basis = models.TextField(_("rättslig grund"))
    active = models.BooleanField(_("gäller"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("undantag från gallring")
        verbose_name_plural = _("undantag från gallring")

    def __str__(self):
        return self.name

    def applies_to(self, record_kind: str) -> bool:
        return not self.record_kinds or record_kind in self.record_kinds


class RetentionList(models.Model):
    """Gallringslista: the files due in a year, listed by the yearly job and culled when a manager approves it."""

    # Its moves are the table `cases.workflow.RETENTION_LIST`'s.
    State = RetentionListState

    year = models.PositiveSmallIntegerField(_("år"), unique=True)
    created_at = models.DateTimeField(_("upprättad"), auto_now_add=True)
    state = models.CharField(_("status"), max_length=20, choices=State.choices, default=State.PENDING)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("godkänd av"),
    )
    approved_at = models.DateTimeField(_("godkänd"), null=True, blank=True)
    superseded_by = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded",
        verbose_name=_("ersatt av"),
    )
    superseded_at = models.DateTimeField(_("ersatt"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("gallringslista")
        verbose_name_plural = _("gallringslistor")

    def __str__(self):
        return str(self.year)


class RetentionItem(models.Model):
    """One file on a list: which case, its last entry, when it fell due and why."""

    class Outcome(models.TextChoices):
        DUE = "due", _("Ska gallras")
        CULLED = "culled", _("Gallrad")
        KEPT = "kept", _("Behålls: ny uppgift sedan listan upprättades")

    retention_list = models.ForeignKey(RetentionList, on_delete=models.CASCADE, related_name="items")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="+")
    case_number = models.CharField(_("ärendenummer"), max_length=20)
    record_kind = models.CharField(_("typ av handling"), max_length=30, choices=record_kind_choices)
    last_entry_on = models.DateField(_("sista anteckning"))
    due_on = models.DateField(_("gallringsbar från"))
    cull_by = models.DateField(_("gallras senast"))
    reason = models.TextField(_("skäl"))
    outcome = models.CharField(_("utfall"), max_length=20, choices=Outcome.choices, default=Outcome.DUE)

    class Meta:
        ordering = ["due_on", "case_id"]
        verbose_name = _("post på gallringslistan")
        verbose_name_plural = _("poster på gallringslistan")
        constraints = [models.UniqueConstraint(fields=["retention_list", "case"], name="retention_item_unique")]

    def __str__(self):
        return self.case_number


class Culling(models.Model):
    """Gallringslogg: one file culled: what, when, under which rule, approved by whom. Never personal data."""

    at = models.DateTimeField(_("gallrad"))
    retention_list = models.ForeignKey(RetentionList, on_delete=models.PROTECT, related_name="cullings")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="+")
    case_number = models.CharField(_("ärendenummer"), max_length=20)
    record_kind = models.CharField(_("typ av handling"), max_length=30, choices=record_kind_choices)
    last_entry_on = models.DateField(_("sista anteckning"))
    legal_basis = models.TextField(_("rättslig grund"))
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("godkänd av")
    )
    notes_deleted = models.PositiveIntegerField(_("journalanteckningar borttagna"), default=0)
    documents_deleted = models.PositiveIntegerField(_("dokument borttagna"), default=0)
    persons_culled = models.PositiveIntegerField(_("personuppgifter gallrade för personer"), default=0)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("gallring")
        verbose_name_plural = _("gallringslogg")

    def __str__(self):
        return f"{self.case_number} {self.at:%Y-%m-%d}"
