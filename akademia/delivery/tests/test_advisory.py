"""Advisory support (doradztwo): an operator assigns an advisor to a JST, the advisor plans and
reports visits, the JST's verified coordinator confirms or disputes them; hours used against
hours due per JST, advisor and project, on screen, in XLSX and in the calendars' events."""

import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest
from django.utils import timezone

from akademia.accounts.roles import Role
from akademia.accounts.tests.factories import make_user
from akademia.core.errors import DomainError
from akademia.core.models import AuditEntry
from akademia.core.tests.factories import clear_mail, send_queued
from akademia.delivery import exports, selectors, services
from akademia.delivery.forms import AdvisorySessionForm
from akademia.delivery.models import AdvisoryChange, AdvisoryStatus
from akademia.delivery.tests.factories import (
    BESTWINA,
    KOZIEGLOWY,
    TEAMS,
    advised,
    details,
    held,
)
from akademia.territory.models import Jst

TODAY = timezone.localdate()


@pytest.fixture
def assignment(national, regional, expert, trainer):
    """The trainer persona advises Koziegłowy (the coordinator persona's JST), 16 h due."""
    return advised(national, regional, expert, trainer)


@pytest.fixture
def second_trainer(db):
    return make_user("doradca@test.example.org", Role.TRAINER, voivodeships=["24"])


def _refused(field, call, **kwargs):
    with pytest.raises(DomainError) as error:
        call(**kwargs)
    assert error.value.field == field, error.value.message
    return str(error.value.message)


# Assigning ----------------------------------------------------------------------------------


def test_an_operator_assigns_a_trainer_of_the_voivodeship_who_gets_an_e_mail(
    national, regional, expert, trainer
):
    assignment = advised(national, regional, expert, trainer)
    assert (assignment.jst.code, assignment.advisor, assignment.assigned_by) == (
        KOZIEGLOWY,
        trainer,
        regional,
    )
    entry = AuditEntry.objects.get(action="delivery.advisory.assigned")
    assert (entry.voivodeship_code, entry.data["advisor"]) == ("24", trainer.pk)
    [email] = [m for m in send_queued() if m.to == [trainer.email]]
    assert "Koziegłowy" in email.subject
    assert f"/szkolenia/doradztwo/jst/{assignment.pk}/" in email.body


def test_an_advisor_must_be_a_trainer_of_the_jst_voivodeship_and_the_jst_enrolled(
    assignment, regional, coordinator, second_trainer
):
    project, jst = assignment.project, assignment.jst
    assign = services.advisory_assign
    lodz_trainer = make_user("lodz@test.example.org", Role.TRAINER, voivodeships=["10"])
    for advisor in (coordinator, lodz_trainer):
        message = _refused(
            "advisor", assign, actor=regional, project=project, jst=jst, advisor=advisor
        )
        assert "śląskie" in message.lower() or "Śląskie" in message
    kutno = Jst.objects.get(code="1002011")
    _refused("jst", assign, actor=regional, project=project, jst=kutno, advisor=second_trainer)
    _refused(
        "advisor", assign, actor=regional, project=project, jst=jst, advisor=assignment.advisor
    )


def test_an_operator_of_another_voivodeship_cannot_assign(assignment, regional_other, trainer):
    with pytest.raises(DomainError):
        services.advisory_assign(
            actor=regional_other, project=assignment.project, jst=assignment.jst, advisor=trainer
        )


def test_a_new_advisor_takes_over_the_jst_and_the_old_keeps_their_entries(
    assignment, regional, trainer, second_trainer
):
    first = held(trainer, assignment)
    again = services.advisory_assign(
        actor=regional, project=assignment.project, jst=assignment.jst, advisor=second_trainer
    )
    assert again.pk == assignment.pk and again.advisor == second_trainer
    first.refresh_from_db()
    assert first.advisor == trainer
    audit = AuditEntry.objects.filter(action="delivery.advisory.assigned").latest("pk")
    assert audit.data["previous"] == trainer.pk
    # The old advisor no longer adds entries to the JST; the new one does.
    with pytest.raises(DomainError):
        held(trainer, again)
    assert held(second_trainer, again).advisor == second_trainer
    report = selectors.advisory_report_for(regional)
    advisors = {line.subject.name: line.hours for line in report.advisors}
    assert advisors[trainer.full_name].awaiting == Decimal("1.5")
    assert advisors[trainer.full_name].due == 0
    assert advisors[second_trainer.full_name].due == 16


