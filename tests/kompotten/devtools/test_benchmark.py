"""`manage.py benchmark` runs every app's pages on a small data set, and leaves nothing behind."""

from io import StringIO

from django.core.management import call_command

from cases.models import Case


def test_the_benchmark_times_every_apps_pages_and_rolls_its_data_back(organisation):
    out = StringIO()
    call_command("benchmark", cases=3, repeat=1, stdout=out)
    report = out.getvalue()
    assert "cases: data for 3" in report
    assert "/arenden/" in report and "queries" in report
    # The culling log (a manager's list page) costs a few queries, the same on a later page.
    log_queries = {int(line.split()[-2]) for line in report.splitlines() if "/arenden/gallring/logg/" in line}
    assert len(log_queries) == 1 and log_queries.pop() <= 12, report
    assert report.rstrip().endswith("Data rolled back.")
    assert not Case.objects.exists()
