"""The paired knowledge gain of any set of surveys (a project's, the programme's, what a
dashboard's filters leave), for readers outside this app such as the monitoring dashboard.

Nothing is computed here that `aggregate` does not already compute for a project's report: the
same tests count (those with at least `results.MIN_ANSWERS` responses), people are paired per
group the same way and the same arithmetic pools the groups (`results.pooled_gain`: a group
with too few pairs counts nowhere). One query, whatever the data.
"""

from django.db.models import QuerySet

from akademia.evaluation import results
from akademia.evaluation.models import TESTS, Survey
from akademia.evaluation.selectors import aggregate


def knowledge_gain(surveys: QuerySet[Survey]) -> results.Gain | None:
    """The pooled paired gain (post − pre per person, and the share who improved) of the
    knowledge tests among `surveys`, which the caller has already scoped to its reader; None
    when no test counts. Its figures are set only above the threshold (`Gain.shown`)."""
    tests = aggregate._test_rows(aggregate.counting(surveys.filter(questionnaire__kind__in=TESTS)))
    # Every survey in one unit: only the pooled figure is wanted, not the groups' own.
    by_group, _units = aggregate._pairs(tests, {row[0]: (0,) for row in tests}, 0)
    return results.pooled_gain(by_group) if by_group else None