def test_a_programme_without_advisory_hours_gets_no_advisor(national, regional, expert, trainer):
    with pytest.raises(DomainError, match="nie przewiduje|no advisory hours"):
        advised(national, regional, expert, trainer, hours=0)


# The advisor's entries ----------------------------------------------------------------------


def test_a_reported_visit_waits_for_the_coordinators_confirmation_who_is_e_mailed(
    assignment, trainer, coordinator
):
    clear_mail()
    session = held(trainer, assignment, hours="1.5", next_steps="Wzór uchwały do 15.")
    assert (session.status, session.version, session.hours) == (
        AdvisoryStatus.REPORTED,
        1,
        Decimal("1.5"),
    )
    [change] = AdvisoryChange.objects.filter(session=session)
    assert (change.action, change.done) == ("reported", "Przegląd projektu budżetu z zespołem")
    assert AuditEntry.objects.filter(action="delivery.advisory.reported").count() == 1
    sent = {m.to[0]: m for m in send_queued()}
    assert coordinator.email in sent
    assert "1,5" in sent[coordinator.email].body or "1.5" in sent[coordinator.email].body
    assert f"/szkolenia/doradztwo/wpisy/{session.pk}/" in sent[coordinator.email].body


@pytest.mark.parametrize("hours", ["0", "-1", "12.25"])
def test_hours_must_be_above_zero_and_at_most_twelve(assignment, trainer, hours):
    _refused(
        "hours",
        services.advisory_log,
        actor=trainer,
        assignment=assignment,
        details=details(hours=hours, done="x"),
    )


def test_an_advisors_day_has_at_most_twelve_hours_across_jsts(
    national, regional, expert, trainer, assignment
):
    held(trainer, assignment, hours="8")
    bestwina = services.advisory_assign(
        actor=regional,
        project=assignment.project,
        jst=Jst.objects.get(code=BESTWINA),
        advisor=trainer,
    )
    message = _refused(
        "hours",
        services.advisory_log,
        actor=trainer,
        assignment=bestwina,
        details=details(hours="4.5", done="x"),
    )
    assert "8" in message and "12" in message
    assert held(trainer, bestwina, hours="4").hours == 4  # 12 exactly is a full day


def test_a_date_outside_the_project_is_refused(assignment, trainer):
    project = assignment.project
    for day in (project.starts_on - dt.timedelta(days=1), project.ends_on + dt.timedelta(days=1)):
        message = _refused(
            "date",
            services.advisory_plan if day > TODAY else services.advisory_log,
            actor=trainer,
            assignment=assignment,
            details=details(date=day, done="x"),
        )
        assert "poza projektem" in message or "outside the project" in message


def test_a_held_visit_is_not_in_the_future_and_a_planned_one_not_in_the_past(assignment, trainer):
    tomorrow, yesterday = TODAY + dt.timedelta(days=1), TODAY - dt.timedelta(days=1)
    _refused(
        "date",
        services.advisory_log,
        actor=trainer,
        assignment=assignment,
        details=details(date=tomorrow, done="x"),
    )
    _refused(
        "date",
        services.advisory_plan,
        actor=trainer,
        assignment=assignment,
        details=details(date=yesterday),
    )
    _refused(
        "done",
        services.advisory_log,
        actor=trainer,
        assignment=assignment,
        details=details(done="  "),
    )


def test_the_programme_decides_the_form(national, regional, expert, trainer):
    assignment = advised(national, regional, expert, trainer, mode="office")
    _refused(
        "mode",
        services.advisory_log,
        actor=trainer,
        assignment=assignment,
        details=details(mode="remote", done="x"),
    )
    assert selectors.advisory_mode_choices(assignment.project) == [("office", "at the JST office")]


def test_only_the_jst_advisor_adds_entries(assignment, second_trainer, coordinator, regional):
    for actor in (second_trainer, coordinator, regional):
        with pytest.raises(DomainError):
            held(actor, assignment)


