"""The solver's reasons and the checker's findings in the reader's language.

The pure solver speaks English with stable codes and JSON params (`solver/reasons.py`,
`solver/check.py`); here each code has a translatable template, and params become what a
person reads: names instead of solver ids, local dates, weekday and kind names.
"""

import datetime as dt
import re
from typing import Any

from django.utils import formats
from django.utils.dates import WEEKDAYS
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from akademia.planning import selectors
from akademia.planning.solver.calendar_plan import WEEKDAY_NAMES
from akademia.territory.kinds import ExchangeGroupKind

#: The solver's messages by code, translatable; placeholders as in solver/reasons.py.
REASONS = {
    "team_too_large": gettext_lazy(
        "team {team} has {size} people, more than the maximum group size {max_size}"
    ),
    "no_venue_for_team": gettext_lazy("team {team} has no venue it can travel to"),
    "kind_too_small": gettext_lazy(
        "{kind} teams: {people} people, fewer than the minimum group size {min_size}"
    ),
    "group_size": gettext_lazy(
        "{teams} teams ({people} people) cannot form groups of {min_size}–{max_size} "
        "without splitting a team"
    ),
    "group_size_kind": gettext_lazy(
        "{kind} teams: {teams} teams ({people} people) cannot form groups of "
        "{min_size}–{max_size} without splitting a team"
    ),
    "rooms": gettext_lazy(
        "venues have {rooms} rooms in total but at least {needed} groups are needed"
    ),
    "group_count": gettext_lazy(
        "exactly {count} groups were requested, but the teams need between {min_groups} and "
        "{max_groups} groups"
    ),
    "managers": gettext_lazy(
        "managers are {managers} of {people} people ({share:.0%}), fewer than the required "
        "share {required:.0%}"
    ),
    "county_cap": gettext_lazy(
        "{county} has {teams} {kind} teams; with at most {cap} per group they need {needed} "
        "groups, but {people} people allow at most {max_groups} groups"
    ),
    "relaxation": gettext_lazy("no plan satisfies the rule “{rule}”; without it a plan exists"),
    "grouping_infeasible": gettext_lazy("no grouping of the teams satisfies all rules together"),
    "no_window": gettext_lazy(
        "no {days}-day window on the allowed weekdays ({weekdays}) between {start} and {end} "
        "(holidays and blackout dates excluded)"
    ),
    "no_window_venue": gettext_lazy(
        "venue {venue}: no {days}-day window on the allowed weekdays between {start} and {end}"
    ),
    "modules_do_not_fit": gettext_lazy(
        "{modules} modules of {days} days with {min_gap}–{max_gap} days between starts do not "
        "fit between {start} and {end}"
    ),
    "modules_do_not_fit_venue": gettext_lazy(
        "group {group} at venue {venue}: {modules} modules do not fit between {start} and "
        "{end} given the days the venue is closed"
    ),
    "trainer_days": gettext_lazy(
        "trainers have {available} days in total but {needed} meeting-days are needed"
    ),
    "too_few_trainers": gettext_lazy(
        "each meeting needs {per_meeting} trainers but only {trainers} are defined"
    ),
    "no_trainers": gettext_lazy("the calendar needs trainers but none are defined"),
    "venue_rooms_per_day": gettext_lazy(
        "venue {venue} hosts {groups} groups but has {rooms} rooms: the meetings do not fit "
        "on the allowed days"
    ),
    "calendar_rule": gettext_lazy(
        "no calendar satisfies the rule “{rule}”; without it a calendar exists"
    ),
    "calendar_infeasible": gettext_lazy("no calendar satisfies all rules together"),
    "calendar_timeout": gettext_lazy("no calendar was found within the time limit"),
    "timeout": gettext_lazy("no plan was found within the time limit"),
}

