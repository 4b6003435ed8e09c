"""A withdrawal after a selection run and before publication makes the run stale: the pages say
so, publishing it is refused with the reason, and one click re-runs the selection. A withdrawn
JST is never published as selected."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from akademia.accounts.roles import Role
from akademia.accounts.tests.factories import make_user
from akademia.core.audit import SYSTEM
from akademia.core.errors import DomainError
from akademia.core.models import AuditEntry
from akademia.core.tests.factories import clear_mail
from akademia.recruitment import selectors, services
from akademia.recruitment.models import Application, ApplicationStatus, Enrolment
from akademia.recruitment.tests.factories import complete, data

CODES = ["2402022", "2401042", "2414042", "2407022", "2414011", "2401011"]  # Śląskie


@pytest.fixture
def run(national, call):
    """Six complete applications, three selected (exactly 3 JST), three waiting."""
    for code in CODES:
        complete(national, call, code)
    services.quotas_set(
        actor=national, call=call, rows=[{"code": "total", "unit": "jst", "min": 3, "max": 3}]
    )
    return services.selection_run(actor=national, call=call)


def _withdraw(application):
    coordinator = make_user(
        f"k{application.jst.code}@example.org", Role.JST_COORDINATOR, jst=application.jst.code
    )
    return services.application_withdraw(actor=coordinator, application=application)


def _selected(call):
    return Application.objects.filter(call=call, status=ApplicationStatus.SELECTED)


def test_a_withdrawn_selected_jst_is_never_published_as_selected(
    national, call, run, django_capture_on_commit_callbacks
):
    withdrawn = _selected(call).first()
    assert _withdraw(withdrawn) is None  # before publication nothing is refilled
    withdrawn.refresh_from_db()
    assert withdrawn.status == ApplicationStatus.WITHDRAWN
    assert [r["code"] for r in withdrawn.reasons] == ["withdrawn"]
    assert services.stale_withdrawals(run) == [withdrawn]
    stale = re.escape(f"out of date: the application of {withdrawn.jst.name} was withdrawn")
    with pytest.raises(DomainError, match=stale):
        services.selection_publish(actor=national, call=call)
    call.refresh_from_db()
    assert not call.is_published and not Enrolment.objects.exists()

    rerun = services.selection_run(actor=national, call=call)
    assert rerun.feasible and services.stale_withdrawals(rerun) == []
    assert services.selection_id(withdrawn) not in rerun.result["selected"]
    assert services.selection_id(withdrawn) not in rerun.result["waiting_list"]
    assert _selected(call).count() == 3 and withdrawn not in _selected(call)
    clear_mail()
    with django_capture_on_commit_callbacks(execute=True):
        services.selection_publish(actor=national, call=call)
    enrolled = {team["jst"] for team in selectors.enrolled_teams(call.project)}
    assert len(enrolled) == 3 and withdrawn.jst not in enrolled
    assert withdrawn.coordinator_email not in {m.to[0] for m in mail.outbox}
    withdrawn.refresh_from_db()
    assert withdrawn.status == ApplicationStatus.WITHDRAWN


def test_a_withdrawal_from_the_waiting_list_also_makes_the_run_stale(national, call, run):
    """The run's waiting list names it: a refill after publication could pick it."""
    waiting = Application.objects.get(
        call=call, status=ApplicationStatus.WAITING, waiting_position=1
    )
    _withdraw(waiting)
    assert services.stale_withdrawals(run) == [waiting]
    stale = re.escape(f"out of date: the application of {waiting.jst.name} was withdrawn")
    with pytest.raises(DomainError, match=stale):
        services.selection_publish(actor=national, call=call)
    services.selection_run(actor=national, call=call)
    services.selection_publish(actor=national, call=call)
    assert not Application.objects.filter(call=call, waiting_position__isnull=False).filter(
        pk=waiting.pk
    )


def test_a_withdrawal_that_took_no_part_leaves_the_run_current(national, call, run):
    draft = services.application_save(actor=SYSTEM, call=call, data=data("2403042"))
    _withdraw(draft)
    assert services.stale_withdrawals(run) == []
    services.selection_publish(actor=national, call=call)
    call.refresh_from_db()
    assert call.is_published


def test_the_withdrawal_is_audited_with_the_run_it_made_stale(call, run):
    withdrawn = _selected(call).first()
    _withdraw(withdrawn)
    entry = AuditEntry.objects.get(action="recruitment.application.withdrawn")
    assert entry.data == {"was_selected": True, "stale_run": run.pk}


def test_after_publication_a_withdrawal_refills_and_no_run_is_stale(national, call, run):
    services.selection_publish(actor=national, call=call)
    withdrawn = _selected(call).first()
    added = _withdraw(withdrawn)
    assert added is not None and added.status == ApplicationStatus.SELECTED
    assert services.stale_withdrawals(selectors.latest_run(call)) == []
    assert services.stale_withdrawals(run) == []


# Pages -------------------------------------------------------------------------------------


def test_the_results_page_says_the_run_is_stale_and_re_runs_from_its_confirmation(
    client, national, call, run
):
    withdrawn = _selected(call).first()
    _withdraw(withdrawn)
    client.force_login(national)
    results = reverse("recruitment:call-results", args=[call.pk])
    page = client.get(results).content.decode()
    assert "These results are out of date" in page and withdrawn.jst.name in page
    assert reverse("recruitment:call-publish", args=[call.pk]) not in page
    rerun = reverse("recruitment:call-select", args=[call.pk])
    assert f'href="{rerun}"' in page and "Run the selection again" in page
    detail = client.get(reverse("recruitment:call-detail", args=[call.pk])).content.decode()
    assert 'id="stale-run"' in detail and withdrawn.jst.name in detail

    # Publishing anyway (a second tab, an old form) is refused with the reason.
    response = client.post(reverse("recruitment:call-publish", args=[call.pk]), follow=True)
    assert "The selection is out of date" in response.content.decode()
    call.refresh_from_db()
    assert not call.is_published

    response = client.post(rerun)
    assert response["Location"] == results
    page = client.get(results).content.decode()
    assert "out of date" not in page
    assert reverse("recruitment:call-publish", args=[call.pk]) in page
    client.post(reverse("recruitment:call-publish", args=[call.pk]))
    call.refresh_from_db()
    assert call.is_published
    assert not Enrolment.objects.filter(jst=withdrawn.jst).exists()


def test_quotas_changed_after_the_run_make_it_stale_until_it_runs_again(national, call, run):
    assert services.stale_notice(run) == ""
    services.quotas_set(
        actor=national, call=call, rows=[{"code": "total", "unit": "jst", "min": 4, "max": 4}]
    )
    with pytest.raises(DomainError, match="out of date: the quotas changed after it ran"):
        services.selection_publish(actor=national, call=call)
    assert not Enrolment.objects.exists()
    services.selection_run(actor=national, call=call)
    services.selection_publish(actor=national, call=call)
    assert _selected(call).count() == 4


def test_points_given_after_the_run_make_it_stale(national, call, run):
    waiting = Application.objects.filter(call=call, status=ApplicationStatus.WAITING).first()
    services.application_set_manual_points(actor=national, application=waiting, points=10)
    assert "the applications or their scores changed" in services.stale_notice(run)
    stale = "out of date: the applications or their scores changed after it ran"
    with pytest.raises(DomainError, match=stale):
        services.selection_publish(actor=national, call=call)


def test_checking_a_run_does_not_query_per_application(run, django_assert_max_num_queries):
    # Shown on every call page: the queries must not grow with the number of applications.
    with django_assert_max_num_queries(8):
        assert services.stale_notice(run) == ""
