"""The home page's recruitment panels (issue #11): the operators' calls with what waits for
review and how the quotas fill; the coordinator's calls open to their JST and their
applications. Every figure is a link to the list behind it, and another region's data is not
counted."""

import pytest
from django.urls import reverse

from akademia.core.audit import SYSTEM
from akademia.recruitment import services
from akademia.recruitment.tests.factories import complete, data

pytestmark = pytest.mark.django_db


def _panel(response, template):
    """The figures of one panel of the home page."""
    return next(p.figures for p in response.context["panels"] if p.template == template)


def _submitted(call, code):
    application = services.application_save(actor=SYSTEM, call=call, data=data(code))
    return services.application_submit(actor=SYSTEM, application=application)


@pytest.fixture
def slaskie_applications(regional, slaskie_call):
    """Koziegłowy submitted (waits for review), Bieruń complete, Łaziska Górne a draft; the quotas
    ask for 2-4 JST in all and at least 2 urban ones."""
    _submitted(slaskie_call, "2409023")
    complete(regional, slaskie_call, "2414011")
    services.application_save(actor=SYSTEM, call=slaskie_call, data=data("2408011"))
    services.quotas_set(
        actor=regional,
        call=slaskie_call,
        rows=[
            {"code": "all", "label": "Wszystkie", "unit": "jst", "min": 2, "max": 4},
            {"code": "urban", "label": "Miejskie", "field": "kind", "values": ["urban"], "min": 2},
            {"code": "people", "label": "Osoby", "unit": "people", "max": 20},
        ],
    )
    return slaskie_call


def test_the_regional_operator_sees_their_calls_and_what_waits(
    client, regional, slaskie_applications, lodzkie_call
):
    _submitted(lodzkie_call, "1002011")  # Łódzkie's: not counted
    client.force_login(regional)
    response = client.get(reverse("core:home"))
    figures = _panel(response, "recruitment/home/calls.html")
    assert [call.title for call in figures["calls"]] == ["Nabór śląski"]
    call = figures["calls"][0]
    assert (call.received, call.waiting, call.drafts) == (2, 1, 1)
    assert figures["waiting"] == 1 and figures["open"] == 1
    # The codes are the service's (group and unit), not the ones a caller passes.
    fills = {fill.quota.code: (fill.amount, fill.bounds, fill.short) for fill in call.fills}
    assert fills == {
        "total:jst": (2, "2–4", False),
        "kind:urban": (1, "≥ 2", True),
        "total:people": (6, "≤ 20", False),
    }
    page = response.content.decode()
    detail = reverse("recruitment:call-detail", args=[call.pk])
    assert f'href="{detail}?status=submitted#applications"' in page
    assert f'href="{detail}?status=draft#applications"' in page
    assert f'href="{reverse("recruitment:call-quotas", args=[call.pk])}"' in page
    assert "below the minimum" in page
    assert "Nabór łódzki" not in page


def test_the_list_behind_waiting_for_review_shows_those_applications(
    client, regional, slaskie_applications
):
    client.force_login(regional)
    url = reverse("recruitment:call-detail", args=[slaskie_applications.pk])
    page = client.get(url, {"status": "submitted"}).content.decode()
    assert "Koziegłowy" in page and "Bieruń" not in page


def test_the_national_operator_counts_every_region(
    client, national, slaskie_applications, lodzkie_call
):
    _submitted(lodzkie_call, "1002011")
    client.force_login(national)
    figures = _panel(client.get(reverse("core:home")), "recruitment/home/calls.html")
    assert {call.title for call in figures["calls"]} == {"Nabór śląski", "Nabór łódzki"}
    assert figures["waiting"] == 2


def test_the_coordinator_sees_where_their_jst_stands(
    client, coordinator, national, call, slaskie_call, lodzkie_call
):
    services.application_save(actor=SYSTEM, call=call, data=data("2409023"))  # a draft
    client.force_login(coordinator)
    response = client.get(reverse("core:home"))
    figures = _panel(response, "recruitment/home/applications.html")
    standings = {s.call.title: s for s in figures["standings"]}
    assert standings["Nabór śląski"].may_apply
    assert standings["Nabór testowy"].applied and not standings["Nabór testowy"].may_apply
    assert "voivodeship" in standings["Nabór łódzki"].problem
    assert (figures["may_apply"], figures["total"], figures["drafts"]) == (1, 1, 1)
    page = response.content.decode()
    assert f'href="{reverse("recruitment:application-create", args=[slaskie_call.pk])}"' in page
    assert f'href="{reverse("recruitment:application-create", args=[lodzkie_call.pk])}"' not in page
    assert f'href="{reverse("recruitment:open-calls")}"' in page
    assert f'href="{reverse("recruitment:my-applications")}"' in page
    assert "recruitment/home/calls.html" not in [p.template for p in response.context["panels"]]
