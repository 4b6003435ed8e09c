"""Reads of the SM EFS data, scoped through the one permission API.

A person's participation in a project is the set of their delivery participant rows in its
groups (a regrouped person has several): it starts on the first row's first day and, once no
row is active, ends on the last day of the last one; a certificate ends it as completed.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count
from django.http import Http404

from akademia.accounts.permissions import visible, visible_or_404
from akademia.delivery.models import Certificate, Participant, ParticipantStatus
from akademia.efs.models import InstitutionData, MonitoringData, ProjectNumber
from akademia.efs.smefs import InstitutionRow, PersonRow, Place, split_name
from akademia.recruitment.models import Project
from akademia.territory.kinds import COMMUNE_KINDS, COUNTY_LEVEL_KINDS
from akademia.territory.models import Jst


@dataclass(frozen=True)
class Entry:
    """One person of one project on the "my data" page and the home panel."""

    project: Project
    person_id: int
    full_name: str
    jst_name: str
    ended: bool
    data: MonitoringData | None

    @property
    def missing(self) -> tuple[str, ...]:
        return _missing(self.data, ended=self.ended)

    @property
    def complete(self) -> bool:
        return not self.missing


def _missing(data, *, ended: bool) -> tuple[str, ...]:
    if data is None:
        return ("data",)
    if ended and not data.end_situation:
        return ("end_situation",)
    return ()


def participation_for(user, *, project_pk: int, person_pk: int) -> Participant:
    """The person's latest participant row in the project, if the user may see it (a
    participant: their own; a JST's coordinator: its people); else 404."""
    rows = Participant.objects.filter(group__project_id=project_pk, user_id=person_pk)
    latest = (
        visible(rows.select_related("group__project", "jst", "user"), user)
        .order_by("-since", "-pk")
        .first()
    )
    if latest is None:
        raise Http404
    return latest


def has_ended(participation: Participant) -> bool:
    """Whether the person's participation in the project is over: none of their rows is active,
    or they completed it (a certificate that is not revoked)."""
    rows = Participant.objects.filter(
        group__project_id=participation.group.project_id, user_id=participation.user_id
    )
    return (
        not rows.filter(status=ParticipantStatus.ACTIVE).exists()
        or Certificate.objects.filter(participant__in=rows, revoked_at__isnull=True).exists()
    )


def data_for(user, *, participation: Participant) -> MonitoringData | None:
    rows = MonitoringData.objects.filter(
        project_id=participation.group.project_id, user_id=participation.user_id
    )
    return visible(rows.select_related("residence"), user).first()


def entries_for(user) -> list[Entry]:
    """The people (with their projects) whose data this user gives: a participant themselves,
    a coordinator the JST's people. Four queries whatever their number."""
    rows = visible(Participant.objects.select_related("group__project", "jst"), user).order_by(
        "since", "pk"
    )
    latest: dict[tuple[int, int], Participant] = {}
    active: set[tuple[int, int]] = set()
    seen: list[int] = []
    for row in rows:
        seen.append(row.pk)
        key = (row.group.project_id, row.user_id)
        latest[key] = row
        if row.status == ParticipantStatus.ACTIVE:
            active.add(key)
    if not latest:
        return []
    completed = set(
        Certificate.objects.filter(participant__in=seen, revoked_at__isnull=True).values_list(
            "participant__group__project_id", "participant__user_id"
        )
    )
    data = {
        (d.project_id, d.user_id): d
        for d in visible(MonitoringData.objects.filter(user_id__in={k[1] for k in latest}), user)
    }
    entries = [
        Entry(
            project=row.group.project,
            person_id=row.user_id,
            full_name=row.full_name,
            jst_name=row.jst.name,
            ended=key not in active or key in completed,
            data=data.get(key),
        )
        for key, row in latest.items()
    ]
    return sorted(entries, key=lambda e: (e.project.name, e.jst_name, e.full_name))


def home_missing(user) -> dict:
    """The home panel: whose data is still missing."""
    entries = entries_for(user)
    missing = [e for e in entries if not e.complete]
    return {"missing": missing, "count": len(missing), "all": len(entries)}


# For the operators -----------------------------------------------------------------------


def projects_for(user) -> list[dict]:
    """The projects of the user's scope with how many people they have and whose data is in."""
    projects = list(visible(Project.objects.select_related("voivodeship"), user))
    ids = [p.pk for p in projects]
    people = dict(
        Participant.objects.filter(group__project_id__in=ids)
        .values("group__project_id")
        .annotate(n=Count("user_id", distinct=True))
        .values_list("group__project_id", "n")
    )
    given = dict(
        MonitoringData.objects.filter(project_id__in=ids)
        .values("project_id")
        .annotate(n=Count("pk"))
        .values_list("project_id", "n")
    )
    numbers = dict(
        ProjectNumber.objects.filter(project_id__in=ids).values_list("project_id", "number")
    )
    return [
        {
            "project": p,
            "people": people.get(p.pk, 0),
            "given": given.get(p.pk, 0),
            "number": numbers.get(p.pk, ""),
        }
        for p in projects
    ]


