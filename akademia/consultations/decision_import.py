"""Reading the authors' positions from a filled-in "tabela uwag" workbook (see exports.py).

`read_workbook` finds the table's rows and columns; an `Importer` checks each row and records it
through the `record` it is given (services.decision_record). The service that runs it,
`services.decisions_import`, does so in one transaction: if any row is wrong, everything is
rolled back and every problem is reported with its row and column, so that the authors fix the
file once and import it again. The upload is read from memory (or from Django's temporary file,
removed with the request) and never stored; the form that takes it is forms.reports.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from akademia.consultations.exports import ANSWER, NUMBER, SHEET_TITLE, STATE
from akademia.consultations.models import Comment, DecisionState
from akademia.consultations.reports import decision_answer
from akademia.core.collation import polish_alphabet_key
from akademia.core.errors import DomainError
from akademia.core.tables import FileRefused, Rows, read_xlsx

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000  # far more than a round's comments; stops a crafted file early
HEADER_SEARCH_ROWS = 20  # the header row is looked for among the first rows
REQUIRED_HEADERS = (NUMBER, STATE, ANSWER)


@dataclass(frozen=True)
class SheetRow:
    row: int  # as the spreadsheet numbers it
    number: str
    state: str
    answer: str


@dataclass
class ImportResult:
    recorded: int = 0
    errors: list[str] = field(default_factory=list)


class Problems:
    """Collects the errors of a file, each naming its row and its column."""

    def __init__(self, columns: dict[str, int]):
        self.columns = columns
        self.messages: list[str] = []

    def add(self, row: int, header: str, problem: str) -> None:
        column = f"{get_column_letter(self.columns[header])} („{header}”)"
        self.messages.append(
            _("Row %(row)d, column %(column)s: %(problem)s")
            % {"row": row, "column": column, "problem": problem}
        )


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _find_columns(rows: Rows) -> tuple[int, dict[str, int]] | None:
    """The header row and the 1-based column of each header, found by the headers' text."""
    for number, texts in rows:
        if number > HEADER_SEARCH_ROWS:
            break
        headers = {text: index for index, text in enumerate(texts, start=1)}
        if all(header in headers for header in REQUIRED_HEADERS):
            return number, {header: headers[header] for header in REQUIRED_HEADERS}
    return None


def _sheet_rows(rows: Rows, header_row: int, columns: dict[str, int]) -> list[SheetRow]:
    """The rows below the header with a comment number or a position (the table's rows)."""

    def cell(texts, header):
        index = columns[header] - 1
        return texts[index] if index < len(texts) else ""

    sheet_rows = [
        SheetRow(
            row=number,
            number=cell(texts, NUMBER),
            state=cell(texts, STATE),
            answer=cell(texts, ANSWER),
        )
        for number, texts in rows
        if number > header_row
    ]
    return [row for row in sheet_rows if row.state or row.number]


def read_workbook(upload) -> tuple[list[SheetRow], dict[str, int], list[str]]:
    """The filled rows of the table and its columns, or the errors that make it unreadable.

    The workbook is read by the shared bounded reader (core.tables): only its first columns, up
    to a long run of empty rows, within the limits of unpacked size, cells and rows.
    """
    try:
        rows = read_xlsx(upload.read(), sheet=SHEET_TITLE, max_rows=MAX_ROWS + HEADER_SEARCH_ROWS)
    except FileRefused as refused:
        return [], {}, [str(refused)]
    finally:
        upload.seek(0)
    found = _find_columns(rows)
    if found is None:
        headers = ", ".join(f"„{h}”" for h in REQUIRED_HEADERS)
        problem = _("The sheet has no header row with %(headers)s.") % {"headers": headers}
        return [], {}, [problem]
    header_row, columns = found
    sheet_rows = _sheet_rows(rows, header_row, columns)
    if len(sheet_rows) > MAX_ROWS:
        return [], {}, [_("The file has more than %(max)d rows.") % {"max": MAX_ROWS}]
    return sheet_rows, columns, []


