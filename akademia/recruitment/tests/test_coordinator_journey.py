"""The JST coordinator's way into a call (issue #11): the calls in their menu; before any
form, whether their JST may apply (kinds, voivodeships) and whether it already has; the form
filled in with their JST, name and e-mail. Every call page says who may apply."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from akademia.core.audit import SYSTEM
from akademia.recruitment import services
from akademia.recruitment.tests.factories import data

pytestmark = pytest.mark.django_db


def test_the_coordinators_menu_leads_to_the_calls(client, coordinator):
    client.force_login(coordinator)
    menu = [item["url"] for item in client.get(reverse("core:home")).context["navigation"]]
    assert reverse("recruitment:open-calls") in menu


def test_the_call_list_says_before_the_form_whether_the_jst_may_apply(
    client, coordinator, call, slaskie_call, lodzkie_call
):
    services.application_save(actor=SYSTEM, call=call, data=data("2409023"))
    client.force_login(coordinator)
    page = client.get(reverse("recruitment:open-calls")).content.decode()
    assert "Koziegłowy may apply to this call." in page
    assert "Koziegłowy has already applied to this call" in page
    assert "This call is not open to JST from this voivodeship." in page
    assert page.count(">Apply<") == 1
    # Who may apply, for anyone: the kinds and the voivodeships.
    anyone = Client()
    anyone.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = anyone.get(reverse("recruitment:open-calls")).content.decode()
    assert "Voivodeships that may apply" in page and "łódzkie" in page
    assert "all voivodeships" in page  # the pilot's call
    assert page.count(">Apply<") == 3


def test_the_form_is_prefilled_for_the_signed_in_coordinator(client, coordinator, slaskie_call):
    client.force_login(coordinator)
    response = client.get(reverse("recruitment:application-create", args=[slaskie_call.pk]))
    form = response.context["form"]
    assert form["jst"].value() == "2409023"
    assert form["coordinator_email"].value() == coordinator.email
    assert form["coordinator_name"].value() == coordinator.full_name
    page = response.content.decode()
    assert page.index("may apply to this call") < page.index('<form method="post" enctype')
    assert "śląskie" in page  # who may apply: the project's voivodeship


def test_a_jst_that_may_not_apply_hears_it_before_the_form(client, coordinator, call, lodzkie_call):
    services.application_save(actor=SYSTEM, call=call, data=data("2409023"))
    client.force_login(coordinator)
    for target, reason in [
        (lodzkie_call, "This call is not open to JST from this voivodeship."),
        (call, "Koziegłowy has already applied to this call"),
    ]:
        response = client.get(reverse("recruitment:application-create", args=[target.pk]))
        page = response.content.decode()
        assert reason in page
        assert 'enctype="multipart/form-data"' not in page  # no form to fill in vain


def test_the_form_is_not_prefilled_for_anyone_else(client, national, slaskie_call):
    url = reverse("recruitment:application-create", args=[slaskie_call.pk])
    assert client.get(url).context["form"]["coordinator_email"].value() in (None, "")
    client.force_login(national)
    response = client.get(url)
    assert response.context["form"]["coordinator_email"].value() in (None, "")
    assert "may apply to this call" not in response.content.decode()
