"""Logs are one JSON object per line with the request they belong to, never show an identity number, and a server
error shows a Swedish page with the request id it was logged under."""

import json

from django.urls import path

import pytest

from kompotten import urls as project_urls
from kompotten.structured_logging import mask_identity_numbers


@pytest.mark.parametrize(
    "number", ["19850312-9812", "198503129812", "850312-9812", "8503129812", "850312+9812", "19920764-9827"]
)
def test_anything_shaped_like_an_identity_number_is_masked(number):
    assert mask_identity_numbers(f"Key (identity_number)=({number}) already exists") == (
        "Key (identity_number)=([personnummer]) already exists"
    )


@pytest.mark.parametrize("text", ["request 3f2a1b4c-1234-5678-9abc-def012345678", "2026-11-23T09:10:11", "id 42"])
def test_ids_dates_and_uuids_are_not_mistaken_for_identity_numbers(text):
    assert mask_identity_numbers(text) == text


def test_a_request_logs_one_line_with_its_id_user_status_and_no_query_string(client, nexus_caseworker, json_log):
    client.force_login(nexus_caseworker)
    response = client.get("/arenden/personer/?q=Karimi", HTTP_X_REQUEST_ID="proxy-request-0001")
    assert response["X-Request-ID"] == "proxy-request-0001"
    (line,) = [record for record in json_log() if record["event"] == "request_finished"]
    assert line["request_id"] == "proxy-request-0001"
    assert line["user_id"] == nexus_caseworker.pk
    assert (line["method"], line["path"], line["status"]) == ("GET", "/arenden/personer/", 200)
    assert {"time", "level", "logger", "duration_ms"} <= set(line)
    assert "Karimi" not in json.dumps(line)


def test_a_malformed_request_id_from_outside_is_replaced(client, organisation):
    response = client.get("/logga-in/", HTTP_X_REQUEST_ID='"><script>')
    assert len(response["X-Request-ID"]) == 32


def boom(request):
    raise RuntimeError("the database said: Key (identity_number)=(19850312-9812) already exists")


urlpatterns = [path("boom/", boom), *project_urls.urlpatterns]
handler500 = "kompotten.views.server_error"


@pytest.mark.urls(__name__)
def test_a_server_error_shows_a_swedish_page_and_is_logged_with_the_request_id(client, nexus_caseworker, json_log):
    client.force_login(nexus_caseworker)
    client.raise_request_exception = False
    response = client.get("/boom/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "Något gick fel" in page and "Traceback" not in page and "RuntimeError" not in page
    request_id = response["X-Request-ID"]
    assert request_id in page
    (error,) = [record for record in json_log() if record["level"] == "ERROR"]
    assert error["request_id"] == request_id
    assert "19850312-9812" not in json.dumps(error) and "[personnummer]" in error["exc_info"]
