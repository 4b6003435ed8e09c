import inspect
import re

import pytest
from django.conf import settings
from django.core import mail
from django.db import transaction
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from akademia.core.tests.factories import clear_mail, send_queued
from akademia.recruitment import notifications, services
from akademia.recruitment.models import Application
from akademia.recruitment.reasons import reason_of, reason_text, unit_amount
from akademia.recruitment.selection import Quota, messages
from akademia.recruitment.tests.factories import complete

URBAN = Quota("kind:urban", "Urban", field="kind", values=("urban",), unit="people", min=4, max=9)
MANAGERS = Quota("managers:all", "Managers", unit="managers", min=3, max=6)
TOTAL = Quota("total", unit="jst", max=3)  # no label: messages name it by its code

# Every builder of messages.py with arguments that reach each of its variants. Counts are
# at least 2 so that the English plural forms read like the optimiser's "application(s)".
SAMPLES = {
    "selected": [lambda: messages.selected(2)],
    "selected_forced": [messages.selected_forced],
    "selected_for_min": [lambda: messages.selected_for_min(URBAN, 5, 3, 2)],
    "excluded_forced": [messages.excluded_forced],
    "ineligible": [messages.ineligible],
    "withdrawn": [messages.withdrawn],
    "quota_full": [
        lambda: messages.quota_full(URBAN, 9, 12.5, 14.0, False),
        lambda: messages.quota_full(TOTAL, 3, 14.0, 14.0, True),
    ],
    "swap_breaks_quota": [
        lambda: messages.swap_breaks_quota(URBAN, "min", 2, "Kutno (1002011)", 7.5, 2),
        lambda: messages.swap_breaks_quota(MANAGERS, "max", 3, "Koziegłowy (2409023)", 9, 7),
    ],
    "blocked_by_max": [lambda: messages.blocked_by_max(URBAN, 7, 3)],
    "blocked_by_forced": [lambda: messages.blocked_by_forced(TOTAL, 3, ["A (1)", "B (2)"])],
    "swap_possible": [lambda: messages.swap_possible("Kutno (1002011)", 10.25)],
    "could_be_added": [lambda: messages.could_be_added(8.0)],
    "not_beneficial": [lambda: messages.not_beneficial(0.0)],
    "waiting": [lambda: messages.waiting(3)],
    "verified_cost": [
        lambda: messages.verified_cost(2.5, ["A (1)", "B (2)"], []),
        lambda: messages.verified_cost(4.0, ["A (1)"], ["C (3)"]),
        lambda: messages.verified_cost(0.0, [], []),
    ],
    "verified_impossible": [messages.verified_impossible],
    "refilled": [lambda: messages.refilled("Kutno (1002011)")],
    "min_unreachable": [
        lambda: messages.min_unreachable(Quota("kind:county", "Powiaty", min=5), 3, 3),
        lambda: messages.min_unreachable(URBAN, 2, 2),
    ],
    "forced_exceed_max": [lambda: messages.forced_exceed_max(MANAGERS, 8, ["A (1)"])],
    "mins_exceed_max": [
        lambda: messages.mins_exceed_max([Quota("a", min=2), Quota("b", min=2)], 4, TOTAL)
    ],
    "min_unreachable_under_max": [
        lambda: messages.min_unreachable_under_max(
            MANAGERS, Quota("people", unit="people", max=5), 2
        )
    ],
    "quotas_conflict": [lambda: messages.quotas_conflict(["total", "kind:urban"])],
    "relax": [
        lambda: messages.relax(URBAN, "min", 4, 2),
        lambda: messages.relax(TOTAL, "max", 3, 5),
    ],
    "solver_stopped": [
        lambda: messages.solver_stopped("feasible", 20.04),
        lambda: messages.solver_stopped("unknown", 20.0),
    ],
    "refill_added": [lambda: messages.refill_added("C (3)", "A (1)", 2)],
    "refill_breaks": [
        lambda: messages.refill_breaks(URBAN, "min", 3),
        lambda: messages.refill_breaks(TOTAL, "max", 4),
    ],
    "refill_none": [
        lambda: messages.refill_none("A (1)", ["kind:urban", "total"]),
        lambda: messages.refill_none("A (1)", []),
    ],
    "refill_not_selected": [lambda: messages.refill_not_selected("A (1)")],
}
REASONS = [build() for builders in SAMPLES.values() for build in builders]
LEFTOVER = re.compile(r"%\(|%[sd]|\{\{|\bNone\b")


def test_every_builder_of_messages_py_is_sampled():
    builders = {
        name
        for name, fn in inspect.getmembers(messages, inspect.isfunction)
        if fn.__module__ == messages.__name__ and not name.startswith("_")
    }
    assert builders - {"amount", "score"} == set(SAMPLES)


@pytest.mark.parametrize("reason", REASONS, ids=lambda r: r.code)
def test_every_reason_reads_in_polish(reason):
    with translation.override("pl"):
        text = reason_text(reason.code, reason.params, reason.text)
    assert text != reason.text
    assert not LEFTOVER.search(text), text
    assert "'" not in text and "score" not in text and "quota" not in text, text


