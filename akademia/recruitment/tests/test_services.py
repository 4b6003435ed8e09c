import re

import pytest
from django.core import mail
from django.db import IntegrityError, transaction

from akademia.accounts.models import User
from akademia.accounts.roles import Role
from akademia.accounts.tests.factories import make_user
from akademia.core.audit import SYSTEM
from akademia.core.errors import DomainError
from akademia.core.models import AuditEntry
from akademia.core.tests.factories import clear_mail
from akademia.recruitment import selectors, services
from akademia.recruitment.models import (
    Application,
    ApplicationStatus,
    Enrolment,
    SelectionRun,
)
from akademia.recruitment.tests.factories import complete, data, open_call, pdf, team

RURAL = ["2402022", "2401042", "2414042", "2407022", "2403042"]  # gminy wiejskie, Śląskie
URBAN = ["2414011", "2401011", "2403011"]
COUNTY = ["2402000", "2414000"]


def problems_of(error) -> list[str]:
    return [message for _field, message in error.problems]


# Application rules -------------------------------------------------------------------------


def test_saving_a_draft_stores_it_and_emails_the_confirmation_link(
    call, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application = services.application_save(actor=SYSTEM, call=call, data=data("2409023"))
    assert application.status == ApplicationStatus.DRAFT
    assert application.team.count() == 3
    assert application.consent_text == call.consent_text and application.consent_at
    assert application.letter.read().startswith(b"%PDF-")
    assert len(mail.outbox) == 1
    assert "/nabor/potwierdz/" in mail.outbox[0].body
    assert f"/nabor/zgloszenie/{application.token}/" in mail.outbox[0].body


@pytest.mark.parametrize(
    ("members", "expected"),
    [
        (team(1), "from 2 to 5 people; it has 1"),
        (team(6), "from 2 to 5 people; it has 6"),
        (team(3, managers=0), "at least 1 person(s) from the management staff"),
    ],
)
def test_submission_checks_the_team_against_the_programme(call, members, expected):
    application = services.application_save(
        actor=SYSTEM, call=call, data=data("2409023", members=members)
    )
    with pytest.raises(services.ApplicationIncomplete, match=re.escape(expected)) as refused:
        services.application_submit(actor=SYSTEM, application=application)
    assert refused.value.field == "team"
    assert len(refused.value.problems) == 1
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT


def test_team_emails_must_differ_and_answers_consent_and_letter_are_required(call):
    members = team(3)
    members[2]["email"] = members[0]["email"].upper()
    application = services.application_save(
        actor=SYSTEM,
        call=call,
        data=data("2409023", members=members, answers=[""], consent=False, letter=False),
    )
    repeats = re.escape("a different e-mail address: osoba0@gmina.example.org repeats")
    with pytest.raises(services.ApplicationIncomplete, match=repeats) as refused:
        services.application_submit(actor=SYSTEM, application=application)
    fields = [field for field, _message in refused.value.problems]
    assert fields == ["team", "answer_0", "consent", "letter"]
    assert problems_of(refused.value)[1:] == [
        "Answer this question.",
        "The consent is required to submit the application.",
        "Attach the signed letter of intent (PDF).",
    ]


def test_a_complete_application_is_submitted(call):
    application = services.application_save(actor=SYSTEM, call=call, data=data("2409023"))
    services.application_submit(actor=SYSTEM, application=application)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED and application.submitted_at


def test_one_active_application_per_jst_per_call(call, coordinator):
    first = services.application_save(actor=SYSTEM, call=call, data=data("2409023"))
    with pytest.raises(DomainError, match="already applied to this call") as refused:
        services.application_save(
            actor=SYSTEM, call=call, data=data("2409023", email="inny@example.org")
        )
    assert refused.value.field == "jst"
    assert Application.objects.filter(call=call).count() == 1
    # The database refuses it too.
    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.create(
            call=call, jst=first.jst, coordinator_name="X", coordinator_email="x@example.org"
        )
    # A withdrawn application frees the JST.
    first.coordinator = coordinator
    services.application_confirm_email(actor=SYSTEM, application=first)
    services.application_withdraw(actor=coordinator, application=first)
    services.application_save(actor=SYSTEM, call=call, data=data("2409023"))
    assert Application.objects.filter(call=call).count() == 2


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (lambda: pdf("list.docx"), "must be a PDF file"),
        (lambda: pdf("list.pdf", b"PK\x03\x04 not a pdf"), "This file is not a PDF document"),
        (
            lambda: pdf("list.pdf", b"%PDF-" + b"0" * (5 * 1024 * 1024)),
            "too large: the limit is 5 MB",
        ),
    ],
)
def test_a_refused_letter_stores_nothing(call, media, upload, message):
    bad = data("2409023")
    bad.letter = upload()
    with pytest.raises(DomainError, match=message) as refused:
        services.application_save(actor=SYSTEM, call=call, data=bad)
    assert refused.value.field == "letter"
    assert not Application.objects.exists()
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))