#: The independent checker's messages by key, translatable; placeholders as in
#: solver/check.py MESSAGES.
VIOLATIONS = {
    "no_reason": gettext_lazy("an infeasible result without an explanation"),
    "unknown_team": gettext_lazy("unknown team {team} in the result"),
    "team_in_groups": gettext_lazy("team {team} is in {times} groups"),
    "team_in_no_group": gettext_lazy("team {team} is in no group"),
    "unknown_venue": gettext_lazy("unknown venue {venue}"),
    "venue_capacity": gettext_lazy("venue {venue} has {count} groups but only {rooms} rooms"),
    "group_count": gettext_lazy("{count} groups, but exactly {required} are required"),
    "group_size_sum": gettext_lazy(
        "group {group}: the stored size {size} differs from the people in its teams, {people}"
    ),
    "group_size": gettext_lazy("group {group}: {size} people, allowed {min_size}–{max_size}"),
    "same_kind": gettext_lazy("group {group} mixes teams of kinds {kinds}"),
    "county_cap": gettext_lazy(
        "group {group}: {teams} teams of one county ({county}), at most {cap} allowed"
    ),
    "manager_share": gettext_lazy(
        "group {group}: {managers} managers of {size} people, less than the required share "
        "{required:.0%}"
    ),
    "distance": gettext_lazy("team {team} cannot travel to venue {venue}"),
    "objective": gettext_lazy(
        "the stored cost of the plan {claimed} differs from the recomputed one, {total}"
    ),
    "lower_bound": gettext_lazy("the lowest possible cost {bound} is above the cost {total}"),
    "gap_value": gettext_lazy(
        "the distance from the best plan {gap} does not match the cost and the lowest possible cost"
    ),
    "meetings": gettext_lazy("group {group}: modules {modules} planned, 1 to {count} needed"),
    "dates": gettext_lazy("group {group}, module {module}: {days} days, {required} needed"),
    "consecutive": gettext_lazy(
        "group {group}, module {module}: {day} and {next_day} are not consecutive days"
    ),
    "period": gettext_lazy(
        "group {group}, module {module}: {day} is outside the period {start}–{end}"
    ),
    "weekday": gettext_lazy(
        "group {group}, module {module}: {day} is a {weekday}, not an allowed weekday"
    ),
    "holiday": gettext_lazy("group {group}, module {module}: {day} is a public holiday"),
    "blackout": gettext_lazy("group {group}, module {module}: {day} is a blackout date"),
    "venue_unavailable": gettext_lazy(
        "group {group}, module {module}: venue {venue} is closed on {day}"
    ),
    "trainer_twice": gettext_lazy("group {group}, module {module}: a trainer is listed twice"),
    "trainer_count": gettext_lazy(
        "group {group}, module {module}: {count} trainers, {required} needed"
    ),
    "unknown_trainer": gettext_lazy("group {group}, module {module}: unknown trainer {trainer}"),
    "trainer_unavailable": gettext_lazy(
        "group {group}, module {module}: trainer {trainer} is away on {day}"
    ),
    "overlap": gettext_lazy(
        "group {group}, modules {module}→{next_module}: the meetings overlap or are out of order"
    ),
    "gap_short": gettext_lazy(
        "group {group}, modules {module}→{next_module}: {gap} days between the starts, fewer "
        "than {min_gap}"
    ),
    "gap_long": gettext_lazy(
        "group {group}, modules {module}→{next_module}: {gap} days between the starts, more "
        "than {max_gap}"
    ),
    "venue_rooms_per_day": gettext_lazy(
        "venue {venue} has {count} meetings on {day} but {rooms} rooms"
    ),
    "trainer_double_booking": gettext_lazy("trainer {trainer} has {count} meetings on {day}"),
    "trainer_max_days": gettext_lazy(
        "trainer {trainer} works {days} days, at most {max_days} allowed"
    ),
}

RULES = {
    "reason": gettext_lazy("explanation of an infeasible result"),
    "assignment": gettext_lazy("every team in exactly one group"),
    "venue": gettext_lazy("known venue"),
    "venue_capacity": gettext_lazy("rooms of a venue"),
    "group_count": gettext_lazy("number of groups"),
    "group_size": gettext_lazy("group size"),
    "same_kind": gettext_lazy("groups of one kind"),
    "county_cap": gettext_lazy("teams of one county per group"),
    "manager_share": gettext_lazy("share of managers"),
    "distance": gettext_lazy("reachable venue"),
    "objective": gettext_lazy("cost of the plan"),
    "lower_bound": gettext_lazy("lowest possible cost"),
    "optimality_gap": gettext_lazy("distance from the best plan"),
    "gap": gettext_lazy("gap between meetings"),
    "meetings": gettext_lazy("all modules planned"),
    "dates": gettext_lazy("days per meeting"),
    "consecutive": gettext_lazy("consecutive days"),
    "period": gettext_lazy("within the period"),
    "weekday": gettext_lazy("allowed weekdays"),
    "holiday": gettext_lazy("public holidays"),
    "blackout": gettext_lazy("blackout dates"),
    "trainer": gettext_lazy("trainers per meeting"),
    "trainer_unavailable": gettext_lazy("trainer's days off"),
    "trainer_double_booking": gettext_lazy("a trainer in two places at once"),
    "trainer_max_days": gettext_lazy("trainer's maximum days"),
    "venue_unavailable": gettext_lazy("venue closed"),
    "venue_rooms_per_day": gettext_lazy("rooms of a venue per day"),
}

