"""Closing a round publishes its report: the national operator is asked first, on a page that
changes nothing and says what becomes public and what cannot be taken back (#11)."""

import html

import pytest
from django.urls import reverse

from akademia.consultations.models import RoundStatus
from akademia.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def comments(consultation, meeting, national):
    from akademia.consultations import services
    from akademia.consultations.models import AuthorKind, Source

    rows = [
        {"text": "Grupy do 20 osób.", "meeting": meeting, "author_kind": AuthorKind.GROUP},
        {"text": "Zjazdy w piątki.", "meeting": meeting, "author_kind": AuthorKind.GROUP},
        {"text": "Więcej ćwiczeń.", "meeting": meeting, "author_kind": AuthorKind.GROUP},
    ]
    return services.comments_add(
        actor=national, consultation=consultation, rows=rows, source=Source.OPERATOR
    )


def test_closing_a_round_asks_first_and_says_what_becomes_public(
    client, consultation, comments, national
):
    url = reverse("consultations:round-close", args=[consultation.pk])
    client.force_login(national)
    detail = client.get(reverse("consultations:round-detail", args=[consultation.pk]))
    assert f'href="{url}"' in detail.content.decode()
    before = AuditEntry.objects.count()
    page = _text(client.get(url))
    consultation.refresh_from_db()
    assert consultation.status == RoundStatus.OPEN and AuditEntry.objects.count() == before
    public = "http://testserver" + reverse("consultations:round-public", args=[consultation.pk])
    assert f"Raport rundy stanie się publiczny pod adresem {public}" in page
    assert "przeczyta jej 3 uwagi" in page
    assert "3 uwagi nie mają jeszcze decyzji" in page  # a warning before the button
    assert "Czego nie da się cofnąć" in page and "Nie zostanie wysłana żadna wiadomość" in page

    response = client.post(url)
    assert response["Location"] == reverse("consultations:round-detail", args=[consultation.pk])
    consultation.refresh_from_db()
    assert consultation.status == RoundStatus.CLOSED
    assert client.get(public).status_code == 200


def test_closing_a_closed_round_is_refused(client, consultation, national):
    from akademia.consultations import services

    services.round_set_status(actor=national, consultation=consultation, status="closed")
    url = reverse("consultations:round-close", args=[consultation.pk])
    client.force_login(national)
    page = _text(client.get(url))
    assert "Ta runda jest już zamknięta" in page and "button-danger" not in page
    before = AuditEntry.objects.count()
    response = client.post(url)
    assert response.status_code == 200 and "Ta runda jest już zamknięta" in _text(response)
    assert AuditEntry.objects.count() == before


def test_only_the_national_operator_closes_a_round(client, consultation, regional):
    client.force_login(regional)
    url = reverse("consultations:round-close", args=[consultation.pk])
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    consultation.refresh_from_db()
    assert consultation.status == RoundStatus.OPEN
