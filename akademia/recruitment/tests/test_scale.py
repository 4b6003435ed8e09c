"""A call of a thousand applications (issue #12): running the selection, publishing it and
checking whether the latest run is stale take a number of queries that does not grow with the
applications, and the staleness check reads plain values, not the applications and their
teams (it runs on every call page)."""

import pytest
from django.db import connection
from django.db.models.signals import post_init
from django.test.utils import CaptureQueriesContext

from akademia.core.models import OutboxEmail
from akademia.recruitment import scoring, services
from akademia.recruitment.models import (
    Application,
    ApplicationStatus,
    Enrolment,
    TeamMember,
)
from akademia.recruitment.services.selection import _candidate_inputs, _candidates, to_selection
from akademia.recruitment.tests.factories import complete, team
from akademia.territory.models import Jst

# Śląskie communes of the three exchange groups the test call accepts.
CODES = [
    "2402022",
    "2401042",
    "2414042",
    "2407022",
    "2414011",
    "2401011",
    "2403042",
    "2409023",
    "2410022",
    "2411022",
]


def _applications(national, call, n):
    applications = []
    for i, code in enumerate(CODES[:n]):
        # Teams of several sizes and profiles, points for some: every input of the score.
        members = team(n=2 + i % 3, managers=1 + i % 2)
        application = complete(national, call, code, members=members)
        if i % 3 == 0:
            services.application_set_manual_points(
                actor=national, application=application, points=i
            )
        applications.append(application)
    services.quotas_set(
        actor=national,
        call=call,
        rows=[{"code": "total", "unit": "jst", "min": n - 1, "max": n - 1}],
    )
    return applications


def _queries(func) -> int:
    with CaptureQueriesContext(connection) as queries:
        func()
    return len(queries)


@pytest.fixture
def sizes(national, pilot, version):
    """Two calls of the same project, of 3 and 9 complete applications."""
    from akademia.recruitment.tests.factories import open_call

    small = open_call(national, pilot, version, title="Mały nabór")
    large = open_call(national, pilot, version, title="Duży nabór")
    for code in CODES[:9]:
        assert Jst.objects.filter(code=code).exists()
    _applications(national, small, 3)
    # The same JST may apply to two calls of a project.
    _applications(national, large, 9)
    return small, large


def test_running_and_publishing_a_selection_do_not_query_per_application(
    national, sizes, django_capture_on_commit_callbacks
):
    small, large = sizes
    run = [_queries(lambda c=c: services.selection_run(actor=national, call=c)) for c in sizes]
    assert run[0] == run[1]
    with django_capture_on_commit_callbacks(execute=False):
        publish = [
            _queries(lambda c=c: services.selection_publish(actor=national, call=c)) for c in sizes
        ]
    assert publish[0] == publish[1]
    # The results e-mails are queued by publishing, one per decided application.
    results = OutboxEmail.objects.filter(key__startswith="recruitment.result:")
    assert results.count() == Application.objects.filter(call__in=sizes).count() == 12
    # Every member of a selected team is enrolled, once.
    selected = TeamMember.objects.filter(
        application__call=large, application__status=ApplicationStatus.SELECTED
    )
    assert Enrolment.objects.filter(application__call=large).count() == selected.count() > 0


def test_running_a_selection_stores_every_score_and_decision(national, sizes):
    _small, large = sizes
    run = services.selection_run(actor=national, call=large)
    for application in Application.objects.filter(call=large):
        assert (application.score, application.score_parts) == scoring.score(application)
        assert application.status in (ApplicationStatus.SELECTED, ApplicationStatus.WAITING)
        assert application.reasons
        assert application.updated_at >= run.created_at
    assert Application.objects.filter(call=large, status=ApplicationStatus.SELECTED).count() == 8


def test_the_staleness_check_reads_what_the_run_stored(national, sizes):
    """The cheap check gives exactly the optimiser's inputs the run computed from the models."""
    for call in sizes:
        services.selection_run(actor=national, call=call)
        expected = [to_selection(a).to_dict() for a in _candidates(call)]
        assert _candidate_inputs(call) == expected


def test_checking_a_run_loads_no_application_or_team_member(national, sizes):
    _small, large = sizes
    run = services.selection_run(actor=national, call=large)
    loaded = []

    def count(sender, instance, **kwargs):
        if sender in (Application, TeamMember):
            loaded.append(instance)

    post_init.connect(count)
    try:
        assert services.stale_notice(run) == ""
    finally:
        post_init.disconnect(count)
    assert loaded == []
    waiting = Application.objects.filter(call=large, status=ApplicationStatus.WAITING).first()
    services.application_set_manual_points(actor=national, application=waiting, points=10)
    assert "the applications or their scores changed" in services.stale_notice(run)