def project_for(user, pk: int) -> Project:
    return visible_or_404(Project.objects.select_related("voivodeship"), user, pk=pk)


def project_number(project: Project) -> ProjectNumber | None:
    return ProjectNumber.objects.filter(project=project).first()


def _place(jst: Jst) -> Place:
    """Where a JST is, as the files name it: voivodeship, county and commune."""
    county = jst.county.name if jst.county else ""
    commune = jst.name if jst.kind in COMMUNE_KINDS else ""
    if jst.kind in COUNTY_LEVEL_KINDS:
        county = county or jst.name
    return Place(voivodeship=jst.voivodeship.name.lower(), county=county, commune=commune)


def export_people(project: Project) -> tuple[ProjectNumber | None, list[PersonRow]]:
    """The project's number (with its scope of support) and every person who took part in it,
    with their data if given (for a project the caller has scoped). Four queries whatever the
    number of people."""
    number = project_number(project)
    rows = (
        Participant.objects.filter(group__project=project)
        .select_related("jst")
        .order_by("since", "pk")
        .values_list("pk", "user_id", "full_name", "email", "since", "until", "status")
    )
    people: dict[int, dict] = {}
    for pk, user_id, full_name, email, since, until, status in rows:
        person = people.setdefault(
            user_id, {"first": pk, "started": since, "active": False, "until": until}
        )
        person.update(full_name=full_name, email=email)
        person["active"] |= status == ParticipantStatus.ACTIVE
        if until and (person["until"] is None or until > person["until"]):
            person["until"] = until
    completed = dict(
        Certificate.objects.filter(
            participant__group__project=project, revoked_at__isnull=True
        ).values_list("participant__user_id", "last_day")
    )
    data = {
        d.user_id: d
        for d in MonitoringData.objects.filter(project=project).select_related(
            "residence__county", "residence__voivodeship"
        )
    }
    result = []
    for user_id, p in people.items():
        ended: dt.date | None = None
        if not p["active"] and p["until"]:
            ended = p["until"] - dt.timedelta(days=1)
        done = completed.get(user_id)
        if done is not None:
            ended = ended or done
        state = True if done else (False if ended else None)
        d = data.get(user_id)
        missing = _missing(d, ended=ended is not None)
        if number is None:
            missing += ("project_number",)
        result.append(
            PersonRow(
                participant_id=user_id,
                full_name=p["full_name"],
                email=p["email"],
                started=p["started"],
                ended=ended,
                completed=state,
                data=d,
                place=_place(d.residence) if d else None,
                missing=missing,
            )
        )
    result.sort(key=lambda r: (split_name(r.full_name)[::-1], r.participant_id))
    return number, result


def export_institutions(project: Project) -> tuple[str, list[InstitutionRow]]:
    """Every JST whose people took part in the project, with its NIP and address if given."""
    number = project_number(project)
    spans: dict[int, list] = defaultdict(list)
    for jst_id, since, until, status in Participant.objects.filter(
        group__project=project
    ).values_list("jst_id", "since", "until", "status"):
        spans[jst_id].append((since, until, status))
    units = Jst.objects.filter(pk__in=spans).select_related("county", "voivodeship")
    data = {d.jst_id: d for d in InstitutionData.objects.filter(jst_id__in=spans)}
    result = []
    for unit in units:
        periods = spans[unit.pk]
        ongoing = any(status == ParticipantStatus.ACTIVE for _, _, status in periods)
        last = max((u for _, u, _ in periods if u), default=None)
        missing = () if unit.pk in data else ("institution",)
        if number is None:
            missing += ("project_number",)
        result.append(
            InstitutionRow(
                code=unit.code,
                name=unit.name,
                place=_place(unit),
                started=min(s for s, _, _ in periods),
                ended=None if ongoing or last is None else last - dt.timedelta(days=1),
                data=data.get(unit.pk),
                missing=missing,
            )
        )
    result.sort(key=lambda r: (r.name, r.place.county))
    return (number.number if number else ""), result


def missing_people(project: Project) -> list[PersonRow]:
    """Who the operator still waits for (the export marks them too)."""
    return [p for p in export_people(project)[1] if set(p.missing) - {"project_number"}]


def institution_for(user, *, code: str) -> tuple[Jst, InstitutionData | None]:
    jst = visible_or_404(Jst.objects.select_related("voivodeship", "county"), user, code=code)
    return jst, InstitutionData.objects.filter(jst=jst).first()
