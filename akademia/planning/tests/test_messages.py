"""Every message of the solver and of the checker has a translatable template in messages.py
with the same placeholders; the plan page shows it with names instead of solver ids."""

import datetime as dt
import string
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import translation

from akademia.planning import messages, services
from akademia.planning.solver.calendar_plan import RELAXATIONS
from akademia.planning.solver.check import MESSAGES as CHECK_MESSAGES
from akademia.planning.solver.check import CheckReport
from akademia.planning.solver.reasons import MESSAGES as REASON_MESSAGES
from akademia.planning.solver.solve import GROUPING_RELAXATIONS
from akademia.planning.tests.factories import solved_plan

CHECK_TEMPLATES = {key: template for key, (_rule, template) in CHECK_MESSAGES.items()}


def fields(template) -> set[str]:
    """Placeholder names; format specs ({share:.0%}) may differ between the CLI and the web."""
    return {name for _, name, _, _ in string.Formatter().parse(str(template)) if name}


@pytest.mark.parametrize(
    ("english", "translatable"),
    [(REASON_MESSAGES, messages.REASONS), (CHECK_TEMPLATES, messages.VIOLATIONS)],
    ids=["solver reasons", "checker messages"],
)
def test_every_message_has_a_template_with_the_same_placeholders(english, translatable):
    assert set(translatable) == set(english)
    with translation.override("en"):
        differ = {k: v for k, v in english.items() if fields(v) != fields(translatable[k])}
    assert not differ


def test_every_rule_has_a_name():
    rules = {rule for rule, _ in CHECK_MESSAGES.values()}
    assert rules <= set(messages.RULES)
    labels = [label for label, _ in GROUPING_RELAXATIONS]
    labels += [label for _, label in RELAXATIONS]
    assert set(messages.RELAXED_RULES) == set(labels)
    assert set(messages.RELAXED_RULES.values()) <= set(messages.RULES)


def sample(name: str, spec: str):
    if spec.endswith("%"):
        return 0.25
    if name in {"day", "next_day", "start", "end"}:
        return "2027-05-03"
    if name in {"modules", "kinds"}:
        return ["rural", "urban"]
    if name == "weekdays":
        return "Mon/Sat"
    if name == "rule":
        return "minimum share of managers"
    return 3


def samples(english: dict, translatable: dict) -> list[tuple[str, dict]]:
    out = []
    for code, template in english.items():
        specs = {name: spec for _, name, spec, _ in string.Formatter().parse(str(template))}
        specs |= {n: s for _, n, s, _ in string.Formatter().parse(str(translatable[code]))}
        out.append((code, {name: sample(name, spec) for name, spec in specs.items() if name}))
    return out


REASON_SAMPLES = samples(REASON_MESSAGES, messages.REASONS)
CHECK_SAMPLES = samples(CHECK_TEMPLATES, messages.VIOLATIONS)


def plan_of(violations, **extra):
    problem = {
        "teams": [{"id": "2409023", "name": "Koziegłowy"}],
        "venues": [{"id": "V1", "name": "Sala w Katowicach"}],
    }
    return SimpleNamespace(problem=problem, project_id=None, violations=violations, **extra)


@pytest.mark.django_db
@pytest.mark.parametrize(("code", "params"), REASON_SAMPLES, ids=[c for c, _ in REASON_SAMPLES])
def test_every_reason_formats(code, params):
    reason = {"code": code, "params": params, "text": "FALLBACK"}
    text = messages.reason_text(reason)
    assert text != "FALLBACK" and "{" not in text


@pytest.mark.django_db
@pytest.mark.parametrize(("key", "params"), CHECK_SAMPLES, ids=[c for c, _ in CHECK_SAMPLES])
def test_every_violation_formats(key, params):
    stored = [{"rule": CHECK_MESSAGES[key][0], "message": "FALLBACK", "key": key, "params": params}]
    (shown,) = messages.violations(plan_of(stored))
    assert shown["message"] != "FALLBACK" and "{" not in shown["message"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "code", "params"),
    [("reason", c, p) for c, p in REASON_SAMPLES] + [("check", c, p) for c, p in CHECK_SAMPLES],
    ids=[f"reason-{c}" for c, _ in REASON_SAMPLES] + [f"check-{c}" for c, _ in CHECK_SAMPLES],
)
def test_every_message_reads_in_polish(kind, code, params):
    """Fails for a template without a Polish translation in the compiled catalogue, or whose
    translation lost or renamed a placeholder."""
    template = (messages.REASONS if kind == "reason" else messages.VIOLATIONS)[code]
    with translation.override("pl"):
        polish = str(template)
        if kind == "reason":
            text = messages.reason_text({"code": code, "params": params, "text": "FALLBACK"})
        else:
            stored = [{"rule": "x", "message": "FALLBACK", "key": code, "params": params}]
            text = messages.violations(plan_of(stored))[0]["message"]
    assert polish != str(template)
    assert fields(polish) == fields(template)
    assert text != "FALLBACK" and "{" not in text


