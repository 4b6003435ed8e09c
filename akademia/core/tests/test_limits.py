"""Request bodies are capped before Django reads them; signed-in answers are never cached."""

from django.conf import settings
from django.test import RequestFactory
from django.urls import reverse

from akademia.accounts.tests.factories import PASSWORD


def test_a_request_over_the_cap_gets_413_before_any_view_runs(client, db, settings):
    from axes.models import AccessAttempt

    settings.MAX_REQUEST_BYTES = 6 * 1024 * 1024
    response = client.post(
        reverse("accounts:login"),
        {"username": "ktos@example.org", "password": "zle"},
        CONTENT_LENGTH=str(50 * 1024 * 1024),
    )
    assert response.status_code == 413
    assert "za duż" in response.content.decode()  # a Polish page says why
    assert not AccessAttempt.objects.exists()  # the login view never saw it


def test_the_cap_middleware_does_not_call_the_view(settings):
    from akademia.core.middleware import RequestSizeLimitMiddleware

    settings.MAX_REQUEST_BYTES = 1000
    called = []
    middleware = RequestSizeLimitMiddleware(lambda request: called.append(request))
    factory = RequestFactory()
    big = factory.post("/", data=b"x" * 10, content_type="text/plain", CONTENT_LENGTH="1001")
    assert middleware(big).status_code == 413 and called == []
    small = factory.post("/", data=b"x" * 10, content_type="text/plain")
    middleware(small)
    assert called == [small]
    garbled = factory.post("/", data=b"x", content_type="text/plain", CONTENT_LENGTH="abc")
    assert middleware(garbled).status_code == 400


def test_the_cap_is_above_the_largest_upload():
    assert settings.MAX_REQUEST_BYTES > 5 * 1024 * 1024 + 512 * 1024
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE <= settings.MAX_REQUEST_BYTES


def _never_stored(response) -> bool:
    directives = {d.strip() for d in response.get("Cache-Control", "").split(",")}
    return {"private", "no-store"} <= directives


def test_pages_for_a_signed_in_person_are_never_stored(client, national):
    client.force_login(national)
    for url in ("/", reverse("territory:poland"), reverse("accounts:user-list")):
        response = client.get(url)
        assert response.status_code == 200, url
        assert _never_stored(response), url


def test_public_data_declared_public_stays_cacheable_when_signed_in(client, national):
    client.force_login(national)
    geojson = client.get(reverse("territory:map-poland"))
    assert "public" in geojson["Cache-Control"] and "no-store" not in geojson["Cache-Control"]


def test_signing_in_answers_with_no_store(client, national):
    response = client.post(
        reverse("accounts:login"), {"username": national.email, "password": PASSWORD}
    )
    assert response.status_code == 302 and _never_stored(response)


def test_public_pages_and_static_files_keep_their_caching(client, db):
    page = client.get(reverse("territory:poland"))
    assert page.status_code == 200 and not _never_stored(page)
    geojson = client.get(reverse("territory:map-poland"))
    assert "public" in geojson["Cache-Control"]
    static = client.get(settings.STATIC_URL + "core/css/app.css")
    assert static.status_code == 200 and "no-store" not in static.get("Cache-Control", "")


def test_a_download_is_never_stored_even_for_someone_not_signed_in(rf):
    from django.http import HttpResponse

    from akademia.core.middleware import PrivateCacheMiddleware

    def download(request):
        response = HttpResponse(b"data")
        response["Content-Disposition"] = 'attachment; filename="x.csv"'
        return response

    from django.contrib.auth.models import AnonymousUser

    request = rf.get("/")
    request.user = AnonymousUser()
    assert _never_stored(PrivateCacheMiddleware(download)(request))
