"""Publishing a plan and planning every project ask first, on a page that changes nothing:
who is told what (with one e-mail as it will be sent), what cannot be undone; the page's
button acts; an action that makes no sense is refused with the reason (#11)."""

import datetime as dt
import html
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from akademia.core.models import AuditEntry, Job
from akademia.core.tests.factories import clear_mail
from akademia.planning import services
from akademia.planning.models import Plan, PlanStatus, TrainingGroup
from akademia.planning.tests.factories import enrolled_project, solved_plan
from akademia.recruitment.models import Project

pytestmark = pytest.mark.django_db

LODZKIE_TEAMS = ["1002011", "1001011", "1001022", "1001032"]


def _state():
    """What a GET must leave as it was: every table an action writes, and the outbox."""
    return (
        AuditEntry.objects.count(),
        list(Plan.objects.order_by("pk").values_list("pk", "status")),
        TrainingGroup.objects.count(),
        Job.objects.count(),
        len(mail.outbox),
    )


def _text(response) -> str:
    return html.unescape(response.content.decode())


def _preview(page: str) -> tuple[str, str]:
    """The previewed e-mail's address and body, as text."""
    box = page.split('class="email-preview"')[1]
    to = re.search(r"<dt>To</dt><dd>(.*?)</dd>", box).group(1)
    body = box.split('<pre class="email-body">')[1].split("</pre>")[0]
    return html.unescape(to), html.unescape(body)


def test_publishing_a_plan_asks_first_and_the_preview_is_the_email_sent(
    client, project, regional, coordinator, django_capture_on_commit_callbacks
):
    plan = solved_plan(project, regional)
    url = reverse("planning:plan-publish", args=[plan.pk])
    client.force_login(regional)
    detail = client.get(reverse("planning:plan-detail", args=[plan.pk])).content.decode()
    assert f'href="{url}"' in detail  # a link to the page that asks, not a button that acts
    clear_mail()
    before = _state()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(url)
    assert response.status_code == 200 and _state() == before
    page = response.content.decode()
    count = int(re.search(r"(\d+) JST coordinators get an e-mail", page).group(1))
    assert count == 9  # the 8 teams' coordinators and the persona of Koziegłowy
    assert "2 training groups are created" in page and "What cannot be undone" in page
    to, body = _preview(page)
    assert "Twoje terminy szkoleń: Projekt śląskie" in page  # in the recipient's language

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302 and response["Location"] == reverse(
        "planning:plan-detail", args=[plan.pk]
    )
    plan.refresh_from_db()
    assert plan.status == PlanStatus.PUBLISHED
    # The coordinators' dates (delivery's invitations of the new participants go out too).
    dates = [m for m in mail.outbox if m.subject.startswith("Twoje terminy szkoleń")]
    assert len(dates) == count
    (sent,) = [m for m in dates if m.to == [to.split("<")[-1].rstrip(">")]]
    assert sent.body == body  # the preview was the e-mail, word for word

    # Published: the page now says so instead of asking again.
    page = client.get(url).content.decode()
    assert "Only a solved plan that breaks no rule can be published." in page
    assert "button-danger" not in page


def test_a_plan_whose_dates_are_past_or_outside_the_project_is_not_published(
    client, project, regional
):
    plan = solved_plan(project, regional)
    url = reverse("planning:plan-publish", args=[plan.pk])
    client.force_login(regional)
    result = plan.result
    meeting = result["groups"][0]["meetings"][0]
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    meeting["dates"] = [yesterday.isoformat()] * len(meeting["dates"])
    Plan.objects.filter(pk=plan.pk).update(result=result)
    before = _state()
    page = client.get(url).content.decode()
    assert "which is past or today" in page and "button-danger" not in page
    response = client.post(url)
    assert response.status_code == 200 and "which is past or today" in response.content.decode()
    assert _state() == before

    plan = solved_plan(project, regional)
    last = max(d for g in plan.result["groups"] for m in g["meetings"] for d in m["dates"])
    Project.objects.filter(pk=project.pk).update(
        ends_on=dt.date.fromisoformat(last) - dt.timedelta(days=1)
    )
    url = reverse("planning:plan-publish", args=[plan.pk])
    assert "do not fit the project's dates" in _text(client.get(url))
    assert "do not fit the project's dates" in _text(client.post(url))
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SOLVED
    # The plan's page says so too, instead of offering to publish.
    detail = _text(client.get(reverse("planning:plan-detail", args=[plan.pk])))
    assert "do not fit the project's dates" in detail and f'href="{url}"' not in detail


def test_planning_every_project_passes_over_a_published_one_and_says_so(
    client, national, regional, regional_other, expert, project
):
    services.plan_publish(actor=regional, plan=solved_plan(project, regional))
    lodzkie = enrolled_project(
        national, regional_other, expert, codes=LODZKIE_TEAMS, voivodeship="10"
    )
    url = reverse("planning:plan-start-all")
    client.force_login(national)
    list_page = client.get(reverse("planning:project-list")).content.decode()
    assert f'href="{url}"' in list_page
    before = _state()
    page = client.get(url).content.decode()
    assert _state() == before
    assert "The planner starts for 1 project: Projekt łódzkie." in page
    assert "Passed over: Projekt śląskie. It has a published plan (no. 1)" in page
    assert "No e-mail is sent." in page

    response = client.post(url, follow=True)
    assert "Passed over: Projekt śląskie." in response.content.decode()
    assert Plan.objects.filter(project=lodzkie).count() == 1
    assert Plan.objects.filter(project=project).count() == 1  # the published one, untouched

    # Now nothing can be planned (one published, one on its way): refused, with the reasons.
    page = client.get(url).content.decode()
    assert "No project can be planned now" in page and "button-danger" not in page
    assert "already working on this project" in page
    before = _state()
    response = client.post(url)
    assert (
        response.status_code == 200 and "No project can be planned now" in response.content.decode()
    )
    assert _state() == before
