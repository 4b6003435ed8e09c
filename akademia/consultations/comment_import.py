"""Comments ("uwagi") from an XLSX or CSV file, checked in full before anything is saved.

`parse_comments` takes the file's bytes and answers either the rows for one atomic
`services.comments_add` call or the problems, each named by its row number (as a spreadsheet
numbers it, the header being row 1) and by its column (as the file's header spells it), so an
operator can mend the file and send it again. Nothing here knows about views or forms, so the
whole format is tested with bytes alone; the file itself is never stored.
"""

import re
from dataclasses import dataclass, field

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from akademia.consultations.models import AuthorKind, ConsultationRound, Meeting, TargetKind
from akademia.core.tables import FileRefused, read_table, upload_refusal
from akademia.programmes.models import Module
from akademia.territory.folding import fold
from akademia.territory.models import Jst

NAME_LENGTH = 150  # Comment.author_name


@dataclass(frozen=True)
class Parameter:
    """An organisation parameter a comment can be about ("parametry organizacyjne").

    The five follow the themes of the 2017 consultation; `fields` are the ProgrammeVersion
    fields it covers (so a comment can be traced to `field:<name>` changes of the diff), and
    `aliases` are the words an import file may use for it.
    """

    code: str
    label: Promise
    fields: tuple[str, ...]
    aliases: tuple[str, ...]


PARAMETERS = (
    Parameter(
        "group_size",
        gettext_lazy("size and make-up of the training groups"),
        ("group_min", "group_max"),
        ("grupa", "grupy", "wielkość grup", "grupa szkoleniowa", "group size"),
    ),
    Parameter(
        "team_size",
        gettext_lazy("size and make-up of the JST teams"),
        ("team_min", "team_max", "team_min_managers"),
        ("zespół", "zespoły", "wielkość zespołów", "zespół JST", "team size"),
    ),
    Parameter(
        "duration",
        gettext_lazy("length and period of the programme"),
        ("duration_months", "period_start", "period_end"),
        ("długość", "czas trwania", "długość programu", "length"),
    ),
    Parameter(
        "modules",
        gettext_lazy("number and frequency of the modules"),
        ("gap_min_weeks", "gap_max_weeks"),
        ("liczba modułów", "częstotliwość", "moduły", "number of modules"),
    ),
    Parameter(
        "schedule",
        gettext_lazy("days and hours of the meetings"),
        ("days_per_meeting", "weekdays", "start_hour", "end_hour"),
        ("dni i godziny", "dni", "godziny", "terminy", "days and hours"),
    ),
)
PARAMETER_LABELS = {p.code: p.label for p in PARAMETERS}

# Field of the row -> the header names it may have (compared folded: any case, any diacritics).
COLUMNS = {
    "text": ("uwaga", "text", "treść uwagi", "comment"),
    "meeting": ("spotkanie", "meeting"),
    "author": ("zgłaszający", "author"),
    "jst": ("jst",),
    "target": ("dotyczy", "target"),
    "proposed_change": ("proponowana zmiana", "proposed change"),
}
# Numbering columns that tables of comments usually start with; they carry nothing to import.
IGNORED_COLUMNS = {"lp", "nr", "no"}
WHOLE_PROGRAMME = {"program", "caly program", "programme", "whole programme", "the whole programme"}
MODULE_NUMBER = re.compile(r"^(?:modul|module|m)?\s*(?:nr\s*)?(\d{1,3})$")


