"""The access log a page at a time: newest first, "Äldre" and "Nyare" from a position, never a count of the log;
and the monthly review's counts, made in the database."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from cases.log_review import PAGE_SIZE
from cases.models import AccessLogEntry
from kompotten.paging import NEWER, OLDER

Action, Grant = AccessLogEntry.Action, AccessLogEntry.Grant
URL = reverse("cases:access_log")


@pytest.fixture
def logged(world, nexus_caseworker, nexus_colleague, partner_vasteras) -> list[int]:
    """Two and a half pages of views, three to a moment (the id breaks the tie), every other one by the colleague;
    a partner's download in our case (ours to review) and one outside it. Returns our log's ids, newest first."""
    start = timezone.now() - timedelta(days=3)
    rows = [
        AccessLogEntry(
            at=start + timedelta(minutes=i // 3),
            user=nexus_colleague if i % 2 else nexus_caseworker,
            person=world.protected,
            case=world.nexus_case,
            action=Action.VIEW_IDENTITY,
            grant=Grant.ASSIGNMENT,
        )
        for i in range(2 * PAGE_SIZE + 7)
    ]
    rows.append(
        AccessLogEntry(
            at=start, user=partner_vasteras, case=world.nexus_case, action=Action.DOWNLOAD_DOCUMENT, grant=Grant.NONE
        )
    )
    AccessLogEntry.objects.bulk_create(rows)
    AccessLogEntry.objects.create(at=start, user=partner_vasteras, action=Action.DOWNLOAD_PDF, grant=Grant.NONE)
    ours = AccessLogEntry.objects.filter(case=world.nexus_case)
    return list(ours.order_by("-at", "-id").values_list("pk", flat=True))


def walk(client, direction, query=""):
    """Follows the "Äldre" (or "Nyare") links from `query` to the end: the ids of each page."""
    pages = []
    while query is not None:
        response = client.get(f"{URL}?{query}")
        assert response.status_code == 200
        pages.append([row.entry.pk for row in response.context["rows"]])
        page = response.context["page"]
        query = page.older_query if direction == OLDER else page.newer_query
    return pages, response.wsgi_request.GET.urlencode()  # the last page's own query


def test_older_pages_go_newest_first_without_duplicates_or_gaps(client, manager, logged):
    client.force_login(manager)
    pages, _last = walk(client, OLDER)
    assert [len(page) for page in pages] == [PAGE_SIZE, PAGE_SIZE, len(logged) - 2 * PAGE_SIZE]
    assert [pk for page in pages for pk in page] == logged


def test_newer_pages_lead_back_to_the_same_pages(client, manager, logged):
    client.force_login(manager)
    older, last_query = walk(client, OLDER)
    newer, _first = walk(client, NEWER, last_query)
    assert newer == older[::-1]


def test_the_first_page_has_no_newer_link_and_the_last_no_older(client, manager, logged):
    client.force_login(manager)
    first = client.get(URL)
    assert first.context["page"].newer_query is None
    assert 'rel="next"' in first.content.decode() and "Äldre" in first.content.decode()
    assert 'rel="prev"' not in first.content.decode()
    _pages, last_query = walk(client, OLDER)
    last = client.get(f"{URL}?{last_query}")
    assert last.context["page"].older_query is None and "Nyare" in last.content.decode()


def test_a_filter_is_kept_on_every_page(client, manager, nexus_colleague, logged):
    client.force_login(manager)
    pages, _last = walk(client, OLDER, f"anvandare={nexus_colleague.pk}")
    assert len(pages) == 2
    colleagues = AccessLogEntry.objects.filter(user=nexus_colleague).order_by("-at", "-id")
    assert [pk for page in pages for pk in page] == list(colleagues.values_list("pk", flat=True))
    second = client.get(URL, {"anvandare": nexus_colleague.pk}).context["page"].older_query
    assert f"anvandare={nexus_colleague.pk}" in second


def test_a_page_deep_in_the_log_costs_the_queries_of_the_first_and_nothing_is_counted(client, manager, logged):
    client.force_login(manager)
    client.get(URL)  # the process-wide caches warm

    def queries(query=""):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"{URL}?{query}").status_code == 200
        return [query["sql"] for query in captured.captured_queries]

    second = client.get(URL).context["page"].older_query
    third = client.get(f"{URL}?{second}").context["page"].older_query
    first, deep = queries(), queries(third)
    assert len(first) == len(queries(second)) == len(deep)
    assert not any("COUNT(" in sql for sql in first + deep)


def test_a_malformed_position_shows_the_newest_rows(client, manager, logged):
    client.force_login(manager)
    response = client.get(URL, {OLDER: "not-a-position"})
    assert response.status_code == 200
    assert [row.entry.pk for row in response.context["rows"]] == logged[:PAGE_SIZE]


# --- the monthly review ------------------------------------------------------------------------------------------
def views(user, world, count, *, grant=Grant.ASSIGNMENT, at=None):
    return [
        AccessLogEntry(
            user=user,
            person=world.protected,
            case=world.nexus_case,
            action=Action.VIEW_IDENTITY,
            grant=grant,
            at=at or timezone.now(),
        )
        for _ in range(count)
    ]


def test_the_review_counts_each_users_views_of_the_month_and_flags_the_unusual(
    client, world, manager, nexus_caseworker, nexus_colleague, housing_handler, eviction_caseworker
):
    AccessLogEntry.objects.bulk_create(
        views(nexus_caseworker, world, 30)  # over 20 and three times the others' median (4.5): unusual
        + views(nexus_colleague, world, 5, grant=Grant.PERSON)
        + views(housing_handler, world, 4)
        + views(eviction_caseworker, world, 9, at=timezone.now() - timedelta(days=62))  # another month
    )
    AccessLogEntry.objects.create(
        user=housing_handler,
        person=world.protected,
        case=world.nexus_case,
        action=Action.DOWNLOAD_DOCUMENT,
        grant=Grant.ASSIGNMENT,
    )  # not a view
    client.force_login(manager)
    summary = client.get(reverse("cases:access_review"), {"manad": f"{timezone.localdate():%Y-%m}"}).context["summary"]
    assert summary.identity_views == 39
    assert summary.unusual == [(nexus_caseworker, 30)]
    assert summary.not_assigned_total == 5 and len(summary.not_assigned) == 5


def test_the_review_shows_a_page_of_the_accesses_by_users_not_assigned_and_says_how_many(
    client, world, manager, nexus_colleague
):
    AccessLogEntry.objects.bulk_create(views(nexus_colleague, world, PAGE_SIZE + 3, grant=Grant.PERSON))
    client.force_login(manager)
    response = client.get(reverse("cases:access_review"), {"manad": f"{timezone.localdate():%Y-%m}"})
    summary = response.context["summary"]
    assert (len(summary.not_assigned), summary.not_assigned_total) == (PAGE_SIZE, PAGE_SIZE + 3)
    assert f"De {PAGE_SIZE} senaste av {PAGE_SIZE + 3} visas." in response.content.decode()