def test_every_rule_name_reads_in_polish():
    with translation.override("pl"):
        polish = {code: str(name) for code, name in messages.RULES.items()}
    untranslated = {code for code, name in messages.RULES.items() if polish[code] == str(name)}
    assert not untranslated


@pytest.mark.django_db
def test_names_dates_and_weekdays_replace_solver_ids():
    report = CheckReport()
    report.add("team_in_no_group", team="2409023")
    report.add("weekday", group="G01", module=1, day="2027-05-03", weekday=1)
    report.add("venue_unavailable", group="G01", module=2, venue="V1", day="2027-06-07")
    plan = plan_of([v.to_json() for v in report.violations])
    shown = [v["message"] for v in messages.violations(plan)]
    assert shown == [
        "team Koziegłowy is in no group",
        "group G01, module 1: 03.05.2027 is a Monday, not an allowed weekday",
        "group G01, module 2: venue Sala w Katowicach is closed on 07.06.2027",
    ]


def test_a_violation_stored_before_keys_keeps_its_english_message():
    plan = plan_of([{"rule": "holiday", "message": "group G01 module 1: 2027-05-03 is a holiday"}])
    with translation.override("pl"):
        (shown,) = messages.violations(plan)
    assert shown["message"] == "group G01 module 1: 2027-05-03 is a holiday"
    assert shown["code"] == "holiday"


@pytest.mark.django_db
def test_a_reason_names_the_rule_the_weekdays_and_with_the_plan_the_team():
    relaxed = {"code": "calendar_rule", "params": {"rule": "trainer unavailable dates"}}
    assert messages.reason_text(relaxed) == (
        "no calendar satisfies the rule “trainer's days off”; without it a calendar exists"
    )
    window = {
        "code": "no_window",
        "params": {"days": 2, "weekdays": "Fri/Sat", "start": "2027-03-01", "end": "2027-03-31"},
    }
    assert messages.reason_text(window) == (
        "no 2-day window on the allowed weekdays (Friday, Saturday) between 01.03.2027 and "
        "31.03.2027 (holidays and blackout dates excluded)"
    )
    large = {"code": "team_too_large", "params": {"team": "2409023", "size": 30, "max_size": 25}}
    assert messages.reason_text(large, plan=plan_of([])).startswith("team Koziegłowy has 30")
    assert messages.reason_text(large).startswith("team 2409023 has 30")


# The plan page -------------------------------------------------------------------------------


@pytest.fixture
def holiday_copy(project, regional):
    """A solved plan's copy with meeting 1 of the first group moved to 3 May 2027 (a public
    holiday), plus a stored checker finding about Koziegłowy (2409023), as the checker makes it.
    """
    plan = solved_plan(project, regional)
    group = plan.result["groups"][0]["id"]
    copy = services.plan_move_meeting(
        actor=regional, plan=plan, group=group, module=1, start=dt.date(2027, 5, 3)
    )
    report = CheckReport()
    report.add("team_in_no_group", team="2409023")
    copy.violations += [v.to_json() for v in report.violations]
    copy.save()
    return copy


def violations_block(html: str) -> str:
    start = html.index('id="violations"')
    return html[start : html.index("</div>", start)]


@pytest.mark.django_db
def test_a_violation_is_stored_with_its_key_and_json_params(holiday_copy):
    group = holiday_copy.result["groups"][0]["id"]
    holiday = next(v for v in holiday_copy.violations if v["rule"] == "holiday")
    assert holiday == {
        "rule": "holiday",
        "message": f"group {group} module 1: 2027-05-03 is a public holiday",
        "key": "holiday",
        "params": {"group": group, "module": 1, "day": "2027-05-03"},
    }


@pytest.mark.django_db
def test_plan_page_names_the_team_and_formats_dates_in_violations(client, regional, holiday_copy):
    client.force_login(regional)
    url = reverse("planning:plan-detail", args=[holiday_copy.pk])
    block = violations_block(client.get(url).content.decode())
    assert "team Koziegłowy is in no group" in block
    assert "module 1: 03.05.2027 is a public holiday" in block
    assert "2409023" not in block and "2027-05-03" not in block


@pytest.mark.django_db
def test_plan_page_shows_violations_in_polish(client, settings, regional, holiday_copy):
    """Needs the Polish catalogue with the templates of messages.VIOLATIONS."""
    client.force_login(regional)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "pl"
    url = reverse("planning:plan-detail", args=[holiday_copy.pk])
    block = violations_block(client.get(url).content.decode())
    assert "zespół Koziegłowy nie jest w żadnej grupie" in block
    assert "moduł 1: 03.05.2027 to dzień ustawowo wolny od pracy" in block
    assert "święta" in block  # the rule's name
    assert "public holiday" not in block and "2409023" not in block
