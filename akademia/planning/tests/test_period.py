"""A plan's period comes from the project's dates and never lies in the past (#11: a 2026
project was planned into 2017, the programme version's allowed period, and publishing e-mailed
those dates to 30 coordinators)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from akademia.core.errors import DomainError
from akademia.planning import services
from akademia.planning.models import Plan
from akademia.planning.problem import NOTICE_DAYS, build_problem
from akademia.programmes.models import ProgrammeVersion
from akademia.recruitment.models import Project

TODAY = timezone.localdate()


def _period(data) -> tuple[dt.date, dt.date]:
    calendar = data["calendar"]
    return dt.date.fromisoformat(calendar["start"]), dt.date.fromisoformat(calendar["end"])


def test_the_period_comes_from_the_project_not_from_the_programme_version(project):
    ProgrammeVersion.objects.update(
        period_start=dt.date(2017, 9, 1), period_end=dt.date(2018, 6, 30)
    )
    start, end = _period(build_problem(project))
    assert start == TODAY + dt.timedelta(days=NOTICE_DAYS)  # the project started before
    assert project.starts_on <= start <= end <= project.ends_on

    # A project starting later than a month from now is planned from its first day.
    later = TODAY + dt.timedelta(days=90)
    Project.objects.filter(pk=project.pk).update(starts_on=later)
    project.refresh_from_db()
    start, end = _period(build_problem(project))
    assert start == later and end <= project.ends_on


def test_a_period_asked_for_within_the_project_is_kept(project):
    start, end = TODAY + dt.timedelta(days=10), TODAY + dt.timedelta(days=200)
    data = build_problem(project, {"period_start": start.isoformat(), "period_end": end})
    assert _period(data) == (start, end)


@pytest.mark.parametrize(
    ("asked", "field", "says"),
    [
        ({"period_start": "2017-09-01"}, "period_start", "the project runs from"),
        ({"period_start": TODAY - dt.timedelta(days=3)}, "period_start", "past or today"),
        ({"period_start": TODAY}, "period_start", "past or today"),
        ({"period_start": TODAY + dt.timedelta(days=500)}, "period_start", "the project runs"),
        ({"period_end": TODAY + dt.timedelta(days=900)}, "period_end", "cannot end on"),
        (
            {"period_start": TODAY + dt.timedelta(days=40), "period_end": TODAY + dt.timedelta(5)},
            "period_end",
            "before it starts",
        ),
    ],
)
def test_a_period_in_the_past_or_outside_the_project_is_refused(
    project, regional, asked, field, says
):
    with pytest.raises(DomainError, match=says) as refused:
        services.plan_start(actor=regional, project=project, parameters={"time_limit": 5} | asked)
    assert refused.value.field == field
    assert not Plan.objects.filter(project=project).exists()


def test_a_project_without_dates_or_already_over_is_not_planned(project, regional):
    Project.objects.filter(pk=project.pk).update(starts_on=None, ends_on=None)
    project.refresh_from_db()
    with pytest.raises(DomainError, match="The project has no dates yet"):
        services.plan_start(actor=regional, project=project, parameters={})
    Project.objects.filter(pk=project.pk).update(
        starts_on=dt.date(2025, 1, 1), ends_on=TODAY - dt.timedelta(days=1)
    )
    project.refresh_from_db()
    with pytest.raises(DomainError, match="no day is left to plan"):
        services.plan_start(actor=regional, project=project, parameters={})
    assert not Plan.objects.filter(project=project).exists()


def test_the_run_form_names_the_wrong_date_in_polish(client, regional, project):
    client.cookies["django_language"] = "pl"
    client.force_login(regional)
    version = project.calls.get().versions.get()
    response = client.post(
        reverse("planning:plan-start", args=[project.pk]),
        {
            "version": version.pk,
            "time_limit": 5,
            "fixed_cost": 300,
            "period_start": "2017-09-01",
            "blackout": "",
        },
    )
    assert response.status_code == 200
    error = response.content.decode().split('id="id_period_start_error"')[1].split("</ul>")[0]
    assert "1 września 2017" in error and "projekt trwa od" in error
    assert not Plan.objects.filter(project=project).exists()
