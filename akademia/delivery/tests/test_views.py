"""Delivery pages: who sees what (a participant themselves, a coordinator their JST, a trainer
their groups, an operator their region: 404 otherwise), the plain form and the tablet's JSON,
the printed list (read back with pdftotext) and the spreadsheet."""

import io
import json
import shutil
import subprocess
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from akademia.accounts.models import User
from akademia.accounts.permissions import visible
from akademia.accounts.roles import Role
from akademia.accounts.tests.factories import make_user
from akademia.core.audit import SYSTEM
from akademia.delivery import services
from akademia.delivery.models import AttendanceChange, AttendanceMark, Participant, TrainingDay
from akademia.delivery.services import MarkInput
from akademia.delivery.tests.factories import (
    BESTWINA,
    KOZIEGLOWY,
    project_with_teams,
    publish,
    trainer_of,
)
from akademia.planning.models import TrainingGroup

TODAY = timezone.localdate()


@pytest.fixture
def groups(national, regional, expert, trainer):
    """Two groups of one project meeting today: G1 (Koziegłowy, Bestwina) taught by the trainer
    persona, G2 (two other JST) by another trainer."""
    project = project_with_teams(
        national, regional, expert, codes=[KOZIEGLOWY, BESTWINA, "2414011", "2404013"]
    )
    other = make_user("inny.trener@test.example.org", Role.TRAINER, voivodeships=["24"])
    plan = publish(
        project,
        regional,
        [
            {
                "teams": [KOZIEGLOWY, BESTWINA],
                "meetings": [(TODAY, 1)],
                "trainer": trainer_of(project, regional, trainer),
            },
            {
                "teams": ["2414011", "2404013"],
                "meetings": [(TODAY, 1)],
                "trainer": trainer_of(project, regional, other, "Bartosz"),
            },
        ],
    )
    services.participants_sync(actor=SYSTEM, project=project)
    return list(TrainingGroup.objects.filter(plan=plan).order_by("code"))


def _day(group):
    return TrainingDay.objects.get(meeting__group=group)


