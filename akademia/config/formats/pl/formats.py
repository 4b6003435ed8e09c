"""Polish formats where ours differ from Django's: a short date is 05.12.2026, as Polish
offices write it (Django's Polish default is 05-12-2026). Long dates stay "5 grudnia 2026"."""

SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