#: The rule a reason's ``{rule}`` names (the English labels of solve.GROUPING_RELAXATIONS and
#: calendar_plan.RELAXATIONS), shown by its name in RULES.
RELAXED_RULES = {
    "at most max_groups groups per venue": "venue_capacity",
    "at most max_teams_per_county teams of one county per group": "county_cap",
    "minimum share of managers": "manager_share",
    "fixed number of groups": "group_count",
    "groups homogeneous by kind": "same_kind",
    "trainer maximum days": "trainer_max_days",
    "trainer unavailable dates": "trainer_unavailable",
    "a trainer is never in two meetings on the same day": "trainer_double_booking",
    "rooms per venue per day": "venue_rooms_per_day",
    "trainers for every meeting": "trainer",
}

#: Dates in messages, as in the calendar table of the plan page (05.12.2026).
DATE_FORMAT = "SHORT_DATE_FORMAT"
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
ISO_WEEKDAY = {name: iso for iso, name in WEEKDAY_NAMES.items()}
PERCENTS = {"share", "required"}  # formatted by the template ({share:.0%})


def _kind(kind: str) -> str:
    if kind == "all":
        return _("all kinds")
    if kind in ExchangeGroupKind.values:
        return str(ExchangeGroupKind(kind).label)
    return kind


def _value(key: str, value: Any, names: dict[str, dict]) -> Any:
    """A param as the reader should see it: names for ids, local dates and numbers."""
    if value is None:
        return "—"
    if key in names:
        return names[key].get(str(value), value)
    if key == "county":
        return selectors.county_name(value)
    if key == "kind":
        return _kind(str(value))
    if key == "kinds":
        return ", ".join(_kind(str(k)) for k in value)
    if key == "rule":
        rule = RELAXED_RULES.get(value)
        return str(RULES[rule]) if rule else value
    if key == "weekdays" and isinstance(value, str):
        days = value.split("/")
        if all(d in ISO_WEEKDAY for d in days):
            return ", ".join(str(WEEKDAYS[ISO_WEEKDAY[d] - 1]) for d in days)
        return value
    if key == "weekday" and isinstance(value, int) and 1 <= value <= 7:
        return str(WEEKDAYS[value - 1])
    if isinstance(value, list):
        return ", ".join(map(str, value)) or "—"
    if isinstance(value, str) and ISO_DATE.fullmatch(value):
        return date_format(dt.date.fromisoformat(value), DATE_FORMAT)
    if isinstance(value, float) and key not in PERCENTS:
        return formats.number_format(value, 2)
    return value


def _render(template, params: dict, names: dict[str, dict], fallback: str) -> str:
    if template is None:
        return fallback
    try:
        values = {key: _value(key, value, names) for key, value in params.items()}
        return str(template).format(**values)
    except (KeyError, ValueError, IndexError, TypeError):
        # Params that no longer fit the template (an older result): the stored English text.
        return fallback


def _lookups(plan) -> dict[str, dict]:
    teams, venues, trainers = plan_names(plan)
    return {"team": teams, "venue": venues, "trainer": trainers}


def reason_text(reason: dict | None, plan=None) -> str:
    """The solver's reason in the user's language when its code is known, else its text;
    with the plan, its teams, venues and trainers by name."""
    if not reason:
        return ""
    names = _lookups(plan) if plan is not None else {}
    template = REASONS.get(reason.get("code", ""))
    return _render(template, reason.get("params") or {}, names, reason.get("text", ""))


def violations(plan) -> list[dict]:
    """The checker's findings in the user's language, with names instead of solver ids;
    plans stored before violations had a key keep the checker's English message."""
    stored = plan.violations or []
    names = _lookups(plan) if any(v.get("key") in VIOLATIONS for v in stored) else {}
    return [
        {
            "rule": str(RULES.get(v["rule"], v["rule"])),
            "code": v["rule"],
            "message": _render(
                VIOLATIONS.get(v.get("key", "")), v.get("params") or {}, names, v["message"]
            ),
        }
        for v in stored
    ]


def plan_names(plan) -> tuple[dict, dict, dict]:
    """Teams, venues and trainers of a plan by solver id → the name a person reads."""
    teams = {str(t["id"]): t.get("name", str(t["id"])) for t in plan.problem["teams"]}
    venues = {str(v["id"]): v.get("name", str(v["id"])) for v in plan.problem["venues"]}
    # The names stored with the plan's problem, so a trainer deleted since is still named.
    stored = (plan.problem.get("calendar") or {}).get("trainers", [])
    trainers = {str(t["id"]): t.get("name", str(t["id"])) for t in stored}
    trainers |= selectors.trainer_names(plan.project_id)
    return teams, venues, trainers
