"""The dates e-mails of a published plan are queued in the outbox, one per coordinator and JST,
in a number of queries that does not grow with the groups, teams and coordinators (#12)."""

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from akademia.accounts.roles import Role
from akademia.accounts.tests.factories import make_user
from akademia.core.models import OutboxEmail
from akademia.planning import notifications, services
from akademia.planning.models import TrainingGroup
from akademia.planning.tests.factories import SLASKIE_TEAMS, solved_plan


def _queue_again(plan) -> tuple[int, int]:
    """(queries, e-mails offered) of queuing the plan's dates again."""
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        offered = notifications.queue_dates(plan)
    return len(queries), offered


def test_queuing_the_dates_does_not_query_per_team_or_coordinator(project, regional):
    plan = services.plan_publish(actor=regional, plan=solved_plan(project, regional))
    dates = OutboxEmail.objects.filter(key__startswith=f"planning.dates:{plan.pk}:")
    # Publishing queued one per team: each JST has one verified coordinator (its applicant).
    assert dates.count() == len(SLASKIE_TEAMS)
    queries, offered = _queue_again(plan)
    assert offered == len(SLASKIE_TEAMS) and dates.count() == len(SLASKIE_TEAMS)  # by key

    for i, code in enumerate(SLASKIE_TEAMS[:4]):  # more coordinators
        make_user(f"drugi{i}@{code}.example.org", Role.JST_COORDINATOR, jst=code)
    assert _queue_again(plan) == (queries, len(SLASKIE_TEAMS) + 4)
    TrainingGroup.objects.filter(plan=plan).first().delete()  # fewer groups and teams
    assert _queue_again(plan)[0] == queries
    assert dates.count() == len(SLASKIE_TEAMS) + 4
