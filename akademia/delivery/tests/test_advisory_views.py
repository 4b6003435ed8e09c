"""Advisory pages: the advisor reports a visit (hours with a decimal comma), the coordinator
confirms it on a page that asks first or disputes it, the advisor corrects it; each reader sees
only their part (404 otherwise), a participant nothing; the hours as a spreadsheet."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from akademia.accounts.roles import Role
from akademia.accounts.tests.factories import make_user
from akademia.core.models import AuditEntry, OutboxEmail
from akademia.delivery import services
from akademia.delivery.models import AdvisorySession, AdvisoryStatus
from akademia.delivery.tests.factories import advised, held

TODAY = timezone.localdate()


@pytest.fixture
def assignment(national, regional, expert, trainer):
    return advised(national, regional, expert, trainer)


def _visit(**fields):
    return {
        "held": "held",
        "date": TODAY.isoformat(),
        "hours": "1,5",
        "mode": "office",
        "topic": "Budżet zadaniowy",
        "done": "Przegląd projektu uchwały budżetowej",
        "next_steps": "Zespół przygotuje wskaźniki",
    } | fields


def test_the_advisor_reports_a_visit_in_polish_hours_and_the_coordinator_confirms_it(
    client, settings, assignment, trainer, coordinator
):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "pl"
    client.force_login(trainer)
    create = reverse("delivery:advisory-session-create", args=[assignment.pk])
    with translation.override("pl"):
        page = client.get(create).content.decode()
        assert "Wizyta lub sesja" in page and "w urzędzie JST" in page
        response = client.post(create, _visit())
    session = AdvisorySession.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("delivery:advisory-session", args=[session.pk])
    assert (session.hours, session.status) == (Decimal("1.5"), AdvisoryStatus.REPORTED)

    client.force_login(coordinator)
    with translation.override("pl"):
        listing = client.get(reverse("delivery:advisory-list")).content.decode()
        assert "Czeka na Twoje potwierdzenie" in listing and "Budżet zadaniowy" in listing
        assert "1,5" in listing
        confirm = reverse("delivery:advisory-session-confirm", args=[session.pk])
        entries, emails = AuditEntry.objects.count(), OutboxEmail.objects.count()
        asking = client.get(confirm).content.decode()
    # The page asks and changes nothing.
    assert "Potwierdzić doradztwo" in asking and "1,5" in asking
    assert (AuditEntry.objects.count(), OutboxEmail.objects.count()) == (entries, emails)
    session.refresh_from_db()
    assert session.status == AdvisoryStatus.REPORTED
    assert client.post(confirm).status_code == 302
    session.refresh_from_db()
    assert (session.status, session.version) == (AdvisoryStatus.CONFIRMED, 2)
    # A second confirmation (a stale tab) is refused with the reason, on the same page.
    again = client.post(confirm)
    assert again.status_code == 200 and "Ten wpis jest już potwierdzony." in again.content.decode()


def test_a_disputed_visit_is_corrected_on_the_advisors_form(
    client, assignment, trainer, coordinator
):
    session = held(trainer, assignment, hours="3")
    client.force_login(coordinator)
    dispute = reverse("delivery:advisory-session-dispute", args=[session.pk])
    assert "What is wrong" in client.get(dispute).content.decode()
    response = client.post(dispute, {"comment": "Wizyta trwała 2 godziny."})
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.status == AdvisoryStatus.DISPUTED

    client.force_login(trainer)
    detail = client.get(reverse("delivery:advisory-session", args=[session.pk])).content.decode()
    assert "Wizyta trwała 2 godziny." in detail and "Correct the entry" in detail
    edit = reverse("delivery:advisory-session-edit", args=[session.pk])
    page = client.get(edit).content.decode()
    assert 'name="held"' not in page  # a visit that took place cannot become a plan
    response = client.post(edit, _visit(hours="2", comment="Poprawione."))
    assert response.status_code == 302
    session.refresh_from_db()
    assert (session.status, session.hours, session.version) == ("reported", 2, 3)


def test_a_refused_entry_shows_the_reason_at_its_field(client, assignment, trainer):
    client.force_login(trainer)
    create = reverse("delivery:advisory-session-create", args=[assignment.pk])
    response = client.post(create, _visit(hours="12,5"))
    assert response.status_code == 200
    assert "at most 12 hours" in str(response.context["form"].errors["hours"])
    late = assignment.project.ends_on.replace(year=assignment.project.ends_on.year + 1)
    response = client.post(create, _visit(held="planned", date=late.isoformat(), done=""))
    assert "outside the project" in str(response.context["form"].errors["date"])
    assert not AdvisorySession.objects.exists()


def test_an_operator_assigns_from_the_projects_page(client, assignment, regional):
    other = make_user("druga@test.example.org", Role.TRAINER, voivodeships=["24"])
    client.force_login(regional)
    page = reverse("delivery:advisory-assign", args=[assignment.project_id])
    html = client.get(page).content.decode()
    assert "druga@test.example.org" in html and "16 h" in html
    response = client.post(page, {"jst": assignment.jst_id, "advisor": other.pk})
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.advisor == other


def test_each_reader_sees_only_their_part(
    client, assignment, trainer, coordinator_other, regional_other, participant, expert
):
    session = held(trainer, assignment)
    other_trainer = make_user("inny@test.example.org", Role.TRAINER, voivodeships=["24"])
    pages = [
        reverse("delivery:advisory-detail", args=[assignment.pk]),
        reverse("delivery:advisory-session", args=[session.pk]),
    ]
    for outsider in (other_trainer, coordinator_other, regional_other):
        client.force_login(outsider)
        for page in pages:
            assert client.get(page).status_code == 404, (outsider, page)
        listing = client.get(reverse("delivery:advisory-list")).content.decode()
        assert "Koziegłowy" not in listing
    for nobody in (participant, expert):
        client.force_login(nobody)
        assert client.get(reverse("delivery:advisory-list")).status_code == 403
        assert client.get(pages[1]).status_code == 403
    # Another trainer cannot write to the JST either.
    client.force_login(other_trainer)
    create = reverse("delivery:advisory-session-create", args=[assignment.pk])
    assert client.post(create, _visit()).status_code == 404


def test_the_spreadsheet_of_a_coordinator_holds_their_jst(client, assignment, trainer, coordinator):
    services.advisory_confirm(actor=coordinator, session=held(trainer, assignment, hours="2"))
    client.force_login(coordinator)
    response = client.get(reverse("delivery:advisory-xlsx"))
    assert response["Content-Disposition"] == 'attachment; filename="doradztwo.xlsx"'
    workbook = load_workbook(io.BytesIO(response.content))
    rows = list(workbook["JST"].iter_rows(min_row=2, values_only=True))
    assert [(row[1], row[4], row[5]) for row in rows] == [("Koziegłowy", 16, 2)]


def test_the_list_is_polish(client, settings, assignment, regional, trainer):
    held(trainer, assignment, hours="0.5")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "pl"
    client.force_login(regional)
    with translation.override("pl"):
        html = client.get(reverse("delivery:advisory-list")).content.decode()
    for polish in ("Doradztwo", "Godziny należne", "Potwierdzone", "Przydziel doradców", "0,5"):
        assert polish in html, polish
    for english in ("Advisory", "Hours due", "Confirmed", "Advisor"):
        assert f">{english}" not in html, english


def test_the_hours_per_jst_come_a_page_at_a_time_and_the_sums_stay_whole(
    client, assignment, regional, monkeypatch
):
    from akademia.delivery.views import advisory

    client.force_login(regional)
    whole = client.get(reverse("delivery:advisory-list")).context["report"]
    monkeypatch.setattr(advisory, "JSTS_ON_PAGE", 1)
    response = client.get(reverse("delivery:advisory-list"))
    assert len(response.context["page"].object_list) == 1
    assert response.context["page"].paginator.count == len(whole.jsts)
    assert response.context["report"].projects[0].hours == whole.projects[0].hours
