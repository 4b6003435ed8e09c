"""Pages and JSON go out gzipped to a browser that accepts it; downloads do not (#12)."""

import gzip

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from akademia.core.middleware import CompressionMiddleware

BODY = "<p>Akademia Samorządowa</p>\n" * 200


def _through(response, accept="gzip, deflate, br"):
    request = RequestFactory().get("/", headers={"accept-encoding": accept} if accept else {})
    return CompressionMiddleware(lambda request: response)(request)


@pytest.mark.parametrize(
    "content_type",
    ["text/html; charset=utf-8", "application/json", "application/geo+json"],
)
def test_pages_and_json_are_compressed(content_type):
    response = _through(HttpResponse(BODY, content_type=content_type))
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert gzip.decompress(response.content).decode() == BODY


@pytest.mark.parametrize(
    ("content_type", "disposition"),
    [
        ("text/csv; charset=utf-8", 'attachment; filename="uwagi.csv"'),
        ("text/html; charset=utf-8", 'attachment; filename="raport.html"'),
        ("application/json", 'attachment; filename="plan.json"'),
        ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ""),
        ("application/pdf", 'inline; filename="list.pdf"'),
    ],
)
def test_downloads_and_other_types_are_not(content_type, disposition):
    response = HttpResponse(BODY.encode(), content_type=content_type)
    if disposition:
        response["Content-Disposition"] = disposition
    response = _through(response)
    assert not response.has_header("Content-Encoding")
    assert response.content == BODY.encode()


def test_nothing_is_compressed_for_a_client_that_does_not_ask():
    response = _through(HttpResponse(BODY), accept=None)
    assert not response.has_header("Content-Encoding")


def test_a_page_of_the_site_goes_out_compressed(client, db):
    response = client.get(reverse("accounts:login"), headers={"accept-encoding": "gzip"})
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert b"<html" in gzip.decompress(response.content)
