"""Human explanations of infeasibility, by stable message id.

The web app translates by ``code`` and formats its own template with ``params``; the English
``text`` is what the CLI prints. Keep params JSON-serialisable (numbers, strings, ISO dates).
"""

from __future__ import annotations

from typing import Any

from .model import Reason

MESSAGES: dict[str, str] = {
    "team_too_large": "team {team} has {size} people, more than the maximum group size {max_size}",
    "no_venue_for_team": "team {team} has no venue it can travel to (no distance in the matrix)",
    "kind_too_small": (
        "{kind} teams: {people} people, fewer than the minimum group size {min_size}"
    ),
    "group_size": (
        "{teams} teams ({people} people) cannot form groups of {min_size}–{max_size} "
        "without splitting a team"
    ),
    "group_size_kind": (
        "{kind} teams: {teams} teams ({people} people) cannot form groups of "
        "{min_size}–{max_size} without splitting a team"
    ),
    "rooms": "venues have {rooms} rooms in total but at least {needed} groups are needed",
    "group_count": (
        "exactly {count} groups were requested, but the teams need between {min_groups} and "
        "{max_groups} groups"
    ),
    "managers": (
        "managers are {managers} of {people} people ({share:.0%}), fewer than the required "
        "share {required:.0%}"
    ),
    "county_cap": (
        "county {county} has {teams} {kind} teams; with at most {cap} per group they need "
        "{needed} groups, but {people} people allow at most {max_groups} groups"
    ),
    "relaxation": "no plan satisfies the rule “{rule}”; without it a plan exists",
    "grouping_infeasible": "no grouping of the teams satisfies all rules together",
    "no_window": (
        "no {days}-day window on allowed weekdays {weekdays} between {start} and {end} "
        "(holidays and blackout dates excluded)"
    ),
    "no_window_venue": (
        "venue {venue}: no {days}-day window on allowed weekdays between {start} and {end}"
    ),
    "modules_do_not_fit": (
        "{modules} modules of {days} days with {min_gap}–{max_gap} days between starts do not "
        "fit between {start} and {end}"
    ),
    "modules_do_not_fit_venue": (
        "group {group} at venue {venue}: {modules} modules do not fit between {start} and "
        "{end} given the venue's unavailable dates"
    ),
    "trainer_days": (
        "trainers have {available} days in total but {needed} meeting-days are needed"
    ),
    "too_few_trainers": (
        "each meeting needs {per_meeting} trainers but only {trainers} are defined"
    ),
    "no_trainers": "the calendar needs trainers but none are defined",
    "venue_rooms_per_day": (
        "venue {venue} hosts {groups} groups but has {rooms} rooms: the meetings do not fit "
        "on the allowed days"
    ),
    "calendar_rule": ("no calendar satisfies the rule “{rule}”; without it a calendar exists"),
    "calendar_infeasible": "no calendar satisfies all rules together",
    "calendar_timeout": "no calendar was found within the time limit",
    "timeout": "no plan was found within the time limit",
}


def reason(code: str, **params: Any) -> Reason:
    """Build a Reason; unknown codes are a programming error and raise KeyError."""
    return Reason(code=code, params=params, text=MESSAGES[code].format(**params))
