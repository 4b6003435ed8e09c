"""The seed's consultation: three exchange groups in January 2017, reviews with the Union of
Polish Cities (ZMP) and with the authors in Sulejówek, decisions traced into version 2.

The comments are 70 of the realistic comments written for the classifier's held-out set (seven
per block), so the demo also shows how the suggestions do on text the model never saw.
"""

from datetime import date
from itertools import cycle

from django.db import transaction

from akademia.accounts.models import User
from akademia.consultations import services
from akademia.consultations.models import AuthorKind, Block, DecisionState, RoundStatus, Source
from akademia.consultations.nlp.datasets import heldout_examples
from akademia.consultations.trace import next_version_changes
from akademia.programmes.models import ProgrammeVersion
from akademia.territory.models import Jst

ROUND_TITLE = "Konsultacje programów z Grupami Wymiany Doświadczeń, styczeń 2017"
PROGRAMME = "Zarządzanie strategiczne i planowanie rozwoju lokalnego"

# (kind, place TERYT, dates, JST that sent representatives)
MEETINGS = [
    ("rural", "2409023", (date(2017, 1, 12), date(2017, 1, 13)), ["2409023", "2409032", "2409053"]),
    ("urban", "1002011", (date(2017, 1, 19), date(2017, 1, 20)), ["1002011", "1004011", "1020031"]),
    (
        "county",
        "2602000",
        (date(2017, 1, 26), date(2017, 1, 27)),
        ["2602000", "2604000", "2613000"],
    ),
]
REVIEWS = [
    ("Omówienie uwag ze Związkiem Miast Polskich", "Poznań", date(2017, 1, 31), date(2017, 1, 31)),
    (
        "Spotkanie z autorami programów",
        "Centrum Szkoleniowe w Sulejówku",
        date(2017, 2, 3),
        date(2017, 2, 4),
    ),
]
# Per block: the decision, its rationale or reflection, and the diff path prefix it changed.
DECISIONS = {
    "organisation.groups": (
        "accepted",
        "Maksymalna wielkość grupy obniżona do 24 osób.",
        "field:group_max",
    ),
    "organisation.modules": (
        "accepted",
        "Liczba modułów zmniejszona z 6 do 5: połączono moduły o finansach.",
        "modules:count",
    ),
    "organisation.schedule": (
        "partly_accepted",
        "Minimalny odstęp między zjazdami wydłużono do 4 tygodni; dni tygodnia bez zmian.",
        "field:gap_min_weeks",
    ),
    "methods": ("accepted", "Do modułu diagnozy dodano coaching zespołu JST.", "methods"),
    "scope": (
        "partly_accepted",
        "Moduł o WPF połączono z modułem o finansowaniu projektów.",
        "module",
    ),
    "intersession": (
        "explained",
        "Zadania są zaplanowane na 4–6 godzin pracy zespołu; wzory dokumentów będą w materiałach.",
        "",
    ),
    "audience": (
        "explained",
        "Program przewiduje osobne ścieżki dla kadry kierowniczej i pracowników operacyjnych.",
        "",
    ),
    "concept": (
        "explained",
        "Programy opierają się na wspólnym cyklu zarządzania rozwojem; opisano to we wstępie.",
        "",
    ),
    "organisation.duration": (
        "not_accepted",
        "Krótszy program nie pozwoli przejść pełnego cyklu od diagnozy do monitorowania.",
        "",
    ),
    "organisation.teams": (
        "not_accepted",
        "Zespół 2–5 osób z co najmniej jednym kierownikiem zapewnia wdrożenie zmian w urzędzie.",
        "",
    ),
}


EXPLAINED = "Autorzy wyjaśnili na spotkaniu, że program już to przewiduje; bez zmian w treści."


@transaction.atomic
def ensure_demo_consultation() -> None:
    version = ProgrammeVersion.objects.filter(programme__title=PROGRAMME, number=1).first()
    if version is None or version.consultation_rounds.exists():
        return
    national = User.objects.get(email="krajowy@demo.example.org")
    consultation = services.round_create(actor=national, version=version, title=ROUND_TITLE)
    meetings = [_meeting(national, consultation, *spec) for spec in MEETINGS]
    reviews = [
        services.review_add(
            actor=national, consultation=consultation, title=t, place=p, start_date=s, end_date=e
        )
        for t, p, s, e in REVIEWS
    ]
    comments = _comments(national, consultation, meetings)
    _decide(national, consultation, comments, reviews[-1])
    services.round_set_status(actor=national, consultation=consultation, status=RoundStatus.CLOSED)


def _meeting(national, consultation, kind, place, dates, attendees):
    meeting = services.meeting_add(
        actor=national,
        consultation=consultation,
        kind=kind,
        place=Jst.objects.get(code=place),
        start_date=dates[0],
        end_date=dates[1],
    )
    for code in attendees:
        services.participant_add(actor=national, meeting=meeting, jst=Jst.objects.get(code=code))
    return meeting


def _comments(national, consultation, meetings):
    """Seven comments per block, spread over the meetings; blocks confirmed by the operator."""
    per_block: dict[str, list[str]] = {}
    for text, block in heldout_examples():
        if len(per_block.setdefault(block, [])) < 7:
            per_block[block].append(text)
    places = cycle(meetings)
    rows, truth = [], []
    for block, texts in per_block.items():
        for index, text in enumerate(texts):
            meeting = next(places)
            attendee = meeting.participants.all()[index % 3]
            by_jst = index % 2 == 0
            rows.append(
                {
                    "text": text,
                    "meeting": meeting,
                    "author_kind": AuthorKind.JST if by_jst else AuthorKind.GROUP,
                    "author_jst": attendee.jst if by_jst else None,
                }
            )
            truth.append(block)
    comments = services.comments_add(
        actor=national, consultation=consultation, rows=rows, source=Source.OPERATOR
    )
    blocks = {b.code: b for b in Block.objects.all()}
    for comment, block in zip(comments, truth, strict=True):
        services.block_set(actor=national, comment=comment, block=blocks[block])
    return list(zip(comments, truth, strict=True))


def _decide(national, consultation, comments, review):
    target, changes = next_version_changes(consultation)
    states = {s.code: s for s in DecisionState.objects.all()}
    seen: dict[str, int] = {}
    for comment, block in comments:
        state, text, prefix = DECISIONS[block]
        seen[block] = seen.get(block, 0) + 1
        if seen[block] > 5 and state != "explained":
            # Not every comment of a block ends the same way: the last two were explained.
            state, text, prefix = "explained", EXPLAINED, ""
        paths = [c.path for c in changes if prefix and _matches(c.path, prefix)][:1]
        changes_programme = states[state].changes_programme
        services.decision_record(
            actor=national,
            comment=comment,
            state=states[state],
            rationale="" if changes_programme else text,
            reflection=text if changes_programme else "",
            review=review,
            change_version=target if paths else None,
            change_paths=paths,
        )


def _matches(path: str, prefix: str) -> bool:
    if prefix in ("methods", "module"):
        return path.startswith("module:") and (path.endswith(":methods") == (prefix == "methods"))
    return path == prefix