@dataclass(frozen=True)
class Problem:
    """What is wrong, and where: `row` is None for the file as a whole, `column` may be empty."""

    row: int | None
    column: str
    message: str

    def __str__(self) -> str:
        if self.row and self.column:
            return _("Row %(row)d, column “%(column)s”: %(message)s") % {
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        if self.row:
            return _("Row %(row)d: %(message)s") % {"row": self.row, "message": self.message}
        return self.message


@dataclass
class ImportResult:
    """Either rows for services.comments_add or problems; never both."""

    rows: list[dict] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


class _CellError(Exception):
    """One cell's value is wrong; the caller adds the row and the column."""


def parse_comments(data: bytes, name: str, *, consultation: ConsultationRound) -> ImportResult:
    """Read and check every row; answer the rows only when no row has a problem."""
    refusal = upload_refusal(name, len(data))
    if refusal:
        return ImportResult(problems=[Problem(None, "", refusal)])
    try:
        records = read_table(data, name)
    except FileRefused as refused:
        return ImportResult(problems=[Problem(None, "", str(refused))])
    if not records:
        return ImportResult(problems=[Problem(None, "", _("The file has no rows."))])
    (header_row, header), body = records[0], records[1:]
    columns, problems = map_columns(header, header_row)
    if problems:
        return ImportResult(problems=problems)
    if not body:
        return ImportResult(
            problems=[Problem(None, "", _("The file has a header but no comments."))]
        )
    rows, problems = _check_rows(body, columns, _Lookups(consultation, body, columns))
    return ImportResult(problems=problems) if problems else ImportResult(rows=rows)


# The header --------------------------------------------------------------------------------


def map_columns(header: list[str], row: int = 1) -> tuple[dict[str, tuple[int, str]], list]:
    """Which cell holds which field: {field: (index, the header as written)}, and problems."""
    known = {fold(alias): name for name, aliases in COLUMNS.items() for alias in aliases}
    columns: dict[str, tuple[int, str]] = {}
    problems = []
    for index, title in enumerate(header):
        key = fold(title)
        if not key or key in IGNORED_COLUMNS:
            continue
        name = known.get(key)
        if name is None:
            message = _("unknown column; the columns are: %(names)s.") % {"names": _column_list()}
            problems.append(Problem(row, title, message))
        elif name in columns:
            problems.append(Problem(row, title, _("this column appears twice.")))
        else:
            columns[name] = (index, title)
    if "text" not in columns:
        message = _("The header has no column “uwaga” (or “text”) with the comments.")
        problems.append(Problem(row, "", message))
    return columns, problems


def _column_list() -> str:
    return ", ".join(aliases[0] for aliases in COLUMNS.values())


# The rows ----------------------------------------------------------------------------------


class _Lookups:
    """What the cells may name, read with a few queries for the whole file."""

    def __init__(self, consultation: ConsultationRound, body, columns) -> None:
        self.meetings = list(consultation.meetings.select_related("place"))
        self.modules = list(consultation.version.modules.order_by("order"))
        self.parameters = _parameter_aliases()
        values = {_cell(cells, columns, "jst") for _row, cells in body} - {""}
        codes = {_as_code(value) for value in values if _as_code(value)}
        names = {fold(value) for value in values if not _as_code(value)}
        units = Jst.objects.filter(active=True).select_related("voivodeship")
        self.jst_by_code = {jst.code: jst for jst in units.filter(code__in=codes)}
        self.jst_by_name: dict[str, list[Jst]] = {}
        for jst in units.filter(name_key__in=names).order_by("code"):
            self.jst_by_name.setdefault(jst.name_key, []).append(jst)


def _parameter_aliases() -> dict[str, str]:
    """Folded names of every parameter -> its code: code, fields, aliases, labels in both
    languages (so a file written with the English or the Polish interface both work)."""
    aliases = {}
    for parameter in PARAMETERS:
        names = {parameter.code, *parameter.fields, *parameter.aliases}
        for language in ("en", "pl"):
            with translation.override(language):
                names.add(str(parameter.label))
        aliases.update({fold(name): parameter.code for name in names})
    return aliases


def _cell(cells: list[str], columns, name: str) -> str:
    if name not in columns:
        return ""
    index = columns[name][0]
    return cells[index].strip() if index < len(cells) else ""


def _as_code(value: str) -> str:
    """A TERYT code as written, with the leading zero a spreadsheet drops put back."""
    digits = value.replace(" ", "")
    if not digits.isdigit():
        return ""
    return digits.zfill(7) if len(digits) == 6 else digits


def _check_rows(body, columns, lookups: _Lookups) -> tuple[list[dict], list[Problem]]:
    rows, problems = [], []
    for number, cells in body:
        row, row_problems = _check_row(number, cells, columns, lookups)
        rows.append(row)
        problems.extend(row_problems)
    return rows, problems


def _check_row(number: int, cells, columns, lookups: _Lookups) -> tuple[dict, list[Problem]]:
    row: dict = {}
    problems = []
    # The meeting goes first: a JST name shared by several units is settled by its voivodeship.
    for name, check in _CHECKS:
        value = _cell(cells, columns, name)
        try:
            row.update(check(value, lookups, row))
        except _CellError as error:
            title = columns[name][1] if name in columns else COLUMNS[name][0]
            problems.append(Problem(number, title, str(error)))
    row["author_kind"] = _author_kind(row)
    return row, problems


def _check_text(value: str, lookups: _Lookups, row: dict) -> dict:
    if not value:
        raise _CellError(_("the comment is empty."))
    return {"text": value}


def _check_proposed_change(value: str, lookups: _Lookups, row: dict) -> dict:
    return {"proposed_change": value}


def _check_author(value: str, lookups: _Lookups, row: dict) -> dict:
    if len(value) > NAME_LENGTH:
        raise _CellError(
            _("a name can have at most %(limit)d characters.") % {"limit": NAME_LENGTH}
        )
    return {"author_name": value}


def _check_meeting(value: str, lookups: _Lookups, row: dict) -> dict:
    return {"meeting": _find_meeting(value, lookups.meetings)}


def _find_meeting(value: str, meetings: list[Meeting]) -> Meeting | None:
    if not value:
        if len(meetings) > 1:
            raise _CellError(
                _("the round has several meetings; name one of them: %(meetings)s.")
                % {"meetings": _meeting_list(meetings)}
            )
        return meetings[0] if meetings else None
    matches = [m for m in meetings if str(m.pk) == value or fold(m.place.name) == fold(value)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise _CellError(
            _("several meetings took place in %(place)s; give the number of one: %(meetings)s.")
            % {"place": value, "meetings": _meeting_list(matches)}
        )
    raise _CellError(
        _("the round has no meeting “%(value)s”; its meetings are: %(meetings)s.")
        % {"value": value, "meetings": _meeting_list(meetings) or "—"}
    )


def _meeting_list(meetings: list[Meeting]) -> str:
    return ", ".join(f"{m.place.name} ({m.pk}, {m.start_date:%Y-%m-%d})" for m in meetings)


def _check_jst(value: str, lookups: _Lookups, row: dict) -> dict:
    if not value:
        return {"author_jst": None}
    code = _as_code(value)
    if code:
        if len(code) != 7:
            raise _CellError(_("a TERYT code has 7 digits, not “%(value)s”.") % {"value": value})
        if code not in lookups.jst_by_code:
            raise _CellError(_("there is no JST with the code %(code)s.") % {"code": code})
        return {"author_jst": lookups.jst_by_code[code]}
    return {"author_jst": _jst_by_name(value, lookups, row.get("meeting"))}


def _jst_by_name(value: str, lookups: _Lookups, meeting: Meeting | None) -> Jst:
    matches = lookups.jst_by_name.get(fold(value), [])
    if len(matches) > 1 and meeting is not None:
        nearby = [jst for jst in matches if jst.voivodeship_id == meeting.place.voivodeship_id]
        matches = nearby or matches
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise _CellError(_("there is no JST named “%(name)s”.") % {"name": value})
    codes = ", ".join(f"{jst.code} ({jst.voivodeship.name})" for jst in matches[:6])
    raise _CellError(
        _("several JST are named “%(name)s” (%(codes)s); give the TERYT code.")
        % {"name": value, "codes": codes}
    )


def _check_target(value: str, lookups: _Lookups, row: dict) -> dict:
    key = fold(value)
    if not key or key in WHOLE_PROGRAMME:
        return _target(TargetKind.PROGRAMME)
    number = MODULE_NUMBER.match(key)
    if number:
        return _target(TargetKind.MODULE, module=_module_number(int(number[1]), lookups.modules))
    titled = [m for m in lookups.modules if fold(m.title) == key]
    if titled:
        return _target(TargetKind.MODULE, module=titled[0])
    if key in lookups.parameters:
        return _target(TargetKind.PARAMETER, parameter=lookups.parameters[key])
    raise _CellError(
        _(
            "leave it empty for the whole programme, or give a module number (e.g. “moduł 2”) "
            "or a parameter: %(parameters)s."
        )
        % {"parameters": ", ".join(str(p.label) for p in PARAMETERS)}
    )


def _module_number(number: int, modules: list[Module]) -> Module:
    if not modules:
        raise _CellError(_("the programme version has no modules."))
    if not 1 <= number <= len(modules):
        raise _CellError(
            _("the programme version has modules 1–%(count)d; there is no module %(number)d.")
            % {"count": len(modules), "number": number}
        )
    return modules[number - 1]


def _target(kind: str, *, module: Module | None = None, parameter: str = "") -> dict:
    return {"target_kind": kind, "target_module": module, "target_parameter": parameter}


def _author_kind(row: dict) -> str:
    if row.get("author_name"):
        return AuthorKind.PARTICIPANT
    return AuthorKind.JST if row.get("author_jst") else AuthorKind.GROUP


# In this order: the meeting before the JST (see _check_row).
_CHECKS = (
    ("text", _check_text),
    ("meeting", _check_meeting),
    ("author", _check_author),
    ("jst", _check_jst),
    ("target", _check_target),
    ("proposed_change", _check_proposed_change),
)
