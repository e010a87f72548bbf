"""Every report URL answers 404 to anyone but a manager (caseworkers, partners, the administrator), whatever the
method, and a manager gets 404 for a run that is not theirs or scheduled."""

from datetime import date

from django.urls import reverse

import pytest

from reports.models import ReportKind, ReportRun
from tests.cases.test_not_found_without_access import id_url_names

RUN_URLS = ["reports:run_detail", "reports:run_status", "reports:run_retry", "reports:run_download"]
# A person's register extract: 404 for whoever may not open its person (tests/reports/test_register_extract.py).
EXTRACT_URLS = ["reports:person_extracts", "reports:extract_detail", "reports:extract_retry", "reports:extract_pdf"]
PLAIN_URLS = ["reports:start", "reports:run_create", "reports:run_list"]


def test_this_file_covers_every_url_of_the_namespace_that_takes_an_id():
    assert {name for name in id_url_names() if name.startswith("reports:")} == set(RUN_URLS) | set(EXTRACT_URLS)


@pytest.mark.parametrize(
    "persona", ["nexus_caseworker", "housing_handler", "eviction_caseworker", "partner_vasteras", "administrator"]
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_everyone_but_a_manager_gets_404_for_every_report_url(client, request, manager, persona, method):
    run = ReportRun.objects.create(
        kind=ReportKind.ANNUAL, period_start=date(2025, 1, 1), period_end=date(2025, 12, 31), requested_by=manager
    )
    client.force_login(request.getfixturevalue(persona))
    urls = [reverse(name) for name in PLAIN_URLS] + [reverse(name, args=[run.pk]) for name in RUN_URLS]
    for url in urls:
        assert getattr(client, method)(url).status_code == 404, (persona, url, method)


def test_a_manager_gets_404_for_a_run_that_does_not_exist(client, manager):
    client.force_login(manager)
    for name in RUN_URLS:
        method = client.post if name == "reports:run_retry" else client.get
        assert method(reverse(name, args=[999999])).status_code == 404
