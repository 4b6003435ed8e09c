"""Demo data of the EU monitoring (SM EFS, docs/efs.md): the pilot has its project number, the
JST of its teams their NIP and address, and its people their monitoring data, given through the
service as each person would give them; the pilot participant who signs in with the demo
password has not given theirs yet (their home page asks for them). Idempotent.

Every PESEL and NIP here is made up: generated from invented dates of birth and serial numbers
with a valid check digit (a NIP starts with the tax-office prefix 999, which no office has), so
the files validate like real ones without naming anyone.

`fill_national` gives the national dataset the same data in bulk (`load_national`), for the
benchmarks of the SM EFS export.
"""

import datetime as dt
import random

from akademia.accounts.models import User
from akademia.accounts.roles import Role
from akademia.delivery.models import Certificate, Participant, ParticipantStatus
from akademia.demo.delivery import pilot_participant_email
from akademia.demo.recruitment import PILOT
from akademia.efs import checks, pesel, selectors, services
from akademia.efs.models import InstitutionData, MonitoringData, ProjectNumber
from akademia.efs.services import Answers
from akademia.recruitment.models import Project
from akademia.territory.kinds import COMMUNE_KINDS
from akademia.territory.models import Jst

PILOT_NUMBER = "FERS.04.01-IP.04-0001/26"
EDUCATION = ["isced5-8"] * 8 + ["isced3-4"] * 2
DEGURBA = {"gmina_miejska": "1", "gmina_miejsko_wiejska": "2", "gmina_wiejska": "3"}


def fake_pesel(index: int, *, female: bool) -> str:
    born = dt.date(1965, 1, 1) + dt.timedelta(days=(index * 397) % 12000)
    return pesel.make(born, index, female=female)


def fake_nip(jst_code: str) -> str:
    """999 + six digits of the TERYT code, with a valid check digit (one that is not 10)."""
    for shift in range(10):
        first = f"999{(int(jst_code) + shift) % 1_000_000:06d}"
        total = sum(w * int(d) for w, d in zip(checks.NIP_WEIGHTS, first, strict=True)) % 11
        if total != 10:
            return first + str(total)
    raise AssertionError("unreachable: one of ten shifts has a check digit")


def _residence(jst: Jst, fallback: dict[int, Jst]) -> Jst:
    """A commune to live in: the JST itself if it is one, else a commune of its voivodeship."""
    return jst if jst.kind in COMMUNE_KINDS else fallback[jst.voivodeship_id]


def _fallbacks() -> dict[int, Jst]:
    fallback = {}
    for unit in Jst.objects.filter(kind__in=COMMUNE_KINDS).order_by("code"):
        fallback.setdefault(unit.voivodeship_id, unit)
    return fallback


def _answers(index: int, person, residence: Jst, *, ended: bool) -> Answers:
    # The sex the PESEL carries follows the name (Polish women's first names end in "a").
    female = person.full_name.split()[0].lower().endswith("a")
    no_pesel = index % 97 == 42  # now and then a foreigner without a PESEL
    return Answers(
        citizenship="eu" if no_pesel else "pl",
        pesel="" if no_pesel else fake_pesel(index, female=female),
        no_pesel_reason="foreigner" if no_pesel else "",
        sex=("female" if female else "male") if no_pesel else "",
        birth_date=dt.date(1988, 5, 17) if no_pesel else None,
        education=EDUCATION[index % len(EDUCATION)],
        labour_status="local_government",
        residence=residence,
        locality=residence.name,
        postal_code=f"{40 + index % 50:02d}-{index % 1000:03d}",
        degurba=DEGURBA.get(residence.kind, "2"),
        phone=f"500{index % 1_000_000:06d}",
        foreign_origin="yes" if no_pesel else "no",
        third_country="no",
        minority="refused" if index % 11 == 0 else "no",
        homeless="no",
        disability="yes" if index % 23 == 0 else "no",
        end_situation="employed" if ended else "",
    )


def _institution(jst: Jst, residence: Jst) -> dict:
    return {
        "nip": fake_nip(jst.code),
        "street": "ul. Urzędowa",
        "building": str(1 + int(jst.code) % 40),
        "unit": "",
        "postal_code": f"{40 + int(jst.code) % 50:02d}-{int(jst.code) % 1000:03d}",
        "locality": residence.name,
        "degurba": DEGURBA.get(residence.kind, "2"),
        "phone": f"32{int(jst.code) % 10_000_000:07d}",
        "email": f"urzad.{jst.code}@demo.example.org",
    }