def _comment_number(value) -> int | None:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int):
        return value
    text = _text(value)
    return int(text) if text.isdigit() else None


def state_lookup() -> dict[str, DecisionState]:
    """States by code, Polish name and English name, compared case-insensitively."""
    lookup = {}
    for state in DecisionState.objects.all():
        for key in (state.code, state.name, state.name_en):
            if key:
                lookup.setdefault(key.casefold(), state)
    return lookup


@dataclass
class Importer:
    """Checks the rows one by one and records each new or changed position with `record`."""

    record: Callable[..., list]
    actor: object
    comments: dict[int, Comment]
    states: dict[str, DecisionState]
    problems: Problems
    seen: dict[int, int] = field(default_factory=dict)  # comment number -> its row
    decided: dict[int, tuple[int, str, str]] = field(default_factory=dict)  # pk -> row, state, text
    recorded: int = 0

    def row(self, row: SheetRow) -> None:
        comment = self._comment(row)
        if comment is None or not row.state:
            return
        state = self.states.get(row.state.casefold())
        if state is None:
            names = ", ".join(
                sorted({s.name for s in self.states.values()}, key=polish_alphabet_key)
            )
            self.problems.add(
                row.row,
                STATE,
                _("unknown decision state “%(value)s”; use one of: %(states)s.")
                % {"value": row.state, "states": names},
            )
            return
        if not self._unchanged(row, comment, state):
            self._record(row, comment, state)

    def _comment(self, row: SheetRow) -> Comment | None:
        number = _comment_number(row.number)
        if number is None:
            problem = _("“%(value)s” is not a comment number.") % {"value": _text(row.number)}
            self.problems.add(row.row, NUMBER, problem)
            return None
        if number not in self.comments:
            problem = _("there is no comment %(number)d in this round.") % {"number": number}
            self.problems.add(row.row, NUMBER, problem)
            return None
        if number in self.seen:
            problem = _("comment %(number)d is already in row %(first)d.") % {
                "number": number,
                "first": self.seen[number],
            }
            self.problems.add(row.row, NUMBER, problem)
            return None
        self.seen[number] = row.row
        return self.comments[number]

    def _unchanged(self, row: SheetRow, comment: Comment, state: DecisionState) -> bool:
        """True when the row repeats what is already recorded: exported rows come back as they
        were, and the rationale and the reflection, joined in one cell, are not re-split."""
        earlier = self.decided.get(comment.pk)
        if earlier is not None:
            if earlier[1:] != (state.code, row.answer):
                problem = _(
                    "this comment is a near-duplicate of the one in row %(first)d and is decided "
                    "with it; give both the same position and answer."
                ) % {"first": earlier[0]}
                self.problems.add(row.row, STATE, problem)
            return True
        decision = getattr(comment, "decision", None)
        return bool(
            decision
            and decision.state_id == state.pk
            and decision_answer(decision).strip() == row.answer
        )

    def _record(self, row: SheetRow, comment: Comment, state: DecisionState) -> None:
        # The one answer cell is the reflection of a decision that changes the programme, and
        # the rationale of one that does not: the rule decision_record enforces.
        answer = {"reflection" if state.changes_programme else "rationale": row.answer}
        try:
            decisions = self.record(
                actor=self.actor, comment=comment, state=state, **answer, **_links(comment, state)
            )
        except DomainError as error:
            header = ANSWER if error.field in ("rationale", "reflection") else STATE
            self.problems.add(row.row, header, str(error.message))
            return
        for decision in decisions:
            self.decided[decision.comment_id] = (row.row, state.code, row.answer)
        self.recorded += 1


def _links(comment: Comment, state: DecisionState) -> dict:
    """Keep what the table has no column for: the review meeting of an earlier decision and,
    while the programme still changes because of the comment, the link to that change."""
    decision = getattr(comment, "decision", None)
    if decision is None:
        return {}
    links = {"review": decision.review}
    if state.changes_programme:
        links |= {"change_version": decision.change_version, "change_paths": decision.change_paths}
    return links
