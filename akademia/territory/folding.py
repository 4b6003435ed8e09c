"""Text folding for search: lower case, no Polish letters, single spaces."""

import re
import unicodedata

# NFKD splits ą, ę, ś ... into a letter and a mark; ł has no such split and needs its own rule.
_EXTRA = str.maketrans({"ł": "l", "Ł": "l"})
_NON_WORD = re.compile(r"[^0-9a-z]+")


def fold(text: str) -> str:
    """'Koziegłowy' -> 'kozieglowy', 'Bielsko-Biała' -> 'bielsko biala'."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_EXTRA))
    ascii_text = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    return _NON_WORD.sub(" ", ascii_text).strip()
