"""The files SM EFS takes: the participant import and the institution import (docs/efs.md).

The columns, their order, the date format and the dictionary values are those of the SM EFS
participant file as public code that writes and reads real files shows them (docs/efs.md
names each source); they are Polish administrative values, kept here and only here, whatever
the reader's interface language. The files are CSV: semicolon-separated, UTF-8 with a byte-order
mark, CRLF line ends, dates as yyyy-MM-dd, several supports in one cell separated by "|".
Nothing here touches the database: `rows` take plain dataclasses that the selectors fill.
"""

import datetime as dt
import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from akademia.core import csvfiles
from akademia.efs.models import (
    Answer,
    Citizenship,
    Degurba,
    Education,
    EndSituation,
    LabourStatus,
    ProjectNumber,
    Sex,
)
from akademia.efs.pesel import age_on

DATE_FORMAT = "%Y-%m-%d"
DELIMITER = ";"
YES, NO = "Tak", "Nie"

PARTICIPANT_COLUMNS = (
    "Numer projektu",
    "Obywatelstwo",
    "Rodzaj uczestnika",
    "Nazwa instytucji",
    "Imię",
    "Nazwisko",
    "PESEL/Inny identyfikator",
    "brak PESEL",
    "Techniczny identyfikator uczestnika",
    "Płeć",
    "Wiek w chwili przystąpienia do projektu",
    "Wykształcenie",
    "Kraj",
    "Województwo",
    "Powiat",
    "Gmina",
    "Miejscowość",
    "Kod pocztowy",
    "Obszar według stopnia urbanizacji (DEGURBA)",
    "Telefon kontaktowy",
    "Adres e-mail",
    "Data rozpoczęcia udziału w projekcie",
    "Data zakończenia udziału w projekcie",
    "Status osoby na rynku pracy w chwili przystąpienia do projektu",
    "w tym",
    "Planowana data zakończenia edukacji",
    "Sytuacja osoby w momencie zakończenia udziału w projekcie",
    "Zakończenie udziału osoby w projekcie zgodnie z zaplanowaną dla niej ścieżką uczestnictwa",
    "Zakres wsparcia",
    "Rodzaj przyznanego wsparcia",
    "w tym",
    "Data rozpoczęcia udziału we wsparciu",
    "Data założenia działalności gospodarczej",
    "Osoba obcego pochodzenia",
    "Obywatel państwa trzeciego",
    "Osoba należąca do mniejszości narodowej lub etnicznej (w tym społeczności marginalizowane)",
    "Osoba bezdomna lub dotknięta wykluczeniem z dostępu do mieszkań",
    "Osoba z niepełnosprawnościami",
    "Data dodania",
    "Użytkownik, który dodał uczestnika",
    "Data modyfikacji",
    "Użytkownik modyfikujący",
    "Uwagi",
)

INSTITUTION_COLUMNS = (
    "Numer projektu",
    "Kraj",
    "Nazwa instytucji",
    "NIP",
    "Brak NIP",
    "Typ instytucji",
    "w tym",
    "Województwo",
    "Powiat",
    "Gmina",
    "Miejscowość",
    "Ulica",
    "Nr budynku",
    "Nr lokalu",
    "Kod pocztowy",
    "Obszar według stopnia urbanizacji (DEGURBA)",
    "Telefon kontaktowy",
    "Adres e-mail",
    "Data rozpoczęcia udziału w projekcie",
    "Data zakończenia udziału w projekcie",
    "Czy wsparciem zostali objęci pracownicy instytucji",
    "Rodzaj przyznanego wsparcia",
    "w tym",
    "Data rozpoczęcia udziału we wsparciu",
    "Data zakończenia udziału we wsparciu",
    "Uwagi",
)

CITIZENSHIP = {
    Citizenship.POLISH: "Obywatelstwo polskie",
    Citizenship.EU: "Brak polskiego obywatelstwa – obywatel kraju UE",
    Citizenship.NON_EU: (
        "Brak polskiego obywatelstwa lub UE – obywatel kraju spoza UE/ bezpaństwowiec"
    ),
}
SEX = {Sex.FEMALE: "Kobieta", Sex.MALE: "Mężczyzna"}
EDUCATION = {
    Education.ISCED_0: "Brak lub niepełne podstawowe (ISCED 0)",
    Education.ISCED_1_2: "Podstawowe (ISCED 1) lub gimnazjalne (ISCED 2)",
    Education.ISCED_3_4: "Ponadgimnazjalne (ISCED 3) lub policealne (ISCED 4)",
    Education.ISCED_5_8: "Wyższe (ISCED 5–8)",
}
# Status at entry and its detail ("w tym").
LABOUR_STATUS = {
    LabourStatus.LOCAL_GOVERNMENT: (
        "Osoba pracująca",
        "Osoba pracująca w administracji samorządowej",
    ),
    LabourStatus.GOVERNMENT: ("Osoba pracująca", "Osoba pracująca w administracji rządowej"),
    LabourStatus.OTHER: ("Osoba pracująca", "Inne"),
}
END_SITUATION = {
    EndSituation.EMPLOYED: "Osoba pracująca",
    EndSituation.UNEMPLOYED: "Osoba bezrobotna",
    EndSituation.INACTIVE: "Osoba bierna zawodowo",
    EndSituation.OTHER: "Inne",
}
ANSWER = {Answer.YES: YES, Answer.NO: NO, Answer.REFUSED: "Odmowa podania informacji"}
DEGURBA = {Degurba.CITY: "1", Degurba.TOWN: "2", Degurba.RURAL: "3"}
INDIVIDUAL = "Indywidualny"
COUNTRY = "Polska"
SUPPORT = "krajowe szkolenie/kurs"
INSTITUTION_KIND = ("Administracja publiczna", "Administracja samorządowa")
MISSING = "BRAK DANYCH: {what}"
# What a row lacks, as the "Uwagi" column names it.
MISSING_LABELS = {
    "data": "dane uczestnika do SM EFS nie zostały podane",
    "end_situation": "sytuacja w momencie zakończenia udziału",
    "project_number": "numer projektu",
    "institution": "NIP i adres instytucji",
}


