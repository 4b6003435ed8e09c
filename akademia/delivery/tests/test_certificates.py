"""Completion and certificates: the attendance rule (80% of the days), the rules without data,
issuing a group's certificates once (the job run twice), the PDF (read back with pdftotext, its
QR code decoded), the public verification page (only what the certificate says,
revoked, a wrong number, the limit per address) and who downloads what."""

import datetime as dt
import re
import shutil
import subprocess

import pytest
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from akademia.core.errors import DomainError
from akademia.core.jobs import job_run
from akademia.core.models import AuditEntry, Job, JobStatus, OutboxEmail
from akademia.core.tests.factories import clear_mail
from akademia.delivery import certificates, completion, selectors, services
from akademia.delivery.completion import RuleKind, RuleState
from akademia.delivery.models import Certificate
from akademia.delivery.tests.factories import (
    finished_training,
    issued_certificate,
    mark_days,
    training,
)

DAYS = 5


@pytest.fixture
def group(national, regional, expert, trainer):
    """Five days that are over; the first person came 4 days of 5 (80%), the second 3 (60%),
    everyone else every day."""
    group = finished_training(national, regional, expert, trainer, days=DAYS)
    first, second = _people(group)[:2]
    mark_days(trainer, group, {first: 4, second: 3})
    return group


def _people(group):
    return list(group.participants.order_by("pk"))


def _standing(group):
    book = completion.evaluate_group(group, selectors.completion_participants(group))
    return {c.participant.pk: c for c in book.people}


def _rule(standing, kind):
    return next(r for r in standing.results if r.kind == kind)


def _issue(regional, group, django_capture_on_commit_callbacks):
    """Start the group's job as the operator and let the worker run it."""
    with django_capture_on_commit_callbacks(execute=True):
        job = services.certificates_issue(actor=regional, group=group)
    job.refresh_from_db()
    return job


# The rules ----------------------------------------------------------------------------------


def test_80_percent_of_the_days_meets_the_attendance_rule_and_60_cannot_any_more(group):
    first, second, third = _people(group)[:3]
    standing = _standing(group)
    assert _rule(standing[first.pk], RuleKind.ATTENDANCE).state == RuleState.MET
    assert standing[first.pk].qualifies
    failed = _rule(standing[second.pk], RuleKind.ATTENDANCE)
    assert failed.state == RuleState.FAILED
    assert failed.text == "3 of 5 days attended; at least 4 needed (80%)."
    assert not standing[second.pk].qualifies
    assert standing[second.pk].reasons == ["attendance: " + failed.text]
    assert standing[third.pk].qualifies


def test_while_the_training_goes_on_nobody_qualifies_yet(national, regional, expert, trainer):
    group = training(national, regional, expert, trainer, days=2)  # today and tomorrow
    standing = _standing(group)[_people(group)[0].pk]
    assert _rule(standing, RuleKind.ATTENDANCE).state == RuleState.NOT_YET
    assert not standing.qualifies
    assert "certificates are issued after its last day" in standing.obstacles[0]


def test_a_person_who_withdrew_does_not_qualify(national, regional, expert, trainer):
    group = training(national, regional, expert, trainer, days=2)  # today and tomorrow
    person = _people(group)[2]
    tomorrow = person.since + dt.timedelta(days=1)
    services.participant_withdraw(
        actor=regional, participant=person, date=tomorrow, reason="Zmiana pracy"
    )
    standing = _standing(group)[person.pk]
    assert not standing.qualifies
    assert standing.obstacles[0] == "No longer takes part: withdrew."


def test_rules_the_programme_has_no_data_for_do_not_block(group, final_test_unjudged):
    """The test programme gives no tasks and no advisory hours, and no final test is on the
    platform: those rules are not applicable (test_completion_rules.py checks them)."""
    person = _people(group)[0]
    standing = _standing(group)[person.pk]
    texts = {
        kind: _rule(standing, kind).text
        for kind in (RuleKind.TASKS, RuleKind.ADVISORY, RuleKind.FINAL_TEST)
        if _rule(standing, kind).state == RuleState.NOT_APPLICABLE
    }
    assert texts == {
        RuleKind.TASKS: "The programme has no tasks between meetings.",
        RuleKind.ADVISORY: "The programme has no advisory hours.",
        RuleKind.FINAL_TEST: "The final test is not yet available on the platform: not checked.",
    }
    assert standing.qualifies