def test_eligibility_kind_and_voivodeship(national, pilot, version, slaskie_call):
    rural_only = open_call(national, pilot, version, kinds=["rural"], title="Tylko wiejskie")
    with pytest.raises(DomainError, match="not open to JST of this kind") as refused:
        services.application_save(actor=SYSTEM, call=rural_only, data=data("2414011"))
    assert refused.value.field == "jst"
    with pytest.raises(DomainError, match="not open to JST from this voivodeship") as refused:
        services.application_save(actor=SYSTEM, call=slaskie_call, data=data("1002011"))
    assert refused.value.field == "jst"


def test_a_closed_call_takes_no_application(call, national):
    services.call_set_status(actor=national, call=call, status="closed")
    with pytest.raises(DomainError, match="This call does not accept applications now"):
        services.application_save(actor=SYSTEM, call=call, data=data("2409023"))


# Confirmation and the coordinator's account ------------------------------------------------


def test_confirming_creates_the_coordinator_and_sends_the_password_link(
    call, django_capture_on_commit_callbacks, client
):
    application = services.application_save(actor=SYSTEM, call=call, data=data("2409023"))
    code = services.confirmation_code(application)
    assert services.application_for_code(code) == application
    with django_capture_on_commit_callbacks(execute=True):
        user = services.application_confirm_email(actor=SYSTEM, application=application)
    assert user.role == Role.JST_COORDINATOR and user.jst.code == "2409023"
    assert not user.has_usable_password()
    application.refresh_from_db()
    assert application.coordinator == user and application.email_confirmed_at
    assert mail.outbox[-1].to == [application.coordinator_email]
    link = re.search(r"https?://\S+/konto/zaproszenie/\S+", mail.outbox[-1].body).group(0)
    assert client.get(link.split("8000", 1)[-1], follow=True).status_code == 200
    # Twice is harmless.
    assert services.application_confirm_email(actor=SYSTEM, application=application) == user
    assert User.objects.filter(email=application.coordinator_email).count() == 1
    with pytest.raises(DomainError, match="This confirmation link is invalid or has expired"):
        services.application_for_code(code + "x")


def test_an_existing_account_of_another_role_is_not_taken_over(call, national):
    application = services.application_save(
        actor=SYSTEM, call=call, data=data("2409023", email=national.email)
    )
    assert services.application_confirm_email(actor=SYSTEM, application=application) is None
    national.refresh_from_db()
    assert national.role == Role.NATIONAL_OPERATOR


# Review ------------------------------------------------------------------------------------


def test_completeness_needs_a_confirmed_email(call, national):
    application = services.application_save(actor=SYSTEM, call=call, data=data("2409023"))
    services.application_submit(actor=SYSTEM, application=application)
    with pytest.raises(
        DomainError, match="The coordinator has not confirmed the e-mail address yet"
    ):
        services.application_mark_complete(actor=national, application=application)


def test_corrections_email_the_link_and_reopen_the_application(
    call, national, django_capture_on_commit_callbacks
):
    application = complete(national, call, "2409023")
    with django_capture_on_commit_callbacks(execute=True):
        services.application_request_corrections(
            actor=national, application=application, note="Brak podpisu wójta."
        )
    assert application.status == ApplicationStatus.CORRECTIONS
    assert "Brak podpisu wójta." in mail.outbox[-1].body
    assert str(application.token) in mail.outbox[-1].body
    services.call_set_status(actor=national, call=call, status="closed")
    # Corrections are accepted even when the call is closed.
    services.application_save(
        actor=SYSTEM, call=call, data=data("2409023", letter=False), application=application
    )
    services.application_submit(actor=SYSTEM, application=application)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def test_regional_operator_cannot_review_the_pilot(call, regional, national):
    application = complete(national, call, "2409023")
    with pytest.raises(DomainError, match="Only the operators of this project can do this"):
        services.application_request_corrections(actor=regional, application=application, note="x")


