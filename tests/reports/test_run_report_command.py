"""`manage.py run_report annual --year <last year>` on the demo data writes a tagged PDF whose text holds every
section and no demo person's name, number or address; bad input is refused with a message."""

import re
from io import BytesIO, StringIO

from django.core.management import CommandError, call_command
from django.utils import timezone

import pytest
from pypdf import PdfReader

from kompotten.celery import app as celery_app
from reports.models import ReportRun, RunOrigin, RunState
from tests.conftest import restore_migration_data
from tests.reports.report_files import missing_columns, tables_of, text_on_the_page

SECTIONS = [
    "Sammanfattning",
    "Tabell 1. Ärenden inom",  # once per network with requests in the year (the demo's last year: Länskompotten)
    "Tabell 2.",
    "Handläggningstid mot fristerna",
    "Ömsesidighet per samverkanskommun",
    "Lägenheter som hyresvärden reserverat",
    "Remisser till bostadsenheten",
    "Placeringar i skyddat boende som avslutades",
    "Kundvård",
    "Kvoter per hyresvärd",
    "Månad för månad",
    "Underrättelser per avsändare",
    "Steg i kontakttrappan",
    "Avslutade ärenden per utfall",
]


@pytest.fixture
def in_process(transactional_db):
    """As without a broker: the task runs in this process when the run's transaction commits."""
    restore_migration_data()
    celery_app.conf.task_always_eager = celery_app.conf.task_eager_propagates = True
    yield
    celery_app.conf.task_always_eager = celery_app.conf.task_eager_propagates = False


def test_the_annual_report_of_the_demo_holds_every_section(in_process, tmp_path, rendered):
    call_command("seed_demo", stdout=StringIO())
    out = tmp_path / "report.pdf"
    year = timezone.localdate().year - 1
    call_command("run_report", "annual", "--year", str(year), "--out", str(out), stdout=StringIO(), stderr=StringIO())
    reader = PdfReader(BytesIO(out.read_bytes()))
    assert reader.trailer["/Root"]["/Lang"] == "sv" and "/StructTreeRoot" in reader.trailer["/Root"]
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert [section for section in SECTIONS if section not in text] == []
    # The year before beside it (the demo has notices, requests and inquiries in both years), with the change.
    assert f"Uppgifterna {year} jämförda med {year - 1}" in text
    assert re.search(r"Underrättelser \d+ \d+ [+\u2212]\d+", text)
    # Every section with real numbers in both years: households housed here (handed over, housed the same year) and
    # the letters written month by month (the ladder's letter step is a letter), printed and not zero.
    housed = re.search(r"Hushåll som fått lägenhet här (\d+) (\d+) [+\u2212]\d+", text)
    assert housed and int(housed[1]) > 0 and int(housed[2]) > 0, text[text.index("Hushåll som fått lägenhet här") :][
        :80
    ]
    letters = re.search(r"(?<!Steg i kontakttrappan )Brev (\d+) (\d+) [+\u2212]\d+", text)
    assert letters and int(letters[1]) > 0 and int(letters[2]) > 0
    html_tables = {table.caption: table for table in tables_of(rendered[-1][0])}
    month_totals = html_tables["Månad för månad (del 3 av 3)"].rows[-1]
    assert month_totals[0] == "Summa" and int(month_totals[1].replace("\u00a0", "")) > 0  # "Brev", this year
    # Every column of every table, with the demo's figures, on the paper (the report is the last PDF made).
    html, _content = rendered[-1]
    assert missing_columns(html, text_on_the_page(out.read_bytes())) == []
    run = ReportRun.objects.get(origin=RunOrigin.COMMAND)
    assert run.state == RunState.READY and run.requested_by is None


def test_a_future_year_is_refused_with_a_message(in_process):
    with pytest.raises(CommandError, match="Perioden har inte börjat än"):
        call_command("run_report", "annual", "--year", str(timezone.localdate().year + 1), stderr=StringIO())
    assert not ReportRun.objects.exists()
