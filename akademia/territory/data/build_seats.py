"""Build siedziby_powiatow.csv: the seat town (gmina) of each of the 314 land powiaty.

TERC has no seats, so this one-off script guesses them from the names and corrects the
guesses by hand (``EXCEPTIONS``). Run it from the repository root after a new TERC or
``gminy.csv``/``powiaty.csv``, read the whole printed table, and fix every wrong row there::

    .venv/bin/python akademia/territory/data/build_seats.py          # print, write the CSV
    .venv/bin/python akademia/territory/data/build_seats.py --check  # print, compare only

The guess, for a powiat:

* candidates: the powiat's gminy miejskie and miejsko-wiejskie (the same 4-digit TERYT
  prefix in ``gminy.csv``) and the cities with county rights of the same voivodeship;
* stem: the first word of the powiat's name, folded (lower case, no Polish letters), with the
  adjective ending cut off: ``-ski``/``-zki`` go whole ("poznański" -> "poznan", "kłodzki" ->
  "klod"), of ``-cki`` only ``-ki`` goes ("szczecinecki" -> "szczecinec");
* score: the length of the common prefix of the stem and the folded candidate name; the
  highest score wins, a tie goes to a gmina miejska before a miejsko-wiejska, then to the
  lowest code;
* below 3 the name says nothing, and the seat is the powiat's gmina miejska with the lowest
  code, or else its miejsko-wiejska with the lowest code.

Cities with county rights are their own seat and have no row. The seat is a gmina (its
7-digit TERYT code); for a gmina miejsko-wiejska the town is only part of it.
"""

import csv
import sys
from pathlib import Path

from akademia.territory.folding import fold

DATA_DIR = Path(__file__).resolve().parent
OUTPUT = DATA_DIR / "siedziby_powiatow.csv"
MIN_SCORE = 3

# Powiaty the guess gets wrong: powiat code -> (powiat name, seat name). Both names are
# checked against the data, and an entry the guess already gets right is an error.
# (Tatrzański -> Zakopane and bieszczadzki -> Ustrzyki Dolne need no entry: their names match
# no town, and the fallback finds the seat.)
EXCEPTIONS: dict[str, tuple[str, str]] = {
    "0206": ("karkonoski", "Jelenia Góra"),  # guess: Karpacz ("kar")
    "0218": ("średzki", "Środa Śląska"),  # guess: Miękinia (fallback)
    "0616": ("rycki", "Ryki"),  # guess: Dęblin (fallback)
    "1215": ("suski", "Sucha Beskidzka"),  # guess: Jordanów (fallback)
    "1432": ("warszawski zachodni", "Ożarów Mazowiecki"),  # guess: Warszawa ("warszaw")
    "1607": ("nyski", "Nysa"),  # guess: Głuchołazy (fallback)
    "2204": ("gdański", "Pruszcz Gdański"),  # guess: Gdańsk ("gdan")
    "2816": ("piski", "Pisz"),  # guess: Biała Piska (fallback)
}


def _rows(name: str) -> list[dict[str, str]]:
    with open(DATA_DIR / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def stem(powiat_name: str) -> str:
    """'poznański' -> 'poznan', 'szczecinecki' -> 'szczecinec', 'kłodzki' -> 'klod'."""
    word = fold(powiat_name.split()[0])
    if word.endswith("cki"):
        return word[:-2]
    if word.endswith(("ski", "zki")):
        return word[:-3]
    return word


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _rank(gmina: dict[str, str]) -> tuple[int, str]:
    return (0 if gmina["kind"] == "gmina miejska" else 1, gmina["teryt"])


def guess(powiat: dict[str, str], own: list[dict], cities: list[dict]) -> dict[str, str] | None:
    """The heuristic seat of one powiat, or None when it has no town at all."""
    key = stem(powiat["name"])
    candidates = own + cities
    if not candidates:
        return None
    best = max(_common_prefix(key, fold(g["name"])) for g in candidates)
    if best >= MIN_SCORE:
        winners = [g for g in candidates if _common_prefix(key, fold(g["name"])) == best]
        return min(winners, key=_rank)
    return min(own, key=_rank) if own else None


def build() -> tuple[list[dict[str, str]], int]:
    """All rows, and how many of them the guess got right."""
    gminy = _rows("gminy.csv")
    powiaty = _rows("powiaty.csv")
    towns = [g for g in gminy if g["kind"] in ("gmina miejska", "gmina miejsko-wiejska")]
    city_codes = {p["teryt"] for p in powiaty if p["kind"] == "miasto na prawach powiatu"}
    unused = set(EXCEPTIONS)
    rows, right = [], 0
    for powiat in (p for p in powiaty if p["kind"] == "powiat"):
        code = powiat["teryt"]
        own = [g for g in towns if g["teryt"][:4] == code]
        cities = [g for g in towns if g["teryt"][:4] in city_codes and g["teryt"][:2] == code[:2]]
        seat = guess(powiat, own, cities)
        if code in EXCEPTIONS:
            unused.discard(code)
            powiat_name, seat_name = EXCEPTIONS[code]
            if powiat_name != powiat["name"]:
                sys.exit(f"{code}: the powiat is {powiat['name']!r}, not {powiat_name!r}")
            if seat is not None and seat["name"] == seat_name:
                sys.exit(f"{code} {powiat_name}: the guess is already {seat_name}")
            matches = [g for g in own + cities if g["name"] == seat_name]
            if len(matches) != 1:
                sys.exit(f"{code} {powiat_name}: {len(matches)} towns named {seat_name!r}")
            seat = matches[0]
        elif seat is None:
            sys.exit(f"{code} {powiat['name']}: no town; add it to EXCEPTIONS")
        else:
            right += 1
        rows.append(
            {
                "powiat_teryt": code,
                "powiat_name": powiat["name"],
                "seat_teryt": seat["teryt"],
                "seat_name": seat["name"],
            }
        )
    if unused:
        sys.exit(f"EXCEPTIONS for unknown powiaty: {sorted(unused)}")
    return rows, right


def main(argv: list[str]) -> int:
    rows, right = build()
    for row in rows:
        mark = "*" if row["powiat_teryt"] in EXCEPTIONS else " "
        print(f"{mark} {row['powiat_teryt']} {row['powiat_name']:<28} {row['seat_name']}")
    print(f"{len(rows)} powiaty; the guess was right for {right}, {len(EXCEPTIONS)} exceptions")
    fields = ["powiat_teryt", "powiat_name", "seat_teryt", "seat_name"]
    if "--check" in argv:
        with open(OUTPUT, encoding="utf-8", newline="") as handle:
            same = list(csv.DictReader(handle)) == rows
        print("siedziby_powiatow.csv is up to date" if same else "siedziby_powiatow.csv differs")
        return 0 if same else 1
    with open(OUTPUT, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
