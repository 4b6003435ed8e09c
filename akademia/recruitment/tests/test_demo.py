from akademia.demo.programmes import ensure_demo_programmes
from akademia.demo.recruitment import (
    PILOT_CALL,
    REGIONAL_CALL,
    REGIONAL_FIRST_CALL,
    ensure_demo_recruitment,
)
from akademia.demo.users import ensure_demo_users
from akademia.recruitment import selectors
from akademia.recruitment.models import Application, Call, Enrolment, Project, SelectionRun


def test_demo_pilot_selects_30_jst_and_90_people_meeting_every_quota(db):
    ensure_demo_users()
    ensure_demo_programmes()
    ensure_demo_recruitment()
    call = Call.objects.get(title=PILOT_CALL)
    assert call.is_published
    applications = call.applications.all()
    assert applications.count() == 60
    assert {a.jst.exchange_group for a in applications} == {"rural", "urban", "county"}
    assert len({a.jst.voivodeship_id for a in applications}) == 6
    assert len({a.score for a in applications}) >= 10
    run = SelectionRun.objects.get(call=call)
    assert run.status == "optimal"
    assert all(row["satisfied"] for row in run.result["quota_usage"])
    teams = selectors.enrolled_teams(call.project)
    assert len(teams) == 30
    assert sum(t["people"] for t in teams) == 90
    kinds = [t["jst"].exchange_group for t in teams]
    assert min(kinds.count(k) for k in ("rural", "urban", "county")) >= 8
    assert all(2 <= t["people"] <= 4 and t["managers"] >= 1 for t in teams)
    assert (
        applications.filter(status="waiting").count()
        == 30 - applications.filter(status="not_selected").count()
    )
    # The regional call is in progress, with Koziegłowy applying through the demo coordinator.
    regional = Call.objects.get(title=REGIONAL_CALL)
    assert regional.accepts_applications and regional.project.voivodeship.code == "24"
    kozieglowy = Application.objects.get(call=regional, jst__code="2409023")
    assert kozieglowy.coordinator.email == "koordynator@demo.example.org"
    assert set(regional.applications.values_list("status", flat=True)) == {
        "draft",
        "corrections",
        "complete",
        "submitted",
    }
    # Its first call is decided: 30 Śląskie JST enrolled for the regional operator to plan.
    first = Call.objects.get(title=REGIONAL_FIRST_CALL)
    assert first.is_published and first.project == regional.project
    teams = selectors.enrolled_teams(regional.project)
    assert len(teams) == 30
    assert {t["jst"].voivodeship.code for t in teams} == {"24"}
    assert {t["jst"].exchange_group for t in teams} == {"rural", "urban", "county"}
    # A second run duplicates nothing.
    counts = (Project.objects.count(), Application.objects.count(), Enrolment.objects.count())
    ensure_demo_recruitment()
    assert counts == (
        Project.objects.count(),
        Application.objects.count(),
        Enrolment.objects.count(),
    )
