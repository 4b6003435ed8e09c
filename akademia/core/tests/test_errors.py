"""Error pages in the site's layout and language, with a way back (issue #11)."""

import pytest
from django.contrib.auth.decorators import login_not_required
from django.db import OperationalError
from django.test import Client, RequestFactory
from django.urls import include, path, reverse
from django.views.defaults import server_error

from akademia.accounts.roles import Role
from akademia.accounts.tests.factories import make_user

HOME = 'href="/"'


def _polish_page(response, status: int, heading: str) -> str:
    html = response.content.decode() if hasattr(response, "content") else response
    assert response.status_code == status
    assert f"<h1>{heading}</h1>" in html
    assert 'class="site-header"' in html and HOME in html  # the normal layout, a way home
    assert 'lang="pl"' in html
    return html


def test_page_not_found(client, db):
    _polish_page(client.get("/nie-ma-takiej-strony/"), 404, "Nie znaleziono strony")


def test_no_access(client, db):
    client.force_login(make_user("u@example.org", Role.PARTICIPANT, jst="2409023"))
    _polish_page(client.get(reverse("accounts:user-list")), 403, "Brak dostępu")


def test_server_error(rf: RequestFactory, db):
    response = server_error(rf.get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "<h1>Coś poszło nie tak</h1>" in html and 'class="site-header"' in html


def test_bad_request(client, db):
    response = client.post(reverse("accounts:login"), CONTENT_LENGTH="nie-liczba")
    _polish_page(response, 400, "Nieprawidłowe żądanie")


def test_csrf_failure_says_the_form_expired(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("accounts:login"), {"username": "a", "password": "b"})
    html = _polish_page(response, 403, "Formularz wygasł")
    assert "cookie not set" not in html and "Forbidden" not in html


def test_error_pages_in_english_too(client, db, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/nie-ma-takiej-strony/").content.decode()
    assert "<h1>Page not found</h1>" in html


@login_not_required
def _database_down(request):
    raise OperationalError("server closed the connection unexpectedly")


@login_not_required
def _bug(request):
    raise ValueError("a bug")


# The site's URLs (the error pages link home) and two that fail.
urlpatterns = [
    path("baza/", _database_down),
    path("blad/", _bug),
    path("", include("akademia.config.urls")),
]
handler500 = "akademia.core.views.server_error"


@pytest.mark.urls("akademia.core.tests.test_errors")
def test_an_unreachable_database_answers_503_with_a_retry_not_500(db):
    client = Client(raise_request_exception=False)
    response = client.get("/baza/")
    html = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "<h1>Serwis chwilowo niedostępny</h1>" in html and "Nic nie zginęło" in html
    assert client.get("/blad/").status_code == 500  # a bug stays a 500


def test_a_kept_connection_is_checked_before_reuse(settings):
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True