def test_a_planned_visit_is_reported_once_held_or_cancelled(assignment, trainer):
    planned = services.advisory_plan(
        actor=trainer, assignment=assignment, details=details(topic="Plan wizyty")
    )
    assert planned.status == AdvisoryStatus.PLANNED and planned.done == ""
    session = services.advisory_log(
        actor=trainer,
        assignment=assignment,
        session=planned,
        details=details(topic="Plan wizyty", hours="2", done="Omówiono harmonogram"),
    )
    assert (session.pk, session.status, session.version) == (
        planned.pk,
        AdvisoryStatus.REPORTED,
        2,
    )
    later = services.advisory_plan(
        actor=trainer,
        assignment=assignment,
        details=details(date=TODAY + dt.timedelta(days=7)),
    )
    _refused("reason", services.advisory_cancel, actor=trainer, session=later, reason=" ")
    cancelled = services.advisory_cancel(actor=trainer, session=later, reason="Choroba")
    assert cancelled.status == AdvisoryStatus.CANCELLED
    assert list(cancelled.changes.values_list("action", "comment")) == [
        ("planned", ""),
        ("cancelled", "Choroba"),
    ]
    # A cancelled visit frees its day and leaves the calendar.
    assert selectors.advisor_hours_on(trainer, later.date) == 0
    events = selectors.advisory_events_for(trainer, TODAY, TODAY + dt.timedelta(days=30))
    assert [event.uid for event in events] == [f"advisory-{session.pk}@127.0.0.1"]


# The coordinator's answer -------------------------------------------------------------------


def test_the_coordinator_confirms_and_a_confirmed_entry_is_final(assignment, trainer, coordinator):
    session = held(trainer, assignment)
    session = services.advisory_confirm(actor=coordinator, session=session)
    assert (session.status, session.version) == (AdvisoryStatus.CONFIRMED, 2)
    assert session.changes.last().changed_by == coordinator
    with pytest.raises(DomainError, match="potwierdzony|already confirmed"):
        services.advisory_confirm(actor=coordinator, session=session)
    with pytest.raises(DomainError):
        services.advisory_correct(
            actor=trainer, session=session, details=details(hours="1", done="x")
        )
    assert selectors.advisory_assignment_hours(assignment).confirmed == Decimal("1.5")


def test_only_the_verified_coordinator_of_the_jst_confirms(
    assignment, trainer, regional, coordinator_other, participant
):
    session = held(trainer, assignment)
    unverified = make_user(
        "nowy@2409023.example.org", Role.JST_COORDINATOR, jst=KOZIEGLOWY, jst_verified_at=None
    )
    for actor in (trainer, regional, coordinator_other, participant, unverified):
        with pytest.raises(DomainError):
            services.advisory_confirm(actor=actor, session=session)
    session.refresh_from_db()
    assert session.status == AdvisoryStatus.REPORTED


def test_a_disputed_entry_is_corrected_by_the_advisor_and_confirmed_with_its_history(
    assignment, trainer, coordinator, second_trainer
):
    session = held(trainer, assignment, hours="3")
    _refused("comment", services.advisory_dispute, actor=coordinator, session=session, comment="")
    clear_mail()
    session = services.advisory_dispute(
        actor=coordinator, session=session, comment="Spotkanie trwało 2 godziny."
    )
    assert session.status == AdvisoryStatus.DISPUTED
    [email] = send_queued()
    assert email.to == [trainer.email] and "Spotkanie trwało 2 godziny." in email.body
    with pytest.raises(DomainError):  # a disputed entry waits for the advisor
        services.advisory_confirm(actor=coordinator, session=session)
    with pytest.raises(DomainError):  # and only its advisor corrects it
        services.advisory_correct(
            actor=second_trainer, session=session, details=details(hours="2", done="x")
        )
    session = services.advisory_correct(
        actor=trainer,
        session=session,
        details=details(hours="2", done="Przegląd projektu budżetu z zespołem"),
        comment="Poprawiłem godziny.",
    )
    assert (session.status, session.hours) == (AdvisoryStatus.REPORTED, Decimal("2"))
    session = services.advisory_confirm(actor=coordinator, session=session)
    history = list(session.changes.values_list("version", "action", "hours", "comment"))
    assert history == [
        (1, "reported", Decimal("3"), ""),
        (2, "disputed", Decimal("3"), "Spotkanie trwało 2 godziny."),
        (3, "corrected", Decimal("2"), "Poprawiłem godziny."),
        (4, "confirmed", Decimal("2"), ""),
    ]
    actions = AuditEntry.objects.filter(action__startswith="delivery.advisory.").values_list(
        "action", flat=True
    )
    assert list(actions.order_by("pk")) == [
        "delivery.advisory.assigned",
        "delivery.advisory.reported",
        "delivery.advisory.disputed",
        "delivery.advisory.corrected",
        "delivery.advisory.confirmed",
    ]
    with pytest.raises(ValueError):
        session.changes.first().delete()