def test_the_national_operator_sets_a_versions_rules(client, group, national, regional):
    second = _people(group)[1]
    version = selectors.group_version(group)
    url = reverse("delivery:completion-rules", args=[version.pk])
    client.force_login(regional)
    assert client.get(url).status_code == 403
    client.force_login(national)
    data = {"min_attendance_percent": "60", "require_tasks": "on"}
    assert client.post(url, data).status_code == 302
    rules = selectors.completion_rules_of(version)
    assert (rules.min_attendance_percent, rules.require_tasks, rules.require_advisory) == (
        60,
        True,
        False,
    )
    assert _standing(group)[second.pk].qualifies  # 3 of 5 days is 60%
    assert AuditEntry.objects.filter(action="delivery.completion_rules.saved").exists()
    page = client.post(url, {"min_attendance_percent": "120"}).content.decode()
    assert "Ensure this value is less than or equal to 100." in page


# Issuing ----------------------------------------------------------------------------------


def test_issuing_makes_each_certificate_once_however_often_the_job_runs(
    group, regional, django_capture_on_commit_callbacks
):
    clear_mail()
    job = _issue(regional, group, django_capture_on_commit_callbacks)
    assert job.status == JobStatus.SUCCEEDED
    people = _people(group)
    qualified = [p for p in people if p != people[1]]  # all but the one at 60%
    assert set(Certificate.objects.values_list("participant", flat=True)) == {
        p.pk for p in qualified
    }
    assert job.result | {"refused": []} == {
        "group": group.pk,
        "issued": len(qualified),
        "already": 0,
        "not_qualifying": 1,
        "refused": [],
    }
    emails = OutboxEmail.objects.filter(key__startswith="delivery.certificate_issued:")
    assert sorted(emails.values_list("to", flat=True)) == sorted(p.user.email for p in qualified)

    # The reaper gives the job to a new attempt (its worker was killed): nothing is made twice.
    Job.objects.filter(pk=job.pk).update(status=JobStatus.QUEUED)
    with django_capture_on_commit_callbacks(execute=True):
        job_run(str(job.pk))
    job.refresh_from_db()
    assert (job.status, job.result["issued"], job.result["already"]) == (
        JobStatus.SUCCEEDED,
        0,
        len(qualified),
    )
    assert Certificate.objects.count() == len(qualified)
    assert emails.count() == len(qualified)
    numbers = set(Certificate.objects.values_list("number", flat=True))
    assert len(numbers) == len(qualified)

    # One person issued again directly: the certificate they have.
    certificate = Certificate.objects.get(participant=qualified[0])
    again, made = services.certificate_issue(actor=regional, participant=qualified[0])
    assert (again, made) == (certificate, False)
    with pytest.raises(IntegrityError):
        issued_certificate(qualified[0])  # the database refuses a second one too


def test_a_person_who_does_not_qualify_is_refused_with_the_reason(group, regional):
    second = _people(group)[1]
    with pytest.raises(DomainError, match="3 of 5 days attended"):
        services.certificate_issue(actor=regional, participant=second)
    assert not Certificate.objects.exists()


def test_the_confirmation_says_how_many_and_who_does_not_qualify_and_why(
    client, group, regional, django_capture_on_commit_callbacks
):
    second = _people(group)[1]
    url = reverse("delivery:certificates-issue", args=[group.pk])
    client.force_login(regional)
    audits = AuditEntry.objects.count()
    page = client.get(url).content.decode()
    assert f"{len(_people(group)) - 1} certificates of completion are issued" in page
    assert "1 person does not qualify and gets no certificate:" in page
    assert f"{second.full_name}: attendance: 3 of 5 days attended" in page
    # The e-mail's preview, in the participant's language (Polish: they chose none).
    assert "Twoje zaświadczenie ukończenia: Finanse JST" in page
    assert (Certificate.objects.count(), Job.objects.count()) == (0, 0)
    assert AuditEntry.objects.count() == audits
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    job = Job.objects.get()
    assert response["Location"] == reverse("core:job-detail", args=[job.pk])
    assert Certificate.objects.count() == len(_people(group)) - 1
    page = client.get(reverse("core:job-detail", args=[job.pk])).content.decode()
    assert "Certificates issued" in page
    # Nobody is left to issue: the page and the action refuse, with the same words.
    refusal = f"Nobody in group {group.code} qualifies for a certificate not issued yet."
    assert refusal in client.get(url).content.decode()
    assert refusal in client.post(url).content.decode()


