"""From the planner's input to its problem (``akademia-plan/1``), and back to names.

Teams are the project's enrolled JST (id: the TERYT code), venues the project's active venues
(id ``V<pk>``), trainers its trainers (id ``T<pk>``); the rules come from the organisation
parameters of the programme version the project's calls offer. The rows are read by the
selectors (`selectors.plannable_venues` and the like, `recruitment.selectors.enrolled_teams`);
this module only shapes them.
"""

from datetime import date, timedelta

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from akademia.core.errors import DomainError
from akademia.planning import selectors
from akademia.planning.models import Trainer
from akademia.planning.solver import problem_from_data, validate_problem_data
from akademia.programmes.models import ProgrammeVersion
from akademia.recruitment.models import Project
from akademia.recruitment.selectors import enrolled_teams

DEFAULTS = {
    "time_limit": 60,
    "seed": 0,
    "same_kind": False,
    "fixed_cost": 300.0,
    "road_factor": 1.3,
    "blackout": [],
}


def version_for(project: Project, version_id: int | None = None) -> ProgrammeVersion:
    versions = selectors.project_versions(project).prefetch_related("modules")
    version = versions.filter(pk=version_id).first() if version_id else versions.first()
    if version is None:
        raise DomainError(_("The project's calls offer no programme version to plan."))
    return version


def team_rows(project: Project) -> list[dict]:
    rows = []
    for team in enrolled_teams(project):
        jst = team["jst"]
        lat, lon = jst.place.point
        if lat is None:
            raise DomainError(_("%(jst)s has no position in the registry.") % {"jst": jst.name})
        row = {
            "id": jst.code,
            "name": jst.name,
            "size": team["people"],
            "managers": team["managers"],
            "kind": jst.exchange_group,
            "lat": lat,
            "lon": lon,
        }
        if jst.county_id:
            row["county"] = jst.code[:4]
        rows.append(row)
    return rows


def venue_rows(project: Project) -> list[dict]:
    return [
        {
            "id": venue.solver_id,
            "name": venue.name,
            "lat": venue.lat,
            "lon": venue.lon,
            "max_groups": venue.max_groups,
        }
        | ({"unavailable": sorted(venue.unavailable)} if venue.unavailable else {})
        for venue in selectors.plannable_venues(project)
    ]


def trainer_row(trainer: Trainer) -> dict:
    """A trainer as the problem states it; the name keeps plans readable after a deletion."""
    lat, lon = trainer.home
    row = {
        "id": trainer.solver_id,
        "name": trainer.name,
        "unavailable": sorted(trainer.unavailable),
    }
    if lat is not None:
        row |= {"lat": lat, "lon": lon}
    if trainer.max_days is not None:
        row["max_days"] = trainer.max_days
    return row


def trainer_rows(project: Project) -> list[dict]:
    return [trainer_row(trainer) for trainer in selectors.plannable_trainers(project)]


NOTICE_DAYS = 30  # by default the first meeting is a month away: time to tell the teams


def _day(value) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) and value else value or None


def _long(day: date) -> str:
    return date_format(day, "j E Y")


def period_of(
    project: Project, version: ProgrammeVersion, params: dict, today: date | None = None
) -> tuple[date, date]:
    """The plan's period: the one asked for (`period_start`, `period_end`), else from
    NOTICE_DAYS ahead for the programme's length. It lies within the project's dates and
    starts after today; a DomainError names what is wrong (and the form field).

    The programme version's own "allowed period" is not used: a version outlives the project
    it was written for (a version of 2017 planned a project of 2026 into 2017)."""
    today = today or timezone.localdate()
    if not project.has_dates:
        raise DomainError(
            _(
                "The project has no dates yet: edit the project and set the days it starts and "
                "ends, as every meeting must lie between them."
            )
        )
    earliest = max(project.starts_on, today + timedelta(days=1))
    if project.ends_on < earliest:
        raise DomainError(
            _("The project ends on %(end)s: no day is left to plan.")
            % {"end": _long(project.ends_on)}
        )
    notice = min(today + timedelta(days=NOTICE_DAYS), project.ends_on)
    start = _day(params.get("period_start")) or max(earliest, notice)
    months = timedelta(days=30 * max(1, version.duration_months))
    end = _day(params.get("period_end")) or min(project.ends_on, start + months)
    _check_period(project, start, end, earliest)
    return start, end


def _check_period(project: Project, start: date, end: date, earliest: date) -> None:
    window = {"from": _long(project.starts_on), "to": _long(project.ends_on)}
    if not project.starts_on <= start <= project.ends_on:
        message = _(
            "The period cannot start on %(start)s: the project runs from %(from)s to %(to)s."
        )
        raise DomainError(message % ({"start": _long(start)} | window), field="period_start")
    if start < earliest:
        message = _(
            "The period cannot start on %(start)s: that day is past or today, and meetings are "
            "never planned into the past. The earliest start is %(earliest)s."
        )
        values = {"start": _long(start), "earliest": _long(earliest)}
        raise DomainError(message % values, field="period_start")
    if end > project.ends_on:
        message = _("The period cannot end on %(end)s: the project runs from %(from)s to %(to)s.")
        raise DomainError(message % ({"end": _long(end)} | window), field="period_end")
    if end < start:
        message = _("The period ends (%(end)s) before it starts (%(start)s).")
        raise DomainError(message % {"end": _long(end), "start": _long(start)}, field="period_end")


def build_problem(project: Project, parameters: dict | None = None) -> dict:
    """The problem JSON of a project; validated with the solver's schema (DomainError if not)."""
    params = DEFAULTS | (parameters or {})
    version = version_for(project, params.get("version"))
    teams = team_rows(project)
    if not teams:
        raise DomainError(_("No team is enrolled in this project yet."))
    venues = venue_rows(project)
    if not venues:
        raise DomainError(_("The project has no venue."))
    trainers = trainer_rows(project)
    start, end = period_of(project, version, params)
    data = {
        "format": "akademia-plan/1",
        "name": str(project),
        "distance": {"metric": "haversine", "road_factor": float(params["road_factor"])},
        "travel_cost": "per_person",
        "teams": teams,
        "venues": venues,
        "groups": {
            "min_size": version.group_min,
            "max_size": version.group_max,
            "count": None,
            "fixed_cost": float(params["fixed_cost"]),
            "same_kind": bool(params["same_kind"]),
            "min_manager_share": 0.0,
            "max_teams_per_county": None,
        },
        "calendar": {
            "start": start.isoformat(),
            "end": end.isoformat(),
            "modules": max(1, version.modules.count()),
            "days_per_module": version.days_per_meeting,
            "weekdays": sorted(version.weekdays),
            "min_gap_days": 7 * version.gap_min_weeks,
            "max_gap_days": 7 * version.gap_max_weeks,
            "holidays": "PL",
            "blackout": list(params["blackout"]),
            "trainers": trainers,
            "trainers_per_meeting": 1 if trainers else 0,
            "start_hour": version.start_hour.hour,
            "end_hour": version.end_hour.hour,
        },
    }
    errors = validate_problem_data(data)
    if errors:
        raise DomainError("\n".join(errors))
    return data


def problem_of(data: dict):
    return problem_from_data(data)