def test_a_correction_that_changes_nothing_is_refused(assignment, trainer):
    session = held(trainer, assignment)
    with pytest.raises(DomainError, match="Nic nie zmieniono|Nothing was changed"):
        services.advisory_correct(
            actor=trainer,
            session=session,
            details=details(done="Przegląd projektu budżetu z zespołem"),
        )


# Hours used against hours due ---------------------------------------------------------------


@pytest.fixture
def three_jsts(national, regional, expert, trainer, second_trainer):
    """Koziegłowy advised by the trainer persona, Bestwina by a second trainer, a third JST
    without an advisor yet; 10 h due to each."""
    kozieglowy = advised(national, regional, expert, trainer, codes=TEAMS + ["2414011"], hours=10)
    bestwina = services.advisory_assign(
        actor=regional,
        project=kozieglowy.project,
        jst=Jst.objects.get(code=BESTWINA),
        advisor=second_trainer,
    )
    return kozieglowy, bestwina


def test_hours_per_jst_advisor_and_project(
    three_jsts, regional, trainer, second_trainer, coordinator
):
    kozieglowy, bestwina = three_jsts
    services.advisory_confirm(actor=coordinator, session=held(trainer, kozieglowy, hours="1.5"))
    held(trainer, kozieglowy, hours="2", date=TODAY - dt.timedelta(days=1))
    services.advisory_plan(
        actor=trainer,
        assignment=kozieglowy,
        details=details(date=TODAY + dt.timedelta(days=3), hours="1"),
    )
    bestwina_coordinator = make_user("k@2402022.example.org", Role.JST_COORDINATOR, jst=BESTWINA)
    services.advisory_confirm(
        actor=bestwina_coordinator, session=held(second_trainer, bestwina, hours="11")
    )
    report = selectors.advisory_report_for(regional)
    jsts = {line.jst.code: line for line in report.jsts}
    assert set(jsts) == {KOZIEGLOWY, BESTWINA, "2414011"}
    k = jsts[KOZIEGLOWY].hours
    assert (k.due, k.confirmed, k.awaiting, k.planned, k.remaining, k.over) == (
        10,
        1.5,
        2,
        1,
        8.5,
        0,
    )
    b = jsts[BESTWINA].hours
    assert (b.confirmed, b.remaining, b.over) == (11, 0, 1)
    assert jsts["2414011"].assignment is None and jsts["2414011"].hours.due == 10
    advisors = {
        line.subject.name: (line.jsts, line.hours.due, line.hours.confirmed)
        for line in report.advisors
    }
    assert advisors == {trainer.full_name: (1, 10, 1.5), second_trainer.full_name: (1, 10, 11)}
    [project] = report.projects
    assert (project.jsts, project.hours.due, project.hours.confirmed) == (3, 30, Decimal("12.5"))
    assert report.total.awaiting == 2

    # Each reader sees their part: the advisor and the coordinator only Koziegłowy.
    for reader in (trainer, coordinator):
        mine = selectors.advisory_report_for(reader)
        assert [line.jst.code for line in mine.jsts] == [KOZIEGLOWY]
        assert mine.total.confirmed == Decimal("1.5")