def test_before_the_last_day_issuing_is_refused(client, national, regional, expert, trainer):
    group = training(national, regional, expert, trainer, days=2)
    url = reverse("delivery:certificates-issue", args=[group.pk])
    client.force_login(regional)
    assert "certificates are issued after its last day" in client.get(url).content.decode()
    assert "certificates are issued after its last day" in client.post(url).content.decode()
    assert not Job.objects.exists()


# The PDF ------------------------------------------------------------------------------------


@pytest.fixture
def certificate(group, regional):
    person = _people(group)[0]
    person.full_name = "Zażółć Gęśląjaźń"
    person.save(update_fields=["full_name"])
    certificate, _made = services.certificate_issue(actor=regional, participant=person)
    return certificate


def _pdf(client, certificate, user):
    client.force_login(user)
    return client.get(reverse("delivery:certificate-pdf", args=[certificate.pk]))


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")
def test_the_pdf_says_who_what_when_and_the_number_in_polish(
    client, certificate, regional, tmp_path
):
    response = _pdf(client, certificate, regional)
    assert response["Content-Disposition"] == (
        f'attachment; filename="zaswiadczenie-{certificate.number}.pdf"'
    )
    path = tmp_path / "zaswiadczenie.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    for expected in (
        "ZAŚWIADCZENIE",
        "o ukończeniu szkolenia",
        f"Nr {certificate.number}",
        "Zażółć Gęśląjaźń",
        "„Finanse JST” (wersja 1)",
        certificate.project_name,
        "Budżet",
        "Łącznie: 8 godz.",
        "Wystawca: Akademia Samorządowa",
        "Europejskiego Funduszu Społecznego Plus",
        "/zaswiadczenia/",
    ):
        assert expected in text, expected


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="poppler-utils not installed")
def test_the_qr_code_leads_to_the_verification_page(client, certificate, regional, tmp_path):
    path = tmp_path / "zaswiadczenie.pdf"
    path.write_bytes(_pdf(client, certificate, regional).content)
    expected = certificates.verification_url(certificate.number)
    assert expected.endswith(f"/zaswiadczenia/{certificate.number}/")
    try:
        import zxingcpp
    except ImportError:  # no decoder here: the code drawn is segno's code of the address
        pytest.skip("zxing-cpp (a QR decoder) is not installed")
    from PIL import Image

    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", str(path), str(tmp_path / "p")],
        check=True,
    )
    image = Image.open(next(tmp_path.glob("p*.png")))
    found = [code.text for code in zxingcpp.read_barcodes(image)]
    assert found == [expected]


def test_a_participant_downloads_their_own_certificate_and_nobody_elses(
    client, group, certificate, trainer, coordinator
):
    owner, second = _people(group)[:2]
    response = _pdf(client, certificate, owner.user)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    page = client.get(reverse("delivery:my-training")).content.decode()
    assert reverse("delivery:certificate-pdf", args=[certificate.pk]) in page

    # The one at 60% has no certificate: their page says why, and the other's is not theirs.
    assert _pdf(client, certificate, second.user).status_code == 404
    page = client.get(reverse("delivery:my-training")).content.decode()
    assert "3 of 5 days attended; at least 4 needed (80%)." in page
    assert "certificate-pdf" not in page and "zaswiadczenie.pdf" not in page
    assert _pdf(client, certificate, trainer).status_code == 403
    assert _pdf(client, certificate, coordinator).status_code == 403


def test_the_group_page_shows_everyone_to_the_trainer_and_the_coordinator_their_jst(
    client, group, certificate, trainer, coordinator
):
    url = reverse("delivery:group-completion", args=[group.pk])
    client.force_login(trainer)
    page = client.get(url).content.decode()
    people = _people(group)
    assert all(p.full_name in page for p in people)
    assert "3 of 5 days attended" in page and certificate.number in page
    assert reverse("delivery:certificates-issue", args=[group.pk]) not in page  # operators'
    client.force_login(coordinator)
    page = client.get(url).content.decode()
    assert {p.full_name for p in people if p.full_name in page} == {
        p.full_name for p in people if p.jst_id == coordinator.jst_id
    }


# The public verification page ---------------------------------------------------------------


def _verify(client, number):
    return client.get(reverse("certificates:verify", args=[number]))