@pytest.mark.parametrize("reason", REASONS, ids=lambda r: r.code)
def test_in_english_it_reads_like_the_optimisers_text(reason):
    """The same sentence; only "application(s)" gets its plural and quota lists are quoted."""

    def plain(text):
        return text.replace("(s)", "s").replace("'", "")

    with translation.override("en"):
        text = reason_text(reason.code, reason.params, reason.text)
    assert plain(text) == plain(reason.text)


def test_polish_amounts_scores_and_plural_forms():
    with translation.override("pl"):
        people = [unit_amount(n, "people") for n in (1, 2, 5, 12, 22, 25)]
        assert people == ["1 osoba", "2 osoby", "5 osób", "12 osób", "22 osoby", "25 osób"]
        assert unit_amount(4, "managers") == "4 osoby z kadry kierowniczej"
        assert unit_amount(7, "jst") == "7 JST"
        relax = messages.relax(URBAN, "min", 4, 2)
        assert reason_of(relax) == "Obniż minimum limitu „Urban”: 4 osoby → 2 osoby."
        possible = reason_of(messages.swap_possible("Kutno (1002011)", 10.25))
        assert "(10,25 pkt)" in possible
        solver = reason_of(messages.solver_stopped("feasible", 20.04))
        assert "(20,0 s)" in solver
    with translation.override("en"):
        assert unit_amount(1, "people") == "1 person"


def test_the_no_selection_reason_and_unknown_codes():
    with translation.override("pl"):
        cause = reason_text("no_selection", {"cause": "min_unreachable"}, "Quota 'x' needs ...")
        assert cause == "Niezakwalifikowane: żaden wybór nie spełnia wszystkich limitów."
        stopped = reason_text("no_selection", {"cause": "solver_time_limit"}, "The solver ...")
        assert stopped.startswith("Niezakwalifikowane: optymalizator")
        assert reason_text("brand_new", {"x": 1}, "Some English text.") == "Some English text."
        # Params that no longer fit the template: the stored text rather than an error.
        assert reason_text("selected", {}, "Selected (rank 1 by score).") == (
            "Selected (rank 1 by score)."
        )


def test_the_template_filter_takes_stored_dicts():
    template = Template("{% load recruitment %}{{ reason|reason }}")
    stored = messages.waiting(4).to_dict()
    with translation.override("pl"):
        assert template.render(Context({"reason": stored})) == "Na liście rezerwowej na miejscu 4."


def _select(national, call):
    for code in ["2409023", "2402022", "2414011", "2401011"]:
        complete(national, call, code)
    services.quotas_set(
        actor=national,
        call=call,
        rows=[{"code": "total:jst", "label": "All JST", "unit": "jst", "min": 2, "max": 2}],
    )


def test_the_results_page_and_emails_show_polish_reasons(
    client, call, national, django_capture_on_commit_callbacks
):
    _select(national, call)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "pl"
    client.force_login(national)
    with translation.override("pl"):
        client.post(reverse("recruitment:call-select", args=[call.pk]))
        page = client.get(reverse("recruitment:call-results", args=[call.pk])).content.decode()
        assert "Zakwalifikowane (miejsce 1 według punktów)." in page
        assert "Na liście rezerwowej na miejscu 1." in page
        assert "Selected (rank" not in page and "On the waiting list" not in page
        waiting = Application.objects.get(call=call, waiting_position=1)
        detail = reverse("recruitment:application-detail", args=[waiting.pk])
        assert "Na liście rezerwowej na miejscu 1." in client.get(detail).content.decode()
        clear_mail()
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("recruitment:call-publish", args=[call.pk]))
    body = next(m.body for m in mail.outbox if m.to == [waiting.coordinator_email])
    assert "- Na liście rezerwowej na miejscu 1." in body
    assert "On the waiting list" not in body


def test_an_email_without_a_language_is_polish(call, national):
    _select(national, call)
    services.selection_run(actor=national, call=call)
    application = Application.objects.get(call=call, waiting_position=1)
    clear_mail()
    # Queued while an operator works in English: the recipient chose nothing, so Polish.
    with translation.override("en"), transaction.atomic():
        notifications.queue(application, "result", occasion="test")
    [sent] = send_queued()
    assert "- Na liście rezerwowej na miejscu 1." in sent.body
    # The preview of the confirmation pages renders the same text.
    subject, body = notifications.render_application_email(application, "result", language="pl")
    assert (subject, body) == (sent.subject, sent.body)


def test_infeasible_results_show_the_relaxation_in_polish(client, call, national):
    complete(national, call, "2409023")
    row = {"code": "kind:county", "label": "Powiaty", "field": "kind", "values": ["county"]}
    services.quotas_set(actor=national, call=call, rows=[row | {"unit": "jst", "min": 2}])
    services.selection_run(actor=national, call=call)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "pl"
    client.force_login(national)
    with translation.override("pl"):
        page = client.get(reverse("recruitment:call-results", args=[call.pk])).content.decode()
    assert "Obniż minimum limitu „Powiaty”: 2 JST → 0 JST." in page
    assert "Limity, których nie da się spełnić razem: <strong>Powiaty</strong>" in page
    assert "kind:county" not in page
    assert "Limit „Powiaty” ma minimum 2 JST" in page
