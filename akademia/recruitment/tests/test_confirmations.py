"""Running the selection, publishing its results and withdrawing an application ask first, on
a page that changes nothing: what happens, who is e-mailed (one e-mail as it will be sent),
what cannot be undone; its button acts; an action that makes no sense is refused (#11)."""

import html
import re

import pytest
from django.core import mail
from django.urls import reverse

from akademia.core.models import AuditEntry
from akademia.core.tests.factories import clear_mail
from akademia.recruitment import services
from akademia.recruitment.models import Application, ApplicationStatus, Call, SelectionRun
from akademia.recruitment.tests.factories import complete

CODES = ["2402022", "2401042", "2414042", "2407022", "2414011"]  # Śląskie


def _state():
    """What a GET must leave as it was."""
    return (
        AuditEntry.objects.count(),
        SelectionRun.objects.count(),
        list(Application.objects.order_by("pk").values_list("status", "reasons")),
        list(Call.objects.order_by("pk").values_list("status", flat=True)),
        len(mail.outbox),
    )


def _text(response) -> str:
    return html.unescape(response.content.decode())


def _previews(page: str) -> dict[str, str]:
    """The previewed e-mails' bodies by address."""
    found = {}
    for box in page.split('class="email-preview"')[1:]:
        to = html.unescape(re.search(r"<dt>To</dt><dd>(.*?)</dd>", box).group(1))
        body = box.split('<pre class="email-body">')[1].split("</pre>")[0]
        found[to.split("<")[-1].rstrip(">")] = html.unescape(body)
    return found


@pytest.fixture
def applied(national, call):
    for code in CODES:
        complete(national, call, code)
    return call


def _quotas(national, call, jst=3):
    services.quotas_set(
        actor=national,
        call=call,
        rows=[{"code": "total", "unit": "jst", "min": jst, "max": jst}],
    )


def test_running_the_selection_asks_first_and_warns_that_the_call_is_open(
    client, national, applied
):
    call = applied
    _quotas(national, call)
    url = reverse("recruitment:call-select", args=[call.pk])
    client.force_login(national)
    detail = client.get(reverse("recruitment:call-detail", args=[call.pk])).content.decode()
    assert f'href="{url}"' in detail
    before = _state()
    page = _text(client.get(url))
    assert _state() == before
    assert "5 complete applications take part." in page
    assert "The call still accepts applications, until" in page
    assert "No e-mail is sent." in page and "Nobody is e-mailed" in page

    response = client.post(url)
    assert response["Location"] == reverse("recruitment:call-results", args=[call.pk])
    assert SelectionRun.objects.filter(call=call).count() == 1
    assert len(mail.outbox) == before[-1]


def test_running_the_selection_without_quotas_is_refused(client, national, applied):
    url = reverse("recruitment:call-select", args=[applied.pk])
    client.force_login(national)
    page = _text(client.get(url))
    assert "Set the call's quotas before running the selection." in page
    assert "button-danger" not in page
    before = _state()
    response = client.post(url)
    assert response.status_code == 200
    assert "Set the call's quotas" in _text(response) and _state() == before


def test_publishing_the_results_asks_first_with_the_emails_as_they_will_be_sent(
    client, national, applied, django_capture_on_commit_callbacks
):
    call = applied
    _quotas(national, call)
    services.selection_run(actor=national, call=call)
    url = reverse("recruitment:call-publish", args=[call.pk])
    client.force_login(national)
    results = client.get(reverse("recruitment:call-results", args=[call.pk])).content.decode()
    assert f'href="{url}"' in results
    clear_mail()
    before = _state()
    with django_capture_on_commit_callbacks(execute=True):
        page = _text(client.get(url))
    assert _state() == before
    assert "5 coordinators get the e-mail" in page
    assert "3 selected: their teams are enrolled in the project." in page
    assert "2 on the waiting list, each with their position." in page
    assert "3 selected JST teams are enrolled" in page and "9 people" in page
    previews = _previews(page)
    assert len(previews) == 2  # one per kind of result: selected, on the waiting list

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response["Location"] == reverse("recruitment:call-results", args=[call.pk])
    call.refresh_from_db()
    assert call.is_published
    assert len(mail.outbox) == 5
    sent = {m.to[0]: m.body for m in mail.outbox}
    for address, body in previews.items():
        assert sent[address] == body  # the preview was the e-mail, word for word

    page = _text(client.get(url))
    assert "The results are already published." in page and "button-danger" not in page
    assert "The results are already published." in _text(client.post(url))
    assert len(mail.outbox) == 5


def test_publishing_without_a_selection_is_refused(client, national, applied):
    url = reverse("recruitment:call-publish", args=[applied.pk])
    client.force_login(national)
    before = _state()
    assert "Run a selection that meets every quota" in _text(client.get(url))
    response = client.post(url)
    assert response.status_code == 200 and "Run a selection that meets every quota" in _text(
        response
    )
    assert _state() == before


def test_withdrawing_asks_the_coordinator_first(client, national, call, coordinator):
    application = complete(national, call, "2409023")
    url = reverse("recruitment:application-withdraw", args=[application.pk])
    client.force_login(coordinator)
    mine = client.get(reverse("recruitment:my-applications")).content.decode()
    assert f'href="{url}"' in mine
    before = _state()
    page = _text(client.get(url))
    assert _state() == before
    assert "The application no longer takes part in the call." in page
    assert f"You get an e-mail confirming the withdrawal, at {application.coordinator_email}" in (
        page
    )
    assert "A withdrawn application cannot be restored." in page
    assert application.coordinator_email in _previews(page)

    response = client.post(url)
    assert response["Location"] == reverse("recruitment:my-applications")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN
    page = _text(client.get(url))
    assert "This application is already withdrawn." in page and "button-danger" not in page