def test_a_trainer_sees_only_the_groups_they_teach(client, groups, trainer):
    mine, other = groups
    client.force_login(trainer)
    assert client.get(reverse("delivery:group-detail", args=[mine.pk])).status_code == 200
    assert client.get(reverse("delivery:group-detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("delivery:day-detail", args=[_day(other).pk])).status_code == 404
    page = client.get(reverse("delivery:group-list")).content.decode()
    assert mine.code in page and reverse("delivery:group-detail", args=[other.pk]) not in page
    assert set(visible(Participant.objects.all(), trainer)) == set(mine.participants.all())


def test_a_coordinator_sees_only_the_people_of_their_jst(client, groups, coordinator):
    mine, other = groups
    client.force_login(coordinator)
    response = client.get(reverse("delivery:group-detail", args=[mine.pk]))
    assert {p.jst.code for p in response.context["participants"]} == {KOZIEGLOWY}
    sheet = client.get(reverse("delivery:day-detail", args=[_day(mine).pk])).context["rows"]
    assert {row.participant.jst.code for row, _id in sheet} == {KOZIEGLOWY}
    assert client.get(reverse("delivery:group-detail", args=[other.pk])).status_code == 404


def test_a_participant_sees_only_themselves(client, groups):
    mine, _other = groups
    person = User.objects.get(email="osoba0@2409023.example.org")
    assert person.role == Role.PARTICIPANT
    assert list(visible(Participant.objects.all(), person)) == list(person.participations.all())
    client.force_login(person)
    page = client.get(reverse("delivery:my-training")).content.decode()
    assert f"group {mine.code}" in page
    assert client.get(reverse("delivery:group-detail", args=[mine.pk])).status_code == 403


def test_the_operator_of_another_region_gets_404(client, groups, regional_other):
    client.force_login(regional_other)
    assert client.get(reverse("delivery:group-detail", args=[groups[0].pk])).status_code == 404
    assert client.get(reverse("delivery:report")).context["report"].participants == []


def test_the_plain_form_marks_the_day_and_the_same_page_sent_twice_counts_once(
    client, groups, trainer
):
    day = _day(groups[0])
    client.force_login(trainer)
    page = client.get(reverse("delivery:day-detail", args=[day.pk]) + "?obecni=1")
    rows = page.context["rows"]
    assert page.content.decode().count('value="present" checked') == len(rows)
    data = {f"status-{row.participant.pk}": "present" for row, _id in rows}
    data |= {f"client-{row.participant.pk}": str(client_id) for row, client_id in rows}
    first = rows[0][0].participant.pk
    data |= {f"status-{first}": "excused", f"note-{first}": "Delegacja"}
    for _ in range(2):
        response = client.post(reverse("delivery:day-detail", args=[day.pk]), data)
        assert response.status_code == 302
    assert AttendanceMark.objects.filter(day=day).count() == len(rows)
    assert AttendanceChange.objects.filter(mark__day=day).count() == len(rows)
    assert AttendanceMark.objects.get(day=day, participant_id=first).note == "Delegacja"


def test_the_tablet_queue_is_answered_per_mark_and_a_resent_mark_counts_once(
    client, groups, trainer
):
    day = _day(groups[0])
    people = list(groups[0].participants.all())
    body = {
        "marks": [
            {"id": str(uuid.uuid4()), "participant": p.pk, "status": "present"} for p in people
        ]
    }
    body["marks"][0]["status"] = "excused"  # without its reason
    client.force_login(trainer)
    url = reverse("delivery:day-sync", args=[day.pk])
    for _ in range(2):
        answer = client.post(url, json.dumps(body), content_type="application/json").json()
    outcomes = [r["outcome"] for r in answer["results"]]
    assert outcomes[0] == "refused" and set(outcomes[1:]) == {"again"}
    assert AttendanceMark.objects.filter(day=day).count() == len(people) - 1
    assert client.post(url, "[1]", content_type="application/json").status_code == 400


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils (pdftotext) not installed")
def test_the_printed_list_names_the_meeting_and_everyone_with_polish_letters(
    client, groups, trainer, tmp_path
):
    day = _day(groups[0])
    person = groups[0].participants.get(email="osoba0@2409023.example.org")
    services.attendance_record(
        actor=trainer, day=day, marks=[MarkInput(person.pk, "excused", "Zwolnienie lekarskie")]
    )
    Participant.objects.filter(pk=person.pk).update(full_name="Zażółć Gęślą Jaźń")
    client.force_login(trainer)
    response = client.get(reverse("delivery:day-pdf", args=[day.pk]))
    assert response["Content-Type"] == "application/pdf"
    path = tmp_path / "lista.pdf"
    path.write_bytes(response.content)
    raw = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True).stdout
    text = " ".join(raw.decode().split())  # a cell's text wraps onto several lines
    for expected in (
        "LISTA OBECNOŚCI",
        groups[0].project.name,
        groups[0].code,
        groups[0].venue.name,
        "Anna Trenerska",
        "Zażółć Gęślą Jaźń",
        "Koziegłowy",
        "Bestwina",
        "Podpis uczestnika",
        "usprawiedliwiona:",  # the remark on the mark (wrapped in its narrow column)
        "lekarskie",
    ):
        assert expected in text, expected
    assert text.count("example") == 0  # e-mail addresses are not printed
    assert text.count("Osoba ") == 7  # and the eighth person is renamed above


def test_the_report_opens_as_a_spreadsheet_with_a_line_per_participant(client, groups, regional):
    day = _day(groups[0])
    people = list(groups[0].participants.all())
    services.attendance_record(
        actor=regional, day=day, marks=[MarkInput(p.pk, "present") for p in people[:4]]
    )
    client.force_login(regional)
    response = client.get(reverse("delivery:report-xlsx") + f"?grupa={groups[0].pk}")
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Uczestnicy", "Grupy", "JST", "Projekty"]
    rows = list(workbook["Uczestnicy"].iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(people)
    group_row = list(workbook["Grupy"].iter_rows(min_row=2, values_only=True))[0]
    # people, planned, held, attended, excused, absent, unmarked, rate
    assert group_row[3:] == (8, 8, 8, 4, 0, 0, 4, 50.0)


def test_the_day_page_is_polish(client, groups, trainer, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "pl"
    client.force_login(trainer)
    with translation.override("pl"):
        html = client.get(
            reverse("delivery:day-detail", args=[_day(groups[0]).pk])
        ).content.decode()
    for polish in (
        "Lista obecności",
        "Zaznacz wszystkich",
        "obecny",
        "spóźnienie",
        "Zapisz obecność",
    ):
        assert polish in html, polish
    for english in ("Attendance", "Save", "present", "Venue"):
        assert f">{english}" not in html, english


def test_a_report_too_large_for_a_page_shows_projects_and_groups_and_the_xlsx_everyone(
    client, groups, regional, monkeypatch
):
    """The whole country's report (here: more people than the page's limit, lowered) lists
    projects and groups with the same figures as the full report, asks to narrow it for the
    JST and people, and its spreadsheet still has everyone; a narrowed report lists them."""
    from akademia.delivery.views import attendance

    day = _day(groups[0])
    people = list(groups[0].participants.order_by("pk"))
    marks = [MarkInput(p.pk, "present") for p in people[:3]]
    marks.append(MarkInput(people[3].pk, "excused", "zwolnienie lekarskie"))
    services.attendance_record(actor=regional, day=day, marks=marks)
    client.force_login(regional)
    full = client.get(reverse("delivery:report")).context["report"]
    assert full.detailed and len(full.participants) == 16
    monkeypatch.setattr(attendance, "REPORT_PEOPLE_ON_PAGE", 10)
    response = client.get(reverse("delivery:report"))
    summary = response.context["report"]
    assert not summary.detailed and summary.participants == [] and summary.jsts == []
    assert summary.people == 16
    assert [(line.subject, line.people, line.figures) for line in summary.groups] == [
        (line.subject, line.people, line.figures) for line in full.groups
    ]
    assert summary.projects[0].figures == full.projects[0].figures
    assert summary.total == full.total and summary.total.excused == 1
    assert "choose a project, group or JST" in response.content.decode()
    narrowed = client.get(reverse("delivery:report") + f"?grupa={groups[0].pk}")
    assert len(narrowed.context["report"].participants) == len(people)
    workbook = load_workbook(io.BytesIO(client.get(reverse("delivery:report-xlsx")).content))
    assert len(list(workbook["Uczestnicy"].iter_rows(min_row=2))) == 16


def test_the_group_list_shows_a_page_of_groups_at_a_time(client, groups, regional, monkeypatch):
    """Every group is on one of the pages, once, and the pages link to each other."""
    from akademia.delivery.views import attendance

    monkeypatch.setattr(attendance, "GROUPS_ON_PAGE", 1)
    client.force_login(regional)
    url = reverse("delivery:group-list")
    first, second = client.get(url), client.get(url + "?page=2")
    links = [reverse("delivery:group-detail", args=[g.pk]) for g in groups]
    shown = [[link for link in links if link in page.content.decode()] for page in (first, second)]
    assert sorted(shown[0] + shown[1]) == sorted(links) and len(shown[0]) == 1
    assert "?page=2" in first.content.decode() and "?page=1" in second.content.decode()
