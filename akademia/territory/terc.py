"""Reading the TERC register file ("TERC urzędowy" CSV from GUS), with no database involved.

`parse_terc` checks the whole file before anything is written, and names the line of every
problem, so that an import is all-or-nothing.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

from akademia.core.tables import FileRefused, read_csv

HEADER = ["WOJ", "POW", "GMI", "RODZ", "NAZWA", "NAZWA_DOD", "STAN_NA"]
COMMUNE_RODZ = {"1", "2", "3"}
# Parts of urban-rural communes (4, 5) and city districts (8, 9): in TERC, but not JST.
PART_RODZ = {"4", "5", "8", "9"}
RODZ_KIND = {"1": "gmina_miejska", "2": "gmina_wiejska", "3": "gmina_miejsko_wiejska"}
# The register has about 4300 lines (communes, their parts, counties, voivodeships).
MAX_LINES = 10_000
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class TercError(Exception):
    """The file cannot be imported; `problems` lists every line that is wrong."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class TercUnit:
    level: str  # "voivodeship" | "county" | "commune"
    code: str  # 2, 4 or 7 digits
    name: str
    kind: str  # a JstKind value
    line: int


@dataclass
class TercRegister:
    voivodeships: list[TercUnit] = field(default_factory=list)
    counties: list[TercUnit] = field(default_factory=list)
    communes: list[TercUnit] = field(default_factory=list)
    state_date: str = ""


def parse_terc_file(path: Path | str) -> TercRegister:
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        raise TercError(
            [_("Cannot read the file: %(error)s") % {"error": error.strerror}]
        ) from error
    return parse_terc(raw)


def parse_terc(raw: bytes) -> TercRegister:
    try:
        raw.decode("utf-8-sig")  # decoded again by the reader; here for the byte's position
    except UnicodeDecodeError as error:
        raise TercError(
            [_("The file is not UTF-8 text (byte %(pos)d).") % {"pos": error.start}]
        ) from error
    try:
        # The shared bounded reader (core.tables), like every other import of a table.
        rows = read_csv(raw, delimiter=";", max_rows=MAX_LINES)
    except FileRefused as refused:
        raise TercError([str(refused)]) from refused
    if not rows or rows[0][0] != 1 or rows[0][1] != HEADER:
        raise TercError(
            [_("Line 1: the header must be %(expected)s.") % {"expected": ";".join(HEADER)}]
        )
    register, problems, seen = TercRegister(), [], {}
    for number, row in rows[1:]:
        try:
            unit = _parse_row(row, number, register)
        except ValueError as error:
            problems.append(str(error))
            continue
        if unit is None:
            continue
        key = (unit.level, unit.code)
        if key in seen:
            problems.append(
                _("Line %(line)d: duplicate code %(code)s (first on line %(first)d).")
                % {"line": number, "code": unit.code, "first": seen[key]}
            )
            continue
        seen[key] = number
        getattr(register, f"{unit.level}s" if unit.level != "county" else "counties").append(unit)
    problems += _check_parents(register)
    if not register.voivodeships and not problems:
        problems.append(_("The file lists no voivodeship."))
    if problems:
        raise TercError(problems)
    return register


def _parse_row(row: list[str], line: int, register: TercRegister) -> TercUnit | None:
    if len(row) != len(HEADER):
        raise ValueError(
            _("Line %(line)d: expected %(expected)d fields separated by ';', found %(found)d.")
            % {"line": line, "expected": len(HEADER), "found": len(row)}
        )
    woj, pow_, gmi, rodz, name, extra, state = (cell.strip() for cell in row)
    _check_digits(line, "WOJ", woj, 2, required=True)
    _check_digits(line, "POW", pow_, 2, required=bool(gmi))
    _check_digits(line, "GMI", gmi, 2, required=bool(rodz))
    _check_digits(line, "RODZ", rodz, 1, required=bool(gmi))
    if not name:
        raise ValueError(_("Line %(line)d: the name (NAZWA) is empty.") % {"line": line})
    if not DATE.match(state):
        raise ValueError(
            _("Line %(line)d: STAN_NA must be a date YYYY-MM-DD, found “%(value)s”.")
            % {"line": line, "value": state}
        )
    register.state_date = max(register.state_date, state)
    if not pow_:
        return TercUnit("voivodeship", woj, name.lower(), "wojewodztwo", line)
    if not gmi:
        kind = "miasto_na_prawach_powiatu" if "miasto" in extra else "powiat"
        return TercUnit("county", woj + pow_, name, kind, line)
    if rodz in PART_RODZ:
        return None
    if rodz not in COMMUNE_RODZ:
        raise ValueError(
            _("Line %(line)d: unknown RODZ “%(value)s” (expected 1–5, 8 or 9).")
            % {"line": line, "value": rodz}
        )
    return TercUnit("commune", woj + pow_ + gmi + rodz, name, RODZ_KIND[rodz], line)


def _check_digits(line: int, column: str, value: str, length: int, *, required: bool) -> None:
    if not value and not required:
        return
    if len(value) != length or not value.isdigit():
        raise ValueError(
            _("Line %(line)d: %(column)s must be %(length)d digits, found “%(value)s”.")
            % {"line": line, "column": column, "length": length, "value": value}
        )


def _check_parents(register: TercRegister) -> list[str]:
    voivodeships = {u.code for u in register.voivodeships}
    counties = {u.code for u in register.counties}
    problems = [
        _("Line %(line)d: county %(code)s belongs to no voivodeship in the file.")
        % {"line": u.line, "code": u.code}
        for u in register.counties
        if u.code[:2] not in voivodeships
    ]
    problems += [
        _("Line %(line)d: commune %(code)s belongs to no county in the file.")
        % {"line": u.line, "code": u.code}
        for u in register.communes
        if u.code[:4] not in counties
    ]
    return problems
