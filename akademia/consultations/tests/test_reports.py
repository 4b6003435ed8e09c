"""The round summary (counts and the SVG chart) and the public report of a closed round."""

import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils.text import capfirst

from akademia.accounts.roles import Role
from akademia.accounts.tests.factories import make_user
from akademia.consultations import reports, selectors, services
from akademia.consultations.models import AuthorKind, DecisionState, Source, TargetKind
from akademia.programmes.models import ProgrammeVersion
from akademia.territory.models import Jst

# Names that must never reach the public report.
AUTHOR_NAME = "Grażyna Żółkiewska"
REPRESENTATIVE = "Jan Nowak-Jeziorański"


@pytest.fixture(autouse=True)
def english(client, settings):
    """Assert on the English source strings, whatever the Polish catalogue comes to say."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def add_sample_comments(*, consultation, meeting, national, participant, blocks) -> dict:
    """Four comments in two exchange groups: one per decision state, one undecided.

    Shared by the report tests: rural meeting (Koziegłowy) and an urban one (Częstochowa).
    """
    urban = services.meeting_add(
        actor=national,
        consultation=consultation,
        kind="urban",
        place=Jst.objects.get(code="2464011"),
        start_date=date(2017, 2, 2),
        end_date=date(2017, 2, 3),
    )
    services.participant_add(
        actor=national, meeting=meeting, jst=participant.jst, name=REPRESENTATIVE
    )
    module = consultation.version.modules.get()
    rows = [
        {
            "meeting": meeting,
            **services.author_fields_for(participant),
            "author_name": AUTHOR_NAME,
            "text": "Zjazdy w piątki i soboty, nie w poniedziałki.",
            "block": blocks["organisation.schedule"],
        },
        {
            "meeting": meeting,
            "author_kind": AuthorKind.GROUP,
            "text": "Grupy szkoleniowe powinny liczyć najwyżej 20 osób.",
            "proposed_change": "Grupy 12–20 osób.",
            "target_kind": TargetKind.PARAMETER,
            "target_parameter": "group_max",
            "block": blocks["organisation.groups"],
        },
        {
            "meeting": urban,
            "author_kind": AuthorKind.JST,
            "author_jst": urban.place,
            "text": "Więcej ćwiczeń z budżetu zadaniowego: źródła, łączność, żłobki.",
            "block": blocks["methods"],
        },
        {
            "meeting": urban,
            "author_kind": AuthorKind.GROUP,
            "text": "Moduł o budżecie jest zbyt ogólny.",
            "proposed_change": "Dodać przykłady z gmin miejskich.",
            "target_kind": TargetKind.MODULE,
            "target_module": module,
            "block": blocks["scope"],
        },
    ]
    for row in rows:
        row["block_confirmed"] = True
    comments = services.comments_add(
        actor=national, consultation=consultation, rows=rows, source=Source.OPERATOR
    )
    states = {s.code: s for s in DecisionState.objects.all()}
    first, second, _third, fourth = comments
    services.decision_record(
        actor=national,
        comment=first,
        state=states["accepted"],
        reflection="Zjazdy w piątki i soboty.",
    )
    services.decision_record(
        actor=national,
        comment=second,
        state=states["not_accepted"],
        rationale="Grupy 16–25 osób pozwalają objąć więcej gmin.",
    )
    services.decision_record(
        actor=national,
        comment=fourth,
        state=states["explained"],
        rationale="Przykłady są w materiałach.",
    )
    return {"comments": comments, "urban": urban, "states": states}


@pytest.fixture
def sample(consultation, meeting, national, participant, blocks):
    return add_sample_comments(
        consultation=consultation,
        meeting=meeting,
        national=national,
        participant=participant,
        blocks=blocks,
    )


def _counts(table) -> dict:
    """{(row key, column key): count} of the non-zero cells."""
    return {
        (row.category.key, column.key): count
        for row in table.rows
        for column, count in zip(table.columns, row.counts, strict=True)
        if count
    }


def test_summary_counts_by_block_group_and_state(consultation, sample, national):
    from akademia.consultations import selectors

    summary = reports.round_summary(selectors.comment_list_for(national, consultation))
    assert summary.total == 4
    assert _counts(summary.by_state) == {
        ("organisation.schedule", "accepted"): 1,
        ("organisation.groups", "not_accepted"): 1,
        ("methods", ""): 1,
        ("scope", "explained"): 1,
    }
    assert _counts(summary.group_by_state) == {
        ("rural", "accepted"): 1,
        ("rural", "not_accepted"): 1,
        ("urban", ""): 1,
        ("urban", "explained"): 1,
    }
    assert _counts(summary.by_group) == {
        ("organisation.schedule", "rural"): 1,
        ("organisation.groups", "rural"): 1,
        ("methods", "urban"): 1,
        ("scope", "urban"): 1,
    }
    assert [part.group.key for part in summary.per_group] == ["rural", "urban"]
    assert _counts(summary.per_group[1].table) == {("methods", ""): 1, ("scope", "explained"): 1}
    assert summary.by_state.column_totals == [1, 0, 1, 1, 1]
    assert summary.by_state.total == 4


def test_every_leaf_block_has_a_row_even_without_comments(consultation, sample, national):
    summary = reports.round_summary(consultation.comments.all())
    keys = [row.category.key for row in summary.by_state.rows]
    assert "audience" in keys and "intersession" in keys
    assert "organisation" not in keys  # a parent block without comments of its own
    assert len(keys) == 10


def test_chart_bars_scale_to_the_longest_and_carry_titles(consultation, sample, national):
    summary = reports.round_summary(consultation.comments.all())
    chart = summary.chart
    bars = {bar.label: bar for bar in chart.bars}
    schedule = bars["Dni i godziny zjazdów/modułów"]
    (segment,) = schedule.segments
    assert segment.width == reports.BAR_AREA  # every non-empty block has one comment here
    assert segment.colour == reports.STATE_COLOURS["accepted"]
    assert "Dni i godziny zjazdów/modułów" in segment.title
    assert [item.colour for item in chart.legend][-1] == reports.UNDECIDED_COLOUR
    assert chart.height > len(chart.bars) * reports.ROW_HEIGHT


def test_states_added_by_operators_get_their_own_colour():
    states = [DecisionState(code=code) for code in ("accepted", "postponed", "merged")]
    colours = reports.state_colours(states)
    assert colours["accepted"] == reports.STATE_COLOURS["accepted"]
    assert colours["postponed"] != colours["merged"]


def test_summary_page_draws_an_accessible_svg_without_inline_style(
    client, consultation, sample, expert
):
    client.force_login(expert)
    response = client.get(reverse("consultations:round-summary", args=[consultation.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    svg = re.search(r"<svg class=\"chart\".*?</svg>", html, re.S).group(0)
    assert 'role="img"' in svg and 'aria-label="' in svg
    assert svg.count("<title>") == 1 + 4  # the chart's own title and one per segment
    assert f'fill="{reports.STATE_COLOURS["not_accepted"]}"' in svg
    assert "style=" not in html and "<style" not in html
    assert re.search(r"<script(?![^>]*\bsrc=)", html) is None  # no inline script
    assert "consultations/css/reports.css" in html
    assert "Grupy szkoleniowe" not in html  # figures only, no comment texts
    assert "<caption>" in html and 'scope="row"' in html


def test_summary_numbers_are_not_localised_in_svg(client, consultation, sample, national):
    """Polish formats use a decimal comma; SVG coordinates must stay plain numbers."""
    client.force_login(national)
    response = client.get(reverse("consultations:round-summary", args=[consultation.pk]))
    svg = re.search(r"<svg class=\"chart\".*?</svg>", response.content.decode(), re.S).group(0)
    for value in re.findall(r'\s(?:x|y|width|height)="([^"]*)"', svg):
        assert re.fullmatch(r"\d+", value), value


def test_summary_without_comments_says_so(client, consultation, national):
    client.force_login(national)
    response = client.get(reverse("consultations:round-summary", args=[consultation.pk]))
    assert response.status_code == 200
    assert b'<svg class="chart"' not in response.content


def test_expert_of_another_programme_gets_404(client, consultation):
    stranger = make_user("inny.ekspert@test.example.org", Role.EXPERT)
    client.force_login(stranger)
    url = reverse("consultations:round-summary", args=[consultation.pk])
    assert client.get(url).status_code == 404


def test_participant_of_the_round_sees_it_but_not_the_summary(
    client, consultation, meeting, national, participant
):
    services.participant_add(actor=national, meeting=meeting, jst=participant.jst, user=participant)
    client.force_login(participant)
    for name in ("round-summary", "round-export-xlsx", "round-export-docx"):
        url = reverse(f"consultations:{name}", args=[consultation.pk])
        assert client.get(url).status_code == 403, name


def _close(consultation, national):
    services.round_set_status(actor=national, consultation=consultation, status="closed")


def test_public_report_only_for_a_closed_round(client, consultation, sample, national):
    url = reverse("consultations:round-public", args=[consultation.pk])
    assert client.get(url).status_code == 404
    _close(consultation, national)
    response = client.get(url)
    assert response.status_code == 200
    assert "Grupy szkoleniowe powinny liczyć najwyżej 20 osób." in response.content.decode()


def test_public_report_has_no_personal_data(client, consultation, sample, national, participant):
    _close(consultation, national)
    html = client.get(reverse("consultations:round-public", args=[consultation.pk])).content
    html = html.decode()
    for personal in (AUTHOR_NAME, REPRESENTATIVE, participant.full_name, participant.email):
        assert personal not in html, personal
    assert "Koziegłowy" in html and "Częstochowa" in html  # the exchange groups' places
    assert "Grupy 16–25 osób pozwalają objąć więcej gmin." in html
    assert '<svg class="chart"' in html


def test_public_rows_leave_the_author_out(consultation, sample, national):
    rows = reports.comment_rows(selectors.comment_list_public(consultation), public=True)
    assert [row.author for row in rows] == ["", "", "", ""]
    assert rows[0].group.endswith("Koziegłowy")
    assert rows[1].part == capfirst(ProgrammeVersion._meta.get_field("group_max").verbose_name)
    assert rows[3].part == "Budżet"
    assert rows[2].state is None and rows[2].answer == ""


def test_internal_rows_name_the_author(consultation, sample):
    rows = reports.comment_rows(consultation.comments.all())
    assert AUTHOR_NAME in rows[0].author
    assert rows[2].author == "Częstochowa"
