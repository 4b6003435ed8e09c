"""Staff sessions end when idle; a deactivated account is out at its next request."""

import time

import pytest
from django.urls import reverse

from akademia.accounts.middleware import SEEN

HOME = "/"


def _idle(client, minutes):
    session = client.session
    session[SEEN] = time.time() - minutes * 60
    session.save()


@pytest.mark.parametrize("who", ["national", "regional", "expert"])
def test_a_staff_session_idle_past_the_limit_is_signed_out(client, who, request, settings):
    settings.STAFF_IDLE_MINUTES = 30
    client.force_login(request.getfixturevalue(who))
    assert client.get(HOME).status_code == 200
    _idle(client, 31)
    response = client.get(reverse("recruitment:project-list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert "_auth_user_id" not in client.session
    page = client.get(response["Location"]).content.decode()
    assert "30 minut" in page  # the reason, in Polish


def test_a_staff_session_in_use_stays(client, regional, settings):
    settings.STAFF_IDLE_MINUTES = 30
    client.force_login(regional)
    client.get(HOME)
    _idle(client, 29)
    assert client.get(HOME).status_code == 200
    assert "_auth_user_id" in client.session


def test_a_participants_session_has_no_idle_limit(client, participant, settings):
    settings.STAFF_IDLE_MINUTES = 30
    client.force_login(participant)
    client.get(HOME)
    _idle(client, 120)
    assert client.get(HOME).status_code == 200
    assert "_auth_user_id" in client.session


def test_a_deactivated_account_is_out_at_its_next_request(client, regional):
    client.force_login(regional)
    assert client.get(reverse("recruitment:project-list")).status_code == 200
    type(regional).objects.filter(pk=regional.pk).update(is_active=False)
    response = client.get(reverse("recruitment:project-list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
