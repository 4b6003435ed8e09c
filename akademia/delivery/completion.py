"""Completion rules (zasady ukończenia): where each participant stands toward the certificate.

A programme version's `CompletionRules` say what a participant must meet. Each *kind* of rule
is a `Rule` registered here: `load` reads what it needs for all the people of a group at once
(a few queries, whatever their number), `judge` answers for one person with a `RuleResult`
(met, not yet, can no longer be met, or not checked) and words saying where they stand.

* **attendance** works now: the person attended (present, late, left early) at least
  `min_attendance_percent` of their training days (the days of their group within their own
  period: `reports.py`'s *planned* days, so a substitute counts their own part).
* **tasks**: every task between meetings given to the person's JST team in their group is
  accepted ("Tasks accepted: 3 of 5 (returned for corrections: 1; …)"); a programme without
  tasks makes it not applicable.
* **advisory**: the hours of advisory the person's JST got in the project and its coordinator
  confirmed reach the hours due (the version's `advisory_hours`); a version without advisory
  hours makes it not applicable.
* **final_test** (the final test taken, when the programme has an evaluation): no feature
  records tests yet, so its placeholder (`NoJudge`) answers "not checked", says why on every
  page and on the issuing confirmation (`unchecked`), and does not block a certificate.
  Evaluation plugs its judge in by registering a `Rule` of the same kind, from its own app::

      # evaluation/completion.py (imported in EvaluationConfig.ready)
      class FinalTestRule(completion.Rule):
          kind = completion.RuleKind.FINAL_TEST
          def load(self, participants, rules): ...one query: each person's final test
          def judge(self, participant, rules, loaded): ...RuleResult(...)

      completion.register(FinalTestRule())

Every rule's `load` reads what it needs for the whole group in a constant number of queries
(`test_the_completion_page_takes_the_same_queries_for_3_and_12_people`).

Besides the rules, a certificate needs the person to still take part (not replaced, withdrawn
or moved to a newer plan's group) and the group's training to be over (after its last day).
"""

import datetime as dt
import math
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import models
from django.db.models import QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from akademia.delivery import reports, selectors
from akademia.delivery.hours import hours_text
from akademia.delivery.models import Certificate, CompletionRules, Participant, ParticipantStatus


class RuleKind(models.TextChoices):
    ATTENDANCE = "attendance", pgettext_lazy("completion rule", "attendance")
    TASKS = "tasks", gettext_lazy("tasks between meetings")
    ADVISORY = "advisory", gettext_lazy("advisory hours")
    FINAL_TEST = "final_test", gettext_lazy("final test")


class RuleState(models.TextChoices):
    MET = "met", gettext_lazy("met")
    NOT_YET = "not_yet", gettext_lazy("not met yet")
    FAILED = "failed", gettext_lazy("can no longer be met")
    NOT_APPLICABLE = "not_applicable", gettext_lazy("not checked")


@dataclass(frozen=True)
class RuleResult:
    """Where one person stands toward one rule; `text` says it in words."""

    kind: str
    state: str
    text: str
    percent: int | None = None  # progress toward the rule, 0-100, when it has a measure

    @property
    def label(self) -> str:
        return str(RuleKind(self.kind).label)

    @property
    def state_label(self) -> str:
        return str(RuleState(self.state).label)

    @property
    def passes(self) -> bool:
        """Does not stand in the way of a certificate."""
        return self.state in (RuleState.MET, RuleState.NOT_APPLICABLE)

    def as_dict(self) -> dict:
        return {"kind": self.kind, "state": self.state, "text": self.text}


class Rule(ABC):
    """One kind of completion rule (see the module's docstring)."""

    kind: str = ""
    checked = True  # a real judge (False: a placeholder answering "not checked")

    def load(self, participants: QuerySet[Participant], rules: CompletionRules):
        """What `judge` needs for all these participants, read at once."""
        return None

    @abstractmethod
    def judge(self, participant: Participant, rules: CompletionRules, loaded) -> RuleResult:
        """Where the participant stands toward this rule."""

    def unchecked(self, rules: CompletionRules) -> str:
        """For a placeholder (`checked` false): why the rule the version asks for is not
        checked, said on the pages; "" when the version does not ask for it."""
        return ""


def _percent(part: int, whole: int) -> int:
    return min(100, round(100 * part / whole)) if whole else 0