def test_the_verification_page_shows_only_what_the_certificate_says(client, group, certificate):
    response = _verify(client, certificate.number)  # nobody signed in
    assert response.status_code == 200
    page = response.content.decode()
    facts = page[page.index('id="verdict"') : page.index("Check another number")]
    assert "Valid" in facts
    for shown in ("Zażółć Gęśląjaźń", "Finanse JST", "version 1", ">8<", "Akademia Samorządowa"):
        assert shown in facts, shown
    owner = certificate.participant
    others = [p for p in _people(group) if p != owner]
    # The page's random CSRF token may hold a short string like the group's code ("G1").
    page = re.sub(r'"X-CSRFToken": "[^"]*"|name="csrfmiddlewaretoken" value="[^"]*"', "", page)
    for hidden in [owner.email, owner.user.email, owner.jst.name, owner.group.code] + [
        p.full_name for p in others
    ]:
        assert hidden not in page, hidden


def test_a_revoked_certificate_verifies_as_revoked_and_is_not_downloaded(
    client, certificate, regional
):
    client.force_login(regional)
    url = reverse("delivery:certificate-revoke", args=[certificate.pk])
    assert "Reason for the revocation" in client.post(url, {"reason": " "}).content.decode()
    response = client.post(url, {"reason": "Błąd w nazwisku"})
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="delivery.certificate.revoked")
    assert (entry.actor, entry.data) == (regional, {"reason": "Błąd w nazwisku"})
    client.logout()  # forgets the cookies too: the public page in its own language, Polish
    page = _verify(client, certificate.number).content.decode()
    assert "Unieważnione" in page and "to zaświadczenie nie jest ważne" in page
    assert "Błąd w nazwisku" not in page  # the reason is the operators'
    assert _pdf(client, certificate, regional).status_code == 404
    assert _pdf(client, certificate, certificate.participant.user).status_code == 404
    with pytest.raises(DomainError, match="already revoked"):
        services.certificate_revoke(actor=regional, certificate=certificate, reason="Znowu")


def test_a_wrong_number_is_404_after_the_same_work(client, certificate):
    wrong = certificates.new_number()
    with CaptureQueriesContext(connection) as right_queries:
        right = _verify(client, certificate.number)
    with CaptureQueriesContext(connection) as wrong_queries:
        response = _verify(client, wrong)
    assert (right.status_code, response.status_code) == (200, 404)
    assert "No certificate has this number" in response.content.decode()

    def shape(queries, number):
        return [
            re.sub(
                r"'[0-9-]+ [0-9:.]+(?:[+-][0-9:]+)?'",
                "<time>",
                q["sql"].replace(number, "<number>"),
            )
            for q in queries
        ]

    assert shape(wrong_queries, wrong) == shape(right_queries, certificate.number)
    assert len(right_queries) == 4  # count, forget old hits, count this one, the certificate


def test_the_page_is_limited_per_client_address(client, settings, certificate):
    settings.CERTIFICATE_VERIFY_LIMIT = 3
    for number in (certificates.new_number(), certificates.new_number(), certificate.number):
        assert _verify(client, number).status_code in (200, 404)
    response = _verify(client, certificate.number)
    assert response.status_code == 429
    assert certificate.full_name not in response.content.decode()
    other = client.get(
        reverse("certificates:verify", args=[certificate.number]), REMOTE_ADDR="10.1.2.3"
    )
    assert other.status_code == 200


def test_a_typed_number_is_read_leniently(client, certificate):
    typed = certificate.number.lower().replace("-", " ").replace("as ", "", 1)
    typed = typed.replace("o", "0")
    response = client.get(reverse("certificates:verify-form"), {"numer": typed})
    assert response["Location"] == reverse("certificates:verify", args=[certificate.number])
    page = client.get(reverse("certificates:verify-form"), {"numer": "AS-123"}).content.decode()
    assert "This is not a certificate number" in page


def test_numbers_are_random_and_unguessable():
    numbers = {certificates.new_number() for _ in range(200)}
    assert len(numbers) == 200
    for number in numbers:
        assert certificates.normalise(number) == number
        prefix, *groups = number.split("-")
        assert prefix == "AS" and [len(g) for g in groups] == [4, 4, 4, 4]
        assert set("".join(groups)) <= set(certificates.ALPHABET)


def test_the_job_needs_the_person_who_started_it(group, regional):
    from akademia.delivery.jobs import issue_certificates

    job = Job.objects.create(kind=selectors.ISSUE_JOB, label="x", params={"group": group.pk})
    with pytest.raises(DomainError, match="no longer has an account"):
        issue_certificates(job, lambda *args: None)
    assert not Certificate.objects.exists()