def ensure_demo_efs() -> None:
    pilot = Project.objects.filter(name=PILOT).first()
    if pilot is None or MonitoringData.objects.filter(project=pilot).exists():
        return
    national = User.objects.filter(role=Role.NATIONAL_OPERATOR).order_by("pk").first()
    if national is not None:
        services.project_number_save(actor=national, project=pilot, number=PILOT_NUMBER)
    waiting = pilot_participant_email()
    fallback = _fallbacks()
    people = (
        Participant.objects.filter(group__project=pilot)
        .select_related("group__project", "jst", "user")
        .order_by("since", "pk")
    )
    latest = {p.user_id: p for p in people}
    for index, person in enumerate(latest.values()):
        if person.user.email == waiting:
            continue  # the demo participant: their home page asks for their data
        ended = selectors.has_ended(person)
        answers = _answers(index, person, _residence(person.jst, fallback), ended=ended)
        services.monitoring_data_save(actor=person.user, participation=person, answers=answers)
    if national is not None:
        for jst in {p.jst for p in latest.values()}:
            services.institution_data_save(
                actor=national, jst=jst, values=_institution(jst, _residence(jst, fallback))
            )


def fill_national(projects, *, rng: random.Random) -> int:
    """The national dataset's monitoring data in bulk: what `monitoring_data_save` would store
    for each person (sex and date of birth read from the PESEL, the phone in digits, the JST of
    their latest row), but one person in twenty has not given theirs (the operator's list of
    missing data has rows); every JST its institution data, every project its number. No
    audit entries: nobody acted. Returns the number of people with data."""
    fallback = _fallbacks()
    made = 0
    for number, project in enumerate(projects, start=1):
        if MonitoringData.objects.filter(project=project).exists():
            continue
        ProjectNumber.objects.get_or_create(
            project=project, defaults={"number": f"FERS.04.01-IP.{number:02d}-0001/26"}
        )
        people = (
            Participant.objects.filter(group__project=project)
            .select_related("jst")
            .order_by("since", "pk")
        )
        latest, active = {}, set()
        for person in people:
            latest[person.user_id] = person
            if person.status == ParticipantStatus.ACTIVE:
                active.add(person.user_id)
        certified = set(
            Certificate.objects.filter(
                participant__group__project=project, revoked_at__isnull=True
            ).values_list("participant__user_id", flat=True)
        )
        rows = []
        for person in latest.values():
            if rng.random() < 0.05:
                continue
            residence = _residence(person.jst, fallback)
            ended = person.user_id not in active - certified
            a = _answers(person.user_id, person, residence, ended=ended)
            number_given = pesel.validate(a.pesel) if a.pesel else ""
            rows.append(
                MonitoringData(
                    project=project,
                    user_id=person.user_id,
                    jst=person.jst,
                    citizenship=a.citizenship,
                    pesel=number_given,
                    no_pesel_reason=a.no_pesel_reason,
                    sex=("female" if pesel.is_female(number_given) else "male")
                    if number_given
                    else a.sex,
                    birth_date=pesel.birth_date(number_given) if number_given else a.birth_date,
                    education=a.education,
                    labour_status=a.labour_status,
                    residence=residence,
                    locality=a.locality,
                    postal_code=a.postal_code,
                    degurba=a.degurba,
                    phone=checks.clean_phone(a.phone),
                    foreign_origin=a.foreign_origin,
                    third_country=a.third_country,
                    minority=a.minority,
                    homeless=a.homeless,
                    disability=a.disability,
                    end_situation=a.end_situation,
                    filled_by_id=person.user_id,
                )
            )
        MonitoringData.objects.bulk_create(rows, batch_size=500)
        made += len(rows)
        units = {p.jst_id: p.jst for p in latest.values()}
        have = set(
            InstitutionData.objects.filter(jst_id__in=units).values_list("jst_id", flat=True)
        )
        InstitutionData.objects.bulk_create(
            InstitutionData(jst=jst, **_institution(jst, _residence(jst, fallback)))
            for jst_id, jst in units.items()
            if jst_id not in have
        )
    return made
