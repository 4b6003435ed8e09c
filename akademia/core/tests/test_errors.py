"""Error pages in the site's layout and language, with a way back (issue #11)."""

from django.test import Client, RequestFactory
from django.urls import reverse
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
