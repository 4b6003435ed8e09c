"""Polish alphabetical order of names, the same in the database and in Python.

Polish sorts its letters with diacritics after the plain ones (lubuskie before łódzkie, Sopot
before Śrem, Zabrze before Żory), which neither byte order nor the C collation does.

* In queries: `polish("name")` (an expression for `order_by` and `Meta.ordering`) is
  `name COLLATE "pl-x-icu"`: on PostgreSQL the ICU collation for Polish that Debian's
  PostgreSQL ships; on SQLite a collation of the same name, registered on every connection
  (`register_sqlite_collation`), that compares with `polish_alphabet_key`. One SQL text runs on
  both databases, so querysets and migrations need no branch per database.
* In Python: `sorted(names, key=polish_alphabet_key)` (PyICU needs system headers we do not
  have; names of Polish places and people need only the Polish alphabet, and other letters
  sort by their base letter).
"""

import unicodedata
from functools import lru_cache

from django.db.models import Expression, F
from django.db.models.functions import Collate

COLLATION = "pl-x-icu"

# The Polish alphabet, with q, v and x where Polish dictionaries put them.
POLISH_ALPHABET = "aąbcćdeęfghijklłmnńoópqrsśtuvwxyzźż"
_LETTER = {letter: index for index, letter in enumerate(POLISH_ALPHABET)}
# Primary classes, as ICU orders them: spaces, then punctuation, then digits, then letters.
_SPACE, _PUNCTUATION, _DIGIT, _LETTER_CLASS, _OTHER = range(5)


def _primary(char: str) -> tuple[tuple[int, int], int]:
    """(class, weight) of one lower-case character and a secondary weight for accents that
    Polish does not treat as letters of their own (é sorts with e, after it on a tie)."""
    if char in _LETTER:
        return (_LETTER_CLASS, _LETTER[char]), 0
    base = unicodedata.normalize("NFD", char)[0]
    if base in _LETTER:
        return (_LETTER_CLASS, _LETTER[base]), 1
    if char.isspace():
        return (_SPACE, 0), 0
    if char.isdigit():
        return (_DIGIT, unicodedata.digit(char, 0)), 0
    if char.isalpha():
        return (_OTHER, ord(char)), 0
    return (_PUNCTUATION, ord(char)), 0


@lru_cache(maxsize=65536)
def polish_alphabet_key(text: str) -> tuple:
    """Sort key of `text` in the Polish alphabetical order: letters first (case ignored,
    ą after a, ł after l, ś after s...), then accents of foreign letters, then lower case
    before upper case, then the text itself so that different texts never tie."""
    text = text or ""
    weights = [_primary(char) for char in text.lower()]
    return (
        tuple(primary for primary, _accent in weights),
        tuple(accent for _primary_weight, accent in weights),
        tuple(char.isupper() for char in text),
        text,
    )


def polish_compare(a: str, b: str) -> int:
    """The SQLite collation: -1, 0 or 1 as `a` sorts before, with or after `b`."""
    key_a, key_b = polish_alphabet_key(a), polish_alphabet_key(b)
    return (key_a > key_b) - (key_a < key_b)


def polish(field: str | Expression) -> Collate:
    """`field` in Polish alphabetical order, for `order_by(...)` and `Meta.ordering`."""
    return Collate(F(field) if isinstance(field, str) else field, COLLATION)


def register_sqlite_collation(sender, connection, **kwargs) -> None:
    """`connection_created` receiver: give each SQLite connection the Polish collation."""
    if connection.vendor == "sqlite":
        connection.connection.create_collation(COLLATION, polish_compare)