@dataclass(frozen=True)
class Place:
    voivodeship: str
    county: str
    commune: str


@dataclass(frozen=True)
class PersonRow:
    """One person of a project, as the export needs them (filled by the selectors)."""

    participant_id: int  # ours: orders the rows of people with the same name, never written
    full_name: str
    email: str
    started: dt.date
    ended: dt.date | None
    completed: bool | None  # the planned path: True (certificate), False (left), None (ongoing)
    data: object | None  # MonitoringData with its residence loaded, or None
    place: Place | None
    missing: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class InstitutionRow:
    code: str
    name: str
    place: Place
    started: dt.date
    ended: dt.date | None
    data: object | None  # InstitutionData or None
    missing: tuple[str, ...] = field(default=())


def date(value: dt.date | None) -> str:
    return value.strftime(DATE_FORMAT) if value else ""


def split_name(full_name: str) -> tuple[str, str]:
    """First name(s) and surname: the surname is the last word (a double one is hyphenated)."""
    parts = full_name.split()
    if len(parts) < 2:
        return full_name.strip(), ""
    return " ".join(parts[:-1]), parts[-1]


def _completed(value: bool | None) -> str:
    return "" if value is None else (YES if value else NO)


def _remarks(missing: Iterable[str]) -> str:
    missing = list(missing)
    if not missing:
        return ""
    return MISSING.format(what=", ".join(MISSING_LABELS[m] for m in missing))


def participant_row(project: ProjectNumber | None, person: PersonRow) -> list[str]:
    first, last = split_name(person.full_name)
    d = person.data
    # "Techniczny identyfikator uczestnika" (8) stays empty: SM EFS gives it to a participant it
    # holds (its exports carry it), and an import of new people leaves it empty; our own account
    # number there could name another person of SM EFS (docs/efs.md).
    row = dict.fromkeys(range(len(PARTICIPANT_COLUMNS)), "")
    row.update(
        {
            0: project.number if project else "",
            2: INDIVIDUAL,
            4: first,
            5: last,
            12: COUNTRY,
            20: person.email,
            21: date(person.started),
            22: date(person.ended),
            27: _completed(person.completed),
            28: project.support_scope if project else "",
            29: SUPPORT,
            31: date(person.started),
            42: _remarks(person.missing),
        }
    )
    if d is not None:
        status, detail = LABOUR_STATUS[d.labour_status]
        row.update(
            {
                1: CITIZENSHIP[d.citizenship],
                6: d.pesel,
                7: NO if d.pesel else YES,
                9: SEX[d.sex],
                10: str(age_on(d.birth_date, person.started)),
                11: EDUCATION[d.education],
                16: d.locality,
                17: d.postal_code,
                18: DEGURBA[d.degurba],
                19: d.phone,
                23: status,
                24: detail,
                26: END_SITUATION.get(d.end_situation, "") if person.ended else "",
                33: ANSWER[d.foreign_origin],
                34: ANSWER[d.third_country],
                35: ANSWER[d.minority],
                36: ANSWER[d.homeless],
                37: ANSWER[d.disability],
            }
        )
    if person.place is not None:
        row.update(
            {13: person.place.voivodeship, 14: person.place.county, 15: person.place.commune}
        )
    return [row[i] for i in range(len(PARTICIPANT_COLUMNS))]


def institution_row(number: str, unit: InstitutionRow) -> list[str]:
    d = unit.data
    return [
        number,
        COUNTRY,
        unit.name,
        d.nip if d else "",
        NO if d else "",
        *INSTITUTION_KIND,
        unit.place.voivodeship,
        unit.place.county,
        unit.place.commune,
        d.locality if d else "",
        d.street if d else "",
        d.building if d else "",
        d.unit if d else "",
        d.postal_code if d else "",
        DEGURBA.get(d.degurba, "") if d else "",
        d.phone if d else "",
        d.email if d else "",
        date(unit.started),
        date(unit.ended),
        YES,
        SUPPORT,
        "",
        date(unit.started),
        date(unit.ended),
        _remarks(unit.missing),
    ]


def csv_lines(header: Iterable[str], rows: Iterable[list[str]]) -> Iterator[str]:
    """The file, line by line (a StreamingHttpResponse sends each as it is made), written as
    every CSV of the platform is (core/csvfiles.py: BOM first, no cell run as a formula)."""
    return csvfiles.csv_lines(itertools.chain([header], rows), delimiter=DELIMITER)
