"""What the plan pages show, computed from a plan's stored problem and result (no queries
except trainer names): figures, map data, calendars and differences. The solver's reasons and
the checker's findings in the reader's language are in `messages.py`."""

import datetime as dt
from collections import defaultdict

from django.utils.translation import gettext as _

from akademia.core.collation import polish_alphabet_key
from akademia.planning.messages import plan_names
from akademia.planning.solver import problem_from_data
from akademia.planning.solver.distance import team_venue_distance


def figures(plan) -> dict:
    """Travel per person, the longest trip, group sizes and the solver's figures."""
    if not plan.result or not plan.result["groups"]:
        return {}
    problem = problem_from_data(plan.problem)
    teams = {t.id: t for t in problem.teams}
    venues = {v.id: v for v in problem.venues}
    names = plan_names(plan)
    person_km, people, longest = 0.0, 0, (0.0, "", "")
    sizes = []
    for group in plan.result["groups"]:
        sizes.append(group["size"])
        venue = venues.get(group["venue"])
        for team_id in group["teams"]:
            team = teams.get(team_id)
            if team is None or venue is None:
                continue
            km = team_venue_distance(problem.distance, team, venue)
            person_km += km * team.size
            people += team.size
            if km > longest[0]:
                longest = (km, names[0].get(team_id, team_id), names[1].get(venue.id, venue.id))
    return {
        "groups": len(sizes),
        "people": people,
        "teams": len(teams),
        "person_km": person_km,
        "km_per_person": person_km / people if people else 0.0,
        "longest_km": longest[0],
        "longest_team": longest[1],
        "longest_venue": longest[2],
        "min_size": min(sizes),
        "max_size": max(sizes),
        "sizes": sizes,
        "gap_percent": None if plan.gap is None else 100 * plan.gap,
    }


#: One colour per group on the plan map and in its legend (the map's script takes them from
#: the data); a 12th group starts again with the first.
PALETTE = (
    "#1f77b4",
    "#d62728",
    "#2ca02c",
    "#9467bd",
    "#ff7f0e",
    "#8c564b",
    "#e377c2",
    "#17becf",
    "#7f7f7f",
    "#bcbd22",
    "#003f5c",
    "#a05195",
)


def group_colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def map_legend(plan) -> dict:
    """What the map's legend lists: each group with its colour, venue and size, and the
    venues no group uses (drawn small and grey on the map)."""
    _teams, venues, _trainers = plan_names(plan)
    groups = (plan.result or {}).get("groups", [])
    used = {group["venue"] for group in groups}
    return {
        "groups": [
            {
                "id": group["id"],
                "colour": group_colour(index),
                "venue": venues.get(group["venue"], group["venue"]),
                "size": group["size"],
                "teams": len(group["teams"]),
            }
            for index, group in enumerate(groups)
        ],
        "unused_venues": sorted(
            (name for key, name in venues.items() if key not in used), key=polish_alphabet_key
        ),
    }


def map_data(plan) -> dict:
    """Venues, teams and the line from each team to its group's venue, in the group's colour
    (the same as in the legend, `map_legend`)."""
    teams = {str(t["id"]): t for t in plan.problem["teams"]}
    venues = {str(v["id"]): v for v in plan.problem["venues"]}
    used = defaultdict(list)
    out_teams = []
    for index, group in enumerate((plan.result or {}).get("groups", [])):
        venue = venues[group["venue"]]
        used[group["venue"]].append(group["id"])
        for team_id in group["teams"]:
            team = teams[team_id]
            out_teams.append(
                {
                    "name": team.get("name", team_id),
                    "lat": team["lat"],
                    "lon": team["lon"],
                    "group": group["id"],
                    "colour": group_colour(index),
                    "venue": [venue["lat"], venue["lon"]],
                }
            )
    return {
        "venues": [
            {
                "name": v.get("name", v["id"]),
                "lat": v["lat"],
                "lon": v["lon"],
                "groups": used.get(str(v["id"]), []),
            }
            for v in venues.values()
        ],
        "teams": out_teams,
    }


def _dates(dates: list[str]) -> tuple[dt.date, dt.date] | None:
    if not dates:
        return None
    return dt.date.fromisoformat(dates[0]), dt.date.fromisoformat(dates[-1])


def calendars(plan) -> dict:
    """Per group (group × module → dates, trainer), per trainer and per venue."""
    teams, venues, trainers = plan_names(plan)
    modules = int((plan.problem.get("calendar") or {}).get("modules", 0))
    by_group, by_trainer, by_venue = [], defaultdict(list), defaultdict(list)
    for group in (plan.result or {}).get("groups", []):
        cells = {m["module"]: m for m in group["meetings"]}
        row = {
            "id": group["id"],
            "venue": venues.get(group["venue"], group["venue"]),
            "size": group["size"],
            "teams": sorted((teams.get(t, t) for t in group["teams"]), key=polish_alphabet_key),
            "team_ids": list(group["teams"]),
            "meetings": [],
        }
        for module in range(1, modules + 1):
            meeting = cells.get(module)
            span = _dates(meeting["dates"]) if meeting else None
            trainer = trainers.get(meeting.get("trainer") or "", "") if meeting else ""
            row["meetings"].append({"module": module, "span": span, "trainer": trainer})
            if span:
                entry = {"span": span, "group": group["id"], "module": module}
                if trainer:
                    by_trainer[trainer].append(entry | {"venue": row["venue"]})
                by_venue[row["venue"]].append(entry | {"trainer": trainer})
        by_group.append(row)
    return {
        "modules": list(range(1, modules + 1)),
        "groups": by_group,
        "trainers": _by_name(by_trainer),
        "venues": _by_name(by_venue),
    }


def _by_name(entries: dict[str, list[dict]]) -> list[tuple[str, list[dict]]]:
    """(name, entries by date), names in Polish alphabetical order."""
    return [
        (name, sorted(entries[name], key=lambda e: e["span"]))
        for name in sorted(entries, key=polish_alphabet_key)
    ]


def compare(plan, other) -> dict:
    """Teams that changed group (or venue), groups that changed venue."""
    teams, venues, _trainers = plan_names(other)
    mine_teams, mine_venues, _trainers = plan_names(plan)
    teams |= mine_teams
    venues |= mine_venues

    def placement(p):
        return {
            t: (g["id"], g["venue"]) for g in (p.result or {}).get("groups", []) for t in g["teams"]
        }

    mine, theirs = placement(plan), placement(other)
    moved = [
        {
            "team": teams.get(t, t),
            "before": mine.get(t, ("—", ""))[0],
            "before_venue": venues.get(mine.get(t, ("", ""))[1], ""),
            "after": theirs.get(t, ("—", ""))[0],
            "after_venue": venues.get(theirs.get(t, ("", ""))[1], ""),
        }
        for t in sorted(set(mine) | set(theirs), key=lambda t: polish_alphabet_key(teams.get(t, t)))
        if mine.get(t) != theirs.get(t)
    ]
    groups_a = {g["id"]: g["venue"] for g in (plan.result or {}).get("groups", [])}
    groups_b = {g["id"]: g["venue"] for g in (other.result or {}).get("groups", [])}
    relocated = [
        {"group": g, "before": venues.get(groups_a[g], ""), "after": venues.get(groups_b[g], "")}
        for g in sorted(set(groups_a) & set(groups_b))
        if groups_a[g] != groups_b[g]
    ]
    return {"teams": moved, "groups": relocated, "label": _("differences")}
