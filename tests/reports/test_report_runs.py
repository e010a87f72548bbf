"""Asking for a report, following it, downloading it, retrying it: the manager's pages and the run's rules."""

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

import pytest

from kompotten.models import User
from reports import runner, schedule, services
from reports.models import ReportDownload, ReportFormat, ReportKind, ReportRun, RunOrigin, RunState
from tests.reports.report_files import file_text, normalised


def ask(client, kind, **fields):
    prefix = {"annual": "arsrapport", "monthly": "manad", "range": "period"}[kind]
    return client.post(reverse("reports:run_create"), {"kind": kind, **{f"{prefix}-{k}": v for k, v in fields.items()}})


def test_a_manager_asks_for_monthly_statistics_and_downloads_them_once_ready(client, manager, run_tasks):
    client.force_login(manager)
    with run_tasks():
        response = ask(client, "monthly", month="2025-03", file_format="csv")
    run = ReportRun.objects.get()
    assert response.url == reverse("reports:run_detail", args=[run.pk])
    assert (run.state, run.requested_by, run.period_start, run.period_end) == (
        RunState.READY,
        manager,
        date(2025, 3, 1),
        date(2025, 3, 31),
    )
    assert client.get(response.url).context["run"].state == RunState.READY
    status = client.get(reverse("reports:run_status", args=[run.pk])).json()
    assert status["state"] == "ready" and status["progress"] == 100 and status["finished"]
    download = client.get(reverse("reports:run_download", args=[run.pk]))
    content = b"".join(download.streaming_content)
    assert download["Content-Disposition"] == 'attachment; filename="manadsstatistik-2025-03.csv"'
    assert content.startswith(b"\xef\xbb\xbf") and b";" in content
    assert ReportDownload.objects.get().user == manager


def test_a_period_in_the_future_is_refused_with_a_message_and_nothing_is_queued(client, manager):
    client.force_login(manager)
    next_year = timezone.localdate().year + 1
    response = ask(client, "range", start=f"{next_year}-01-01", end=f"{next_year}-01-31")
    assert response.status_code == 400
    assert "Perioden har inte börjat än" in response.content.decode()
    assert response.context["forms"]["range"]["start"].value() == f"{next_year}-01-01"
    response = ask(client, "range", start="2025-03-01", end="2025-02-01")
    assert "Periodens slut måste vara samma dag som början eller senare" in response.content.decode()
    response = ask(client, "monthly", month="mars", file_format="pdf")
    assert "till exempel 2025-03" in response.content.decode()
    assert not ReportRun.objects.exists()


@pytest.mark.parametrize(
    ("start", "end", "whole"),
    [
        ("2025-03-01", "2025-03-31", True),  # a month
        ("2025-04-01", "2025-06-30", True),  # a quarter
        ("2024-01-01", "2025-12-31", True),  # whole years
        ("2025-03-05", "2025-03-20", False),
        ("2025-02-01", "2025-04-30", False),  # three months, not a quarter
        ("2025-01-01", "2025-11-30", False),
    ],
)
def test_a_period_that_leaves_the_unit_is_a_whole_month_quarter_or_years(client, manager, start, end, whole):
    """Two overlapping periods of any length would give single events back by subtraction."""
    assert services.is_whole_period(date.fromisoformat(start), date.fromisoformat(end)) == whole
    if not whole:
        client.force_login(manager)
        response = ask(client, "range", start=start, end=end)
        assert "hel kalendermånad, ett helt kvartal eller hela kalenderår" in response.content.decode()
        assert not ReportRun.objects.exists()


def test_a_failing_template_fails_the_run_with_a_reason_and_a_retry_makes_it(client, manager, run_tasks, monkeypatch):
    from reports import monthly  # noqa: PLC0415

    def broken(*args, **kwargs):
        raise RuntimeError("template")

    monkeypatch.setattr(monthly, "render_pdf", broken)
    client.force_login(manager)
    with run_tasks():
        ask(client, "monthly", month="2025-03", file_format="pdf")
    run = ReportRun.objects.get()
    assert run.state == RunState.FAILED and "tekniskt fel (RuntimeError)" in run.failure_reason
    assert not run.file_name
    page = client.get(reverse("reports:run_detail", args=[run.pk])).content.decode()
    assert "tekniskt fel" in page and "Försök igen" in page
    assert client.get(reverse("reports:run_download", args=[run.pk])).status_code == 404
    monkeypatch.undo()
    with run_tasks():
        client.post(reverse("reports:run_retry", args=[run.pk]))
    run.refresh_from_db()
    assert run.state == RunState.READY and run.attempts == 1
    assert "Underrättelser" in file_text(run)


def test_running_a_finished_run_again_makes_no_second_file(manager, run_tasks, settings):
    with run_tasks():
        run = services.report_run_request(
            kind=ReportKind.MONTHLY, period_start=date(2025, 3, 1), period_end=date(2025, 3, 31), acting_user=manager
        )
    run.refresh_from_db()
    checksum = run.checksum
    assert runner.execute(run.pk) == "done"
    run.refresh_from_db()
    assert run.checksum == checksum and run.attempts == 1
    files = list((settings.PRIVATE_MEDIA_ROOT / "reports" / str(run.pk)).iterdir())
    assert [path.name for path in files] == [run.download_name]