def test_score_has_named_parts_and_a_manual_criterion(call, national):
    application = complete(national, call, "2402022")  # gmina wiejska, full team
    assert {p["code"]: p["points"] for p in application.score_parts} == {
        "rural": 30.0,
        "newcomer": 30.0,
        "complete_team": 20.0,
        "manual": 0.0,
    }
    services.application_set_manual_points(actor=national, application=application, points=5)
    assert application.score == 90.0
    kozieglowy = complete(national, call, "2409023")  # miejsko-wiejska: half the rural points
    assert kozieglowy.score == 15 + 30 + 20


# Selection ---------------------------------------------------------------------------------


def _quota(code, *, field="", values=(), unit="jst", min=None, max=None):
    return {"code": code, "label": code, "field": field, "values": list(values), "unit": unit}


def _pilot_like(national, call, people_max=9):
    """Seven complete applications and quotas for 3 JST / at most `people_max` people."""
    apps = {code: complete(national, call, code) for code in RURAL[:4] + URBAN[:2] + COUNTY[:1]}
    rows = [
        _quota("total:jst", unit="jst") | {"min": 3, "max": 3},
        _quota("total:people", unit="people") | {"max": people_max},
        _quota("kind:urban", field="kind", values=["urban"]) | {"min": 1},
        _quota("kind:county", field="kind", values=["county"]) | {"min": 1},
    ]
    services.quotas_set(actor=national, call=call, rows=rows)
    return apps


def test_selection_stores_statuses_reasons_and_waiting_positions(call, national):
    apps = _pilot_like(national, call)
    run = services.selection_run(actor=national, call=call)
    assert run.status == "optimal"
    statuses = {a.jst.code: a.status for a in Application.objects.filter(call=call)}
    assert sorted(statuses.values()).count("selected") == 3
    assert statuses[URBAN[0]] == "selected" or statuses[URBAN[1]] == "selected"
    assert statuses[COUNTY[0]] == "selected"
    waiting = Application.objects.filter(call=call, status="waiting").order_by("waiting_position")
    assert [a.waiting_position for a in waiting] == list(range(1, len(waiting) + 1))
    for application in Application.objects.filter(call=call):
        assert application.reasons, application
        first = application.reasons[0]
        assert {"code", "params", "text"} <= first.keys()
    county = Application.objects.get(pk=apps[COUNTY[0]].pk)
    assert county.reasons[0]["code"] in ("selected", "selected_for_min")
    assert any(r["code"] == "selected_for_min" for r in county.reasons)
    assert AuditEntry.objects.filter(action="recruitment.selection.run").exists()


def test_infeasible_quotas_name_the_binding_quota_and_change_nothing(call, national):
    _pilot_like(national, call)
    rows = [
        _quota("total:jst") | {"min": 3, "max": 3},
        _quota("kind:county", field="kind", values=["county"]) | {"min": 2},
    ]
    services.quotas_set(actor=national, call=call, rows=rows)
    run = services.selection_run(actor=national, call=call)
    assert run.status == "infeasible"
    assert "kind:county" in run.result["binding_quotas"]
    assert run.result["problems"][0]["code"] == "min_unreachable"
    change = run.result["relaxation"]["changes"][0]
    assert change["code"] == "kind:county" and change["proposed"] == 1
    assert not Application.objects.filter(call=call).exclude(status="complete").exists()


def test_override_forces_in_is_audited_and_rechecked(call, national):
    apps = _pilot_like(national, call)
    services.selection_run(actor=national, call=call)
    waiting = Application.objects.filter(call=call, status="waiting").order_by("waiting_position")
    last = waiting.last()
    with pytest.raises(DomainError, match="Give the reason for the manual decision") as refused:
        services.application_set_override(
            actor=national, application=last, override="in", reason=""
        )
    assert refused.value.field == "reason"
    run = services.application_set_override(
        actor=national, application=last, override="in", reason="Decyzja komisji."
    )
    last.refresh_from_db()
    assert run.feasible and last.status == "selected"
    assert last.reasons[0]["code"] == "selected_forced"
    assert last.override_by == national
    entry = AuditEntry.objects.get(action="recruitment.application.override")
    assert entry.data == {"override": "in", "reason": "Decyzja komisji."}
    # Forcing out the only county JST breaks the county minimum: the re-check says so.
    county = apps[COUNTY[0]]
    run = services.application_set_override(
        actor=national, application=county, override="out", reason="Rezygnacja."
    )
    assert run.status == "infeasible" and "kind:county" in run.result["binding_quotas"]


