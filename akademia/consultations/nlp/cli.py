"""`classify_comments IN.csv OUT.csv`: add a suggested block and its confidence to every row.

Kept free of Django so the web app's management command is only a thin wrapper around `main`.
Spreadsheets exported by Polish Excel use `;` and often a BOM, hence the sniffing.
"""

import argparse
import csv
import io
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import TextIO

from .model import Model, default_model

TEXT_COLUMN = "text"
OUTPUT_COLUMNS = ("block", "confidence")
EXIT_USAGE = 2


class InputError(Exception):
    """A problem with the input file that the user can fix; reported without a traceback."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="classify_comments",
        description="Suggest a consultation block for each comment in the `text` column.",
    )
    parser.add_argument("input", type=Path, help="CSV (UTF-8, `,` or `;`) with a `text` column")
    parser.add_argument("output", type=Path, help="CSV to write: input columns + block, confidence")
    parser.add_argument(
        "--model", type=Path, help="file written from Model.to_bytes() (default: starter model)"
    )
    return parser


def _delimiter(sample: str) -> str:
    """Sniff `,` vs `;`; fall back to counting them in the header line, which has no quoting."""
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;").delimiter
    except csv.Error:
        header = sample.splitlines()[0] if sample else ""
        return ";" if header.count(";") > header.count(",") else ","


def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]], str, bool]:
    """Return header, rows, delimiter and whether the file had a BOM (kept on output for Excel)."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read {path}: {error.strerror}") from error
    has_bom = raw.startswith(b"\xef\xbb\xbf")
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(f"{path} is not UTF-8 (byte {error.start}); save it as UTF-8") from error
    if not content.strip():
        raise InputError(f"{path} is empty")
    delimiter = _delimiter(content[:8192])
    reader = csv.DictReader(io.StringIO(content, newline=""), delimiter=delimiter)
    header = [name.strip() for name in reader.fieldnames or []]
    reader.fieldnames = header
    if TEXT_COLUMN not in header:
        found = ", ".join(header) or "none"
        raise InputError(f"{path} has no `{TEXT_COLUMN}` column (columns found: {found})")
    return header, list(reader), delimiter, has_bom


def classify_rows(rows: list[dict[str, str]], model: Model) -> None:
    """Fill `block` and `confidence` in place; empty comments get empty cells, not a guess."""
    filled = [row for row in rows if (row.get(TEXT_COLUMN) or "").strip()]
    predictions = model.predict([row[TEXT_COLUMN] for row in filled])
    for row in rows:
        row["block"], row["confidence"] = "", ""
    for row, prediction in zip(filled, predictions, strict=True):
        row["block"] = prediction.block
        row["confidence"] = f"{prediction.confidence:.3f}"


def write_rows(
    path: Path, header: list[str], rows: list[dict[str, str]], delimiter: str, bom: bool
) -> None:
    """Write input columns in their order, then block and confidence (replacing old ones)."""
    columns = [name for name in header if name not in OUTPUT_COLUMNS] + list(OUTPUT_COLUMNS)
    encoding = "utf-8-sig" if bom else "utf-8"
    with open(path, "w", encoding=encoding, newline="") as handle:
        writer = csv.DictWriter(
            handle, fieldnames=columns, delimiter=delimiter, extrasaction="ignore"
        )
        writer.writeheader()
        writer.writerows(rows)


def _load_model(path: Path | None) -> Model:
    if path is None:
        return default_model()
    try:
        return Model.from_bytes(path.read_bytes())
    except OSError as error:
        raise InputError(f"cannot read model {path}: {error.strerror}") from error
    except Exception as error:  # unpickling raises many types; all mean "not a model file"
        raise InputError(f"{path} is not a saved classifier: {error}") from error


def main(
    argv: list[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    """Run the command; returns the exit code instead of exiting so callers can wrap it."""
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    try:
        with redirect_stdout(stdout), redirect_stderr(stderr):
            args = _parser().parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    try:
        header, rows, delimiter, bom = read_rows(args.input)
        classify_rows(rows, _load_model(args.model))
        write_rows(args.output, header, rows, delimiter, bom)
    except InputError as error:
        print(f"classify_comments: error: {error}", file=stderr)
        return EXIT_USAGE
    except OSError as error:
        print(f"classify_comments: error: cannot write {args.output}: {error}", file=stderr)
        return EXIT_USAGE
    print(f"Classified {len(rows)} comments -> {args.output}", file=stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