def test_a_run_that_keeps_dying_fails_after_three_attempts(manager):
    run = ReportRun.objects.create(
        kind=ReportKind.MONTHLY,
        period_start=date(2025, 3, 1),
        period_end=date(2025, 3, 31),
        requested_by=manager,
        state=RunState.RUNNING,
        attempts=runner.MAX_ATTEMPTS,
    )
    assert runner.execute(run.pk) == "done"
    run.refresh_from_db()
    assert run.state == RunState.FAILED and "avbröts 3 gånger" in run.failure_reason


def test_a_manager_sees_own_and_scheduled_runs_but_not_a_colleagues(client, manager, organisation):
    colleague = User.objects.create_user(
        "chef2@uppsala.example", first_name="Kim", last_name="Kollega", unit=manager.unit
    )
    colleague.groups.set(manager.groups.all())
    common = {"kind": ReportKind.MONTHLY, "period_start": date(2025, 3, 1), "period_end": date(2025, 3, 31)}
    own = ReportRun.objects.create(**common, requested_by=manager)
    scheduled = ReportRun.objects.create(**common, origin=RunOrigin.SCHEDULE)
    theirs = ReportRun.objects.create(**common, requested_by=colleague)
    client.force_login(manager)
    listed = client.get(reverse("reports:run_list")).context["runs"]
    assert set(listed) == {own, scheduled}
    assert client.get(reverse("reports:run_detail", args=[theirs.pk])).status_code == 404


def test_the_run_list_pages_with_a_constant_number_of_queries(client, manager, django_assert_max_num_queries):
    common = {"kind": ReportKind.MONTHLY, "period_start": date(2025, 3, 1), "period_end": date(2025, 3, 31)}
    ReportRun.objects.bulk_create([ReportRun(**common, requested_by=manager) for _ in range(60)])
    client.force_login(manager)
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("reports:run_list"))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("reports:run_list") + "?sida=3")
    assert len(response.context["runs"]) == 10


@pytest.mark.parametrize(
    ("today", "made"),
    [(date(2026, 6, 1), 3), (date(2026, 6, 2), 0), (date(2026, 8, 3), 3), (date(2026, 8, 1), 0)],
)
def test_monthly_statistics_are_scheduled_on_the_first_working_day_only(organisation, run_tasks, today, made):
    """1 June 2026 is a Monday; 1 August 2026 a Saturday, so the first working day is Monday 3 August."""
    with run_tasks():
        ids = schedule.monthly_statistics_if_due(today)
        assert schedule.monthly_statistics_if_due(today) == []  # beat asking twice makes nothing more
    runs = ReportRun.objects.filter(pk__in=ids)
    assert len(ids) == made
    assert {run.file_format for run in runs} == ({"pdf", "csv", "xlsx"} if made else set())
    assert all(run.origin == RunOrigin.SCHEDULE and run.requested_by is None for run in runs)
    if made:
        previous = today.replace(day=1) - timedelta(days=1)
        assert {run.period_start for run in runs} == {previous.replace(day=1)}


def test_the_annual_draft_is_scheduled_on_the_first_working_day_of_january(organisation, run_tasks):
    """1 January is a holiday; 2 January 2026 is a Friday."""
    assert schedule.annual_draft_if_due(date(2026, 1, 1)) == []
    with run_tasks():
        [run_id] = schedule.annual_draft_if_due(date(2026, 1, 2))
    run = ReportRun.objects.get(pk=run_id)
    assert (run.kind, run.period_start, run.state) == (ReportKind.ANNUAL, date(2025, 1, 1), RunState.READY)


def test_the_monthly_statistics_as_a_workbook_and_csv_hold_the_same_protected_figures(manager, run_tasks):
    runs = {}
    for file_format in ReportFormat.values:
        with run_tasks():
            runs[file_format] = services.report_run_request(
                kind=ReportKind.MONTHLY,
                period_start=date(2025, 3, 1),
                period_end=date(2025, 3, 31),
                file_format=file_format,
                acting_user=manager,
            )
    texts = {}
    for file_format, run in runs.items():
        run.refresh_from_db()
        assert run.state == RunState.READY, run.failure_reason
        texts[file_format] = normalised(file_text(run))
    for text in texts.values():
        assert "Underrättelser per avsändare" in text and "Månadsstatistik" in text


def test_a_finished_run_keeps_how_long_counting_and_making_the_file_took(manager, run_tasks):
    with run_tasks():
        run = services.report_run_request(
            kind=ReportKind.ANNUAL, period_start=date(2025, 1, 1), period_end=date(2025, 12, 31), acting_user=manager
        )
    run.refresh_from_db()
    steps = [(timing["percent"], timing["step"]) for timing in run.step_timings]
    assert steps == [
        (0, ""),
        (10, "Förflyttningar mellan kommuner"),
        (35, "Boendekedjan"),
        (55, "Vräkningsförebyggande arbete"),
        (58, "Föregående år"),  # the same sections counted over the previous year, for the comparison
        (70, "Diagram"),
        (80, "Skapar PDF"),
    ]
    assert all(timing["seconds"] >= 0 for timing in run.step_timings)
    counting, making = run.seconds_making(file=False), run.seconds_making(file=True)
    assert counting == pytest.approx(sum(t["seconds"] for t in run.step_timings[1:5]))
    assert making == pytest.approx(sum(t["seconds"] for t in run.step_timings[5:])) and making > 0
