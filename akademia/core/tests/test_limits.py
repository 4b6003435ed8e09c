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