def test_the_xlsx_opens_with_the_hours_and_every_entry(three_jsts, regional, trainer, coordinator):
    kozieglowy, _bestwina = three_jsts
    services.advisory_confirm(
        actor=coordinator, session=held(trainer, kozieglowy, hours="1.5", topic="=HYPERLINK(1)")
    )
    report = selectors.advisory_report_for(regional)
    data = exports.advisory_xlsx(report, selectors.advisory_sessions_for(regional))
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    assert workbook.sheetnames == ["JST", "Doradcy", "Projekty", "Wpisy"]
    rows = list(workbook["JST"].iter_rows(values_only=True))
    assert rows[0][:6] == (
        "Projekt",
        "JST",
        "Kod TERYT",
        "Doradca",
        "Godziny należne",
        "Potwierdzone",
    )
    kozieglowy_row = next(row for row in rows if row[2] == KOZIEGLOWY)
    assert kozieglowy_row[3] == trainer.full_name
    assert kozieglowy_row[4:6] == (10, 1.5)
    [entry] = list(workbook["Wpisy"].iter_rows(min_row=2, values_only=True))
    assert entry[3:6] == (TODAY.isoformat(), 1.5, "w urzędzie JST")
    assert entry[6] == "=HYPERLINK(1)" and entry[9] == "potwierdzony"  # text, not a formula
    [project] = list(workbook["Projekty"].iter_rows(min_row=2, values_only=True))
    assert project[1:4] == (3, 30, 1.5)


# Scopes and the calendar's events -----------------------------------------------------------


def test_each_role_sees_only_its_part(
    assignment, trainer, second_trainer, coordinator, coordinator_other, regional_other, participant
):
    session = held(trainer, assignment)
    for insider in (trainer, coordinator):
        assert list(selectors.advisory_sessions_for(insider)) == [session]
        assert list(selectors.advisory_assignments_for(insider)) == [assignment]
    for outsider in (second_trainer, coordinator_other, regional_other, participant):
        assert not selectors.advisory_sessions_for(outsider).exists()
        assert not selectors.advisory_assignments_for(outsider).exists()
        assert not selectors.advisory_report_for(outsider).jsts
        assert selectors.advisory_events_for(outsider, TODAY, TODAY) == []


def test_events_for_the_advisors_and_the_coordinators_calendars(assignment, trainer, coordinator):
    session = held(trainer, assignment, hours="1.5", topic="Budżet zadaniowy")
    planned = services.advisory_plan(
        actor=trainer,
        assignment=assignment,
        details=details(date=TODAY + dt.timedelta(days=10), hours="2", mode="remote", topic="KPI"),
    )
    for user in (trainer, coordinator):
        events = selectors.advisory_events_for(user, TODAY, TODAY + dt.timedelta(days=10))
        assert [(e.date, e.hours, e.status) for e in events] == [
            (TODAY, Decimal("1.5"), "reported"),
            (planned.date, Decimal("2"), "planned"),
        ]
    first, second = events
    assert first.title == "Advisory: Koziegłowy, Budżet zadaniowy"
    assert (first.place, second.place) == ("JST office: Koziegłowy", "remote")
    assert first.url == f"/szkolenia/doradztwo/wpisy/{session.pk}/"
    assert (
        selectors.advisory_events_for(
            trainer, TODAY + dt.timedelta(days=1), TODAY + dt.timedelta(days=9)
        )
        == []
    )
    # The uid stays when the entry changes; the sequence grows.
    services.advisory_correct(
        actor=trainer, session=planned, details=details(date=planned.date, hours="3", topic="KPI")
    )
    [moved] = selectors.advisory_events_for(coordinator, planned.date, planned.date)
    assert (moved.uid, moved.sequence, moved.hours) == (second.uid, 2, Decimal("3"))


# Polish hours -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed,hours", [("1,5", "1.5"), ("1.5", "1.5"), (" 2 ", "2"), ("0,25", "0.25")]
)
def test_the_form_takes_hours_with_a_decimal_comma(typed, hours):
    form = AdvisorySessionForm(
        {
            "held": "held",
            "date": TODAY.isoformat(),
            "hours": typed,
            "mode": "office",
            "topic": "Budżet",
            "done": "Przegląd",
        },
        modes=[("office", "w urzędzie")],
    )
    assert form.is_valid(), form.errors
    assert form.details().hours == Decimal(hours)


def test_the_form_refuses_hours_that_are_not_a_number():
    form = AdvisorySessionForm(
        {
            "held": "held",
            "date": TODAY.isoformat(),
            "hours": "półtorej",
            "mode": "office",
            "topic": "x",
        },
        modes=[("office", "w urzędzie")],
    )
    assert not form.is_valid() and "hours" in form.errors