class AttendanceRule(Rule):
    kind = RuleKind.ATTENDANCE

    def load(self, participants, rules):
        return {line.subject.pk: line.figures for line in reports.build(participants).participants}

    def judge(self, participant, rules, loaded) -> RuleResult:
        least = rules.min_attendance_percent
        if not least:
            return RuleResult(
                self.kind, RuleState.NOT_APPLICABLE, _("Attendance is not a condition.")
            )
        figures = loaded[participant.pk]
        if not figures.planned:
            return RuleResult(self.kind, RuleState.NOT_YET, _("No training days yet."), 0)
        required = math.ceil(least * figures.planned / 100)
        words = {
            "attended": figures.attended,
            "planned": figures.planned,
            "required": required,
            "least": least,
        }
        text = (
            _(
                "%(attended)d of %(planned)d days attended; at least %(required)d needed "
                "(%(least)d%%)."
            )
            % words
        )
        # The days still ahead, and those held but not marked yet, may still count.
        reachable = figures.attended + (figures.planned - figures.held) + figures.unmarked
        if figures.attended >= required:
            state = RuleState.MET
        elif reachable < required:
            state = RuleState.FAILED
        else:
            state = RuleState.NOT_YET
        return RuleResult(self.kind, state, text, _percent(figures.attended, required))


def _not_a_condition(kind) -> RuleResult:
    return RuleResult(kind, RuleState.NOT_APPLICABLE, _("Not a condition."))


class TasksRule(Rule):
    """Every task between meetings given to the person's JST team in their group accepted."""

    kind = RuleKind.TASKS

    def load(self, participants, rules):
        if not rules.require_tasks:
            return {}, False
        return selectors.team_task_counts(participants), selectors.version_gives_tasks(
            rules.version
        )

    def judge(self, participant, rules, loaded) -> RuleResult:
        if not rules.require_tasks:
            return _not_a_condition(self.kind)
        counts, gives_tasks = loaded
        team = counts.get((participant.group_id, participant.jst_id))
        if team is None or not team.total:
            if gives_tasks:
                text = _("No task between meetings has been given to the team yet.")
                return RuleResult(self.kind, RuleState.NOT_YET, text, 0)
            text = _("The programme has no tasks between meetings.")
            return RuleResult(self.kind, RuleState.NOT_APPLICABLE, text)
        words = {"accepted": team.accepted, "total": team.total}
        details = []
        if team.returned:
            details.append(_("returned for corrections: %(count)d") % {"count": team.returned})
        if team.submitted:
            details.append(
                _("awaiting the trainer's review: %(count)d") % {"count": team.submitted}
            )
        if team.open:
            details.append(_("not sent yet: %(count)d") % {"count": team.open})
        if details:
            words["details"] = "; ".join(details)
            text = _("Tasks accepted: %(accepted)d of %(total)d (%(details)s).") % words
        else:
            text = _("Tasks accepted: %(accepted)d of %(total)d.") % words
        # A task can always be sent again, even late: the rule is never out of reach.
        state = RuleState.MET if team.accepted == team.total else RuleState.NOT_YET
        return RuleResult(self.kind, state, text, _percent(team.accepted, team.total))


class AdvisoryRule(Rule):
    """The person's JST used the advisory hours due in the project: the hours its coordinator
    confirmed reach those of the programme version."""

    kind = RuleKind.ADVISORY

    def load(self, participants, rules):
        if not (rules.require_advisory and rules.version.advisory_hours):
            return {}
        return selectors.jst_advisory_hours(participants)

    def judge(self, participant, rules, loaded) -> RuleResult:
        if not rules.require_advisory:
            return _not_a_condition(self.kind)
        due = Decimal(rules.version.advisory_hours)
        if not due:
            text = _("The programme has no advisory hours.")
            return RuleResult(self.kind, RuleState.NOT_APPLICABLE, text)
        used = loaded.get((participant.group.project_id, participant.jst_id))
        confirmed = used.confirmed if used else Decimal(0)
        words = {"confirmed": hours_text(confirmed), "due": hours_text(due)}
        text = _("Advisory hours confirmed by the JST: %(confirmed)s of %(due)s.") % words
        if confirmed >= due:
            return RuleResult(self.kind, RuleState.MET, text, 100)
        if used is None:
            details = [_("no advisor assigned to the JST yet")]
        else:
            details = []
            if used.awaiting:
                details.append(
                    _("awaiting the coordinator's confirmation: %(hours)s")
                    % {"hours": hours_text(used.awaiting)}
                )
            if used.planned:
                details.append(_("planned: %(hours)s") % {"hours": hours_text(used.planned)})
        if details:
            words["details"] = "; ".join(details)
            text = (
                _("Advisory hours confirmed by the JST: %(confirmed)s of %(due)s (%(details)s).")
                % words
            )
        # More visits can always be held and confirmed: the rule is never out of reach.
        return RuleResult(self.kind, RuleState.NOT_YET, text, _percent(confirmed, due))


