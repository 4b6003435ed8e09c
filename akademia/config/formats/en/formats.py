"""English formats where ours differ from Django's: the short date of the Polish pages
(05.12.2026), since every date here is in Poland (Django's English default is 12/05/2026)."""

SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