def test_publish_enrols_the_selected_teams_and_emails_everyone(
    call, national, django_capture_on_commit_callbacks
):
    _pilot_like(national, call)
    services.selection_run(actor=national, call=call)
    clear_mail()
    with django_capture_on_commit_callbacks(execute=True):
        services.selection_publish(actor=national, call=call)
    assert len(mail.outbox) == 7
    teams = selectors.enrolled_teams(call.project)
    assert len(teams) == 3
    assert sum(t["people"] for t in teams) == 9
    assert all(t["managers"] == 1 for t in teams)
    assert Enrolment.objects.filter(project=call.project).count() == 9
    with pytest.raises(DomainError, match="the selection cannot run again"):
        services.selection_run(actor=national, call=call)


def test_withdrawal_after_publishing_refills_keeping_every_quota(
    call, national, django_capture_on_commit_callbacks
):
    _pilot_like(national, call)
    services.selection_run(actor=national, call=call)
    services.selection_publish(actor=national, call=call)
    urban = Application.objects.get(call=call, status="selected", jst__code__in=URBAN)
    coordinator = make_user("wycofanie@example.org", Role.JST_COORDINATOR, jst=urban.jst.code)
    clear_mail()
    with django_capture_on_commit_callbacks(execute=True):
        added = services.application_withdraw(actor=coordinator, application=urban)
    # The county and urban minimums hold: only the other urban JST can take the place.
    assert added is not None and added.jst.code in URBAN and added.jst != urban.jst
    added.refresh_from_db()
    assert added.status == "selected" and added.reasons[0]["code"] == "refilled"
    urban.refresh_from_db()
    assert urban.status == "withdrawn"
    teams = {t["jst"].code for t in selectors.enrolled_teams(call.project)}
    assert urban.jst.code not in teams and added.jst.code in teams and len(teams) == 3
    run = SelectionRun.objects.filter(call=call).first()
    assert run.kind == "refill" and run.status == "refilled"
    assert all(row["satisfied"] for row in run.result["quota_usage"])
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [urban.coordinator_email, added.coordinator_email]
    )


def test_only_the_jsts_coordinator_withdraws(call, national, coordinator_other):
    application = complete(national, call, "2409023")
    refusal = re.escape("Only the JST's coordinator can withdraw its application.")
    with pytest.raises(DomainError, match=refusal):
        services.application_withdraw(actor=coordinator_other, application=application)
    with pytest.raises(DomainError, match=refusal):
        services.application_withdraw(actor=national, application=application)


def test_monitoring_data_after_selection(call, national):
    _pilot_like(national, call)
    services.selection_run(actor=national, call=call)
    selected = Application.objects.filter(call=call, status="selected").first()
    user = make_user("m@example.org", Role.JST_COORDINATOR, jst=selected.jst.code)
    rows = {
        m.pk: {"gender": "female", "age_group": "30-54", "education": "isced5"}
        for m in selected.team.all()
    }
    services.monitoring_save(actor=user, application=selected, rows=rows)
    assert selected.monitoring_completed_at
    assert set(selected.team.values_list("gender", flat=True)) == {"female"}
    with pytest.raises(DomainError, match="Complete the data of every team member"):
        services.monitoring_save(actor=user, application=selected, rows={})


# Scoping -----------------------------------------------------------------------------------


def test_regional_operator_sees_only_its_projects_applications(
    call, slaskie_call, national, regional, regional_other
):
    pilot_app = complete(national, call, "2409023")
    slaskie_app = complete(regional, slaskie_call, "2402022")
    assert set(selectors.application_list_for(national)) == {pilot_app, slaskie_app}
    assert list(selectors.application_list_for(regional)) == [slaskie_app]
    assert list(selectors.application_list_for(regional_other)) == []
    assert list(selectors.project_list_for(regional)) == [slaskie_call.project]
    from django.http import Http404

    with pytest.raises(Http404):
        selectors.application_get_for(regional_other, slaskie_app.pk)
    with pytest.raises(Http404):
        selectors.call_get_for(regional, call.pk)


def test_coordinator_sees_own_jst_applications_only(call, national, coordinator):
    own = complete(national, call, "2409023")
    complete(national, call, "2402022")
    assert list(selectors.own_applications(coordinator)) == [own]