class NoJudge(Rule):
    """A rule declared on the version whose data no feature records yet (the final test, until
    evaluation registers its judge): shown as "not checked" with the reason, on every page and
    on the issuing confirmation, and it does not block a certificate (the issue asks for the
    final test only "when evaluation exists"). Replaced by registering a `Rule` of its kind."""

    checked = False

    def __init__(self, kind: str, flag: str, why):
        self.kind, self.flag, self.why = kind, flag, why

    def judge(self, participant, rules, loaded) -> RuleResult:
        if not getattr(rules, self.flag):
            return _not_a_condition(self.kind)
        return RuleResult(self.kind, RuleState.NOT_APPLICABLE, str(self.why))

    def unchecked(self, rules) -> str:
        """Why this rule, which the version asks for, is not checked ("" when not asked)."""
        return str(self.why) if getattr(rules, self.flag) else ""


RULES: dict[str, Rule] = {}


def register(rule: Rule) -> Rule:
    """Add a kind of rule, or replace the one of the same kind (a placeholder)."""
    RULES[str(rule.kind)] = rule
    return rule


def unchecked(rules: CompletionRules) -> list[str]:
    """Why each rule the version asks for and nobody checks yet is not checked."""
    return [why for rule in RULES.values() if not rule.checked and (why := rule.unchecked(rules))]


register(AttendanceRule())
register(TasksRule())
register(AdvisoryRule())
# Until evaluation registers its judge (or where it is not installed).
FINAL_TEST_PLACEHOLDER = register(
    NoJudge(
        RuleKind.FINAL_TEST,
        "require_final_test",
        gettext_lazy("The final test is not yet available on the platform: not checked."),
    )
)


# One person, one group ----------------------------------------------------------------------


@dataclass
class Completion:
    """One participant's standing: each rule, and what else stands in the way."""

    participant: Participant
    results: list[RuleResult]
    obstacles: list[str] = field(default_factory=list)
    certificate: Certificate | None = None

    @property
    def qualifies(self) -> bool:
        return not self.obstacles and all(result.passes for result in self.results)

    @property
    def issued_results(self) -> list[RuleResult]:
        """The rules as they stood when the person's certificate was issued (its record)."""
        if self.certificate is None:
            return []
        kinds, states = set(RuleKind.values), set(RuleState.values)
        return [
            RuleResult(row["kind"], row["state"], row["text"])
            for row in self.certificate.completion
            if row.get("kind") in kinds and row.get("state") in states
        ]

    @property
    def reasons(self) -> list[str]:
        """Why there is no certificate (yet), in words."""
        unmet = [f"{r.label}: {r.text}" for r in self.results if not r.passes]
        return self.obstacles + unmet


@dataclass
class GroupCompletion:
    group: object
    version: object | None
    rules: CompletionRules | None
    ends_on: dt.date | None
    people: list[Completion]

    @property
    def unchecked(self) -> list[str]:
        """The rules the version asks for that nobody checks yet (see `NoJudge`)."""
        return unchecked(self.rules) if self.rules is not None else []

    @property
    def qualifying(self) -> list[Completion]:
        """Those who qualify and have no certificate yet: what issuing would make."""
        return [c for c in self.people if c.qualifies and c.certificate is None]

    @property
    def issued(self) -> list[Completion]:
        return [c for c in self.people if c.certificate is not None]

    @property
    def not_qualifying(self) -> list[Completion]:
        return [c for c in self.people if c.certificate is None and not c.qualifies]


def _day(value: dt.date) -> str:
    return formats.date_format(value, "j E Y")


def _obstacles(participant: Participant, ends_on, today) -> list[str]:
    found = []
    if participant.status != ParticipantStatus.ACTIVE:
        found.append(
            _("No longer takes part: %(status)s.") % {"status": participant.get_status_display()}
        )
    if ends_on is None:
        found.append(_("The group has no training days."))
    elif ends_on >= today:
        found.append(
            _("The training ends on %(day)s; certificates are issued after its last day.")
            % {"day": _day(ends_on)}
        )
    return found


def evaluate_group(group, participants: QuerySet[Participant], *, today=None) -> GroupCompletion:
    """The standing of these participants of `group` (a queryset of the group's people, with
    `group__project` and `jst` loaded), in a constant number of queries."""
    today = today or timezone.localdate()
    version = selectors.group_version(group)
    period = selectors.training_period(group)
    ends_on = period[1] if period else None
    if version is None:
        none = _("The group's programme version is not known.")
        people = [Completion(p, [], [none]) for p in participants]
        return GroupCompletion(group, None, None, ends_on, people)
    rules = selectors.completion_rules_of(version)
    rows = list(participants)
    loaded = {kind: rule.load(participants, rules) for kind, rule in RULES.items()}
    certificates = selectors.certificates_by_participant(participants, version)
    people = [
        Completion(
            participant,
            [rule.judge(participant, rules, loaded[kind]) for kind, rule in RULES.items()],
            _obstacles(participant, ends_on, today),
            certificates.get(participant.pk),
        )
        for participant in rows
    ]
    return GroupCompletion(group, version, rules, ends_on, people)
