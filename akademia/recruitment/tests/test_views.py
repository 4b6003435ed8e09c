import re

import pytest
from django.core import mail
from django.urls import reverse

from akademia.core.audit import SYSTEM
from akademia.recruitment import services
from akademia.recruitment.models import Application, ApplicationStatus
from akademia.recruitment.tests.factories import PDF, complete, data, pdf

URBAN = ["2414011", "2401011"]


def _post(call, *, team_size=3, letter=None, **overrides):
    data = {
        "jst": "2409023",
        "coordinator_name": "Tomasz Nowak",
        "coordinator_email": "tomasz.nowak@kozieglowy.example.org",
        "answer_0": "Chcemy lepiej planować rozwój.",
        "consent": "on",
        "submit": "1",
        "team-TOTAL_FORMS": str(call.team_max),
        "team-INITIAL_FORMS": "0",
        "team-MIN_NUM_FORMS": "0",
        "team-MAX_NUM_FORMS": str(call.team_max),
    }
    for i in range(team_size):
        data |= {
            f"team-{i}-full_name": f"Osoba {i}",
            f"team-{i}-email": f"osoba{i}@kozieglowy.example.org",
            f"team-{i}-position": "kierownik" if i == 0 else "inspektor",
            f"team-{i}-profile": "management" if i == 0 else "operational",
        }
    if letter is not None:
        data["letter"] = letter
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_open_calls_are_public(client, call):
    response = client.get(reverse("recruitment:open-calls"))
    assert response.status_code == 200
    assert call.title in response.content.decode()


def test_a_jst_applies_without_an_account(client, call, django_capture_on_commit_callbacks):
    url = reverse("recruitment:application-create", args=[call.pk])
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, _post(call, letter=pdf()))
    application = Application.objects.get(call=call)
    assert response.status_code == 302
    assert response["Location"] == reverse("recruitment:application-edit", args=[application.token])
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.team.count() == 3
    page = client.get(response["Location"]).content.decode()
    assert "tomasz.nowak@kozieglowy.example.org" in page
    # The e-mail's link confirms the address and creates the coordinator's account.
    link = re.search(r"https?://\S+/nabor/potwierdz/\S+/", mail.outbox[0].body).group(0)
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = client.get(link[link.index("/nabor/") :])
    assert confirmed.status_code == 200
    application.refresh_from_db()
    assert application.coordinator.jst_id == application.jst_id
    assert "/konto/zaproszenie/" in mail.outbox[-1].body


def test_an_answer_over_5000_characters_is_refused_at_its_field(client, call):
    url = reverse("recruitment:application-create", args=[call.pk])
    response = client.post(url, _post(call, letter=pdf(), answer_0="x" * 6000))
    assert response.status_code == 200
    assert "at most 5000 characters" in str(response.context["form"].errors["answer_0"])
    # The draft (kept for the letter) stores no over-long answer; the page still shows it.
    application = Application.objects.get(call=call)
    assert application.status == ApplicationStatus.DRAFT
    assert all(len(a["answer"]) <= 5000 for a in application.answers)
    assert "x" * 6000 in response.content.decode()


def test_a_failed_submit_keeps_what_was_typed_and_the_letter(client, call):
    url = reverse("recruitment:application-create", args=[call.pk])
    response = client.post(url, _post(call, team_size=1, letter=pdf("podpisany.pdf")))
    page = response.content.decode()
    assert response.status_code == 200
    assert "from 2 to 5 people; it has 1" in page
    assert 'value="Tomasz Nowak"' in page and "Chcemy lepiej planować rozwój." in page
    application = Application.objects.get(call=call)
    assert application.status == ApplicationStatus.DRAFT
    assert application.letter_name == "podpisany.pdf"
    assert "Saved: podpisany.pdf" in page
    edit = reverse("recruitment:application-edit", args=[application.token])
    assert f'action="{edit}"' in page
    # Completing the team without choosing the file again submits with the stored letter.
    response = client.post(edit, _post(call))
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED and application.letter


def test_a_file_sent_with_a_form_that_could_not_be_saved_is_asked_for_again(client, call):
    url = reverse("recruitment:application-create", args=[call.pk])
    response = client.post(url, _post(call, letter=pdf(), jst=""))  # no JST: nothing is stored
    assert not Application.objects.exists()
    errors = response.context["form"].errors["letter"]
    assert "The file was not saved" in errors[0] and "choose it again" in errors[0]


def test_a_draft_saved_with_errors_in_the_team_says_what_was_not_saved(client, call):
    url = reverse("recruitment:application-create", args=[call.pk])
    post = _post(call, letter=pdf(), submit=None, draft="1") | {"team-1-email": ""}
    response = client.post(url, post)
    application = Application.objects.get(call=call)
    assert application.status == ApplicationStatus.DRAFT
    assert application.team.count() == 2  # the row with an error is not stored
    page = response.content.decode()
    assert 'class="message message-success"' not in page
    assert "Saved, but not submitted" in page
    assert 'href="#team-member-2"' in page
    assert 'class="team-member team-member-error" id="team-member-2"' in page
    assert "not saved: correct it" in page


@pytest.mark.parametrize(
    ("letter", "message"),
    [
        (lambda: pdf("list.exe", PDF), "must be a PDF file"),
        (lambda: pdf("list.pdf", b"GIF89a"), "not a PDF document"),
        (lambda: pdf("list.pdf", b"%PDF-" + b"1" * (5 * 1024 * 1024 + 1)), "too large"),
    ],
)
def test_a_refused_file_stores_nothing_and_keeps_the_text(client, call, media, letter, message):
    url = reverse("recruitment:application-create", args=[call.pk])
    response = client.post(url, _post(call, letter=letter()))
    page = response.content.decode()
    assert response.status_code == 200 and message in page
    assert 'value="Tomasz Nowak"' in page
    assert not Application.objects.exists()
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))


def test_duplicate_jst_is_refused_on_the_form(client, call):
    url = reverse("recruitment:application-create", args=[call.pk])
    client.post(url, _post(call, letter=pdf()))
    response = client.post(url, _post(call, letter=pdf(), coordinator_email="inny@example.org"))
    assert "This JST has already applied to this call." in response.content.decode()
    assert Application.objects.count() == 1


def test_a_bad_confirmation_link_answers_400(client):
    response = client.get(reverse("recruitment:application-confirm", args=["zly-kod"]))
    assert response.status_code == 400


def test_coordinator_sees_and_withdraws_own_application(client, call, national, coordinator):
    application = complete(national, call, "2409023")
    client.force_login(coordinator)
    page = client.get(reverse("recruitment:my-applications")).content.decode()
    assert call.title in page
    response = client.post(reverse("recruitment:application-withdraw", args=[application.pk]))
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN


def test_operator_filters_applications_with_htmx(client, call, national):
    complete(national, call, "2409023")
    complete(national, call, URBAN[0])
    client.force_login(national)
    url = reverse("recruitment:call-detail", args=[call.pk])
    page = client.get(url).content.decode()
    assert "Koziegłowy" in page and "Bieruń" in page and "data-points" in page
    partial = client.get(url, {"kind": "urban"}, HTTP_HX_REQUEST="true").content.decode()
    assert "Bieruń" in partial and "Koziegłowy" not in partial
    assert "<html" not in partial


def test_regional_operator_of_another_voivodeship_gets_404(
    client, slaskie_call, regional, regional_other
):
    application = complete(regional, slaskie_call, "2409023")
    client.force_login(regional_other)
    for url in (
        reverse("recruitment:application-detail", args=[application.pk]),
        reverse("recruitment:call-detail", args=[slaskie_call.pk]),
        reverse("recruitment:project-detail", args=[slaskie_call.project.pk]),
    ):
        assert client.get(url).status_code == 404, url
    client.force_login(regional)
    assert (
        client.get(reverse("recruitment:application-detail", args=[application.pk])).status_code
        == 200
    )


def test_pilot_is_hidden_from_regional_operators(client, call, regional):
    client.force_login(regional)
    assert client.get(reverse("recruitment:call-detail", args=[call.pk])).status_code == 404


def test_operator_runs_selection_and_reads_the_reasons(client, call, national):
    for code in ["2409023", "2402022", *URBAN]:
        complete(national, call, code)
    services.quotas_set(
        actor=national,
        call=call,
        rows=[
            {"code": "total:jst", "label": "All JST", "unit": "jst", "min": 2, "max": 2},
            {
                "code": "kind:urban",
                "label": "Urban",
                "field": "kind",
                "values": ["urban"],
                "min": 1,
            },
        ],
    )
    client.force_login(national)
    response = client.post(reverse("recruitment:call-select", args=[call.pk]))
    assert response["Location"] == reverse("recruitment:call-results", args=[call.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Selected (rank 1 by score)." in page
    assert "On the waiting list at 1." in page
    response = client.post(reverse("recruitment:call-publish", args=[call.pk]))
    call.refresh_from_db()
    assert call.is_published


def test_override_needs_a_reason_on_the_page(client, call, national):
    application = complete(national, call, "2409023")
    client.force_login(national)
    url = reverse("recruitment:application-override", args=[application.pk])
    response = client.post(url, {"override": "in", "reason": ""}, follow=True)
    assert "Give the reason" in response.content.decode()


def test_letter_download_for_operator_and_own_coordinator(
    client, call, national, coordinator, coordinator_other
):
    application = complete(national, call, "2409023")
    url = reverse("recruitment:application-letter", args=[application.pk])
    client.force_login(national)
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    client.force_login(coordinator)
    assert client.get(url).status_code == 200
    client.force_login(coordinator_other)
    assert client.get(url).status_code == 404


def test_participants_step_after_selection(client, call, national, coordinator):
    application = complete(national, call, "2409023")
    services.quotas_set(
        actor=national, call=call, rows=[{"code": "t", "unit": "jst", "min": 1, "max": 1}]
    )
    services.selection_run(actor=national, call=call)
    client.force_login(coordinator)
    url = reverse("recruitment:application-participants", args=[application.pk])
    page = client.get(url)
    assert page.status_code == 200
    data = {}
    for member in application.team.all():
        data |= {
            f"m{member.pk}-gender": "male",
            f"m{member.pk}-age_group": "55+",
            f"m{member.pk}-education": "isced5",
        }
    assert client.post(url, data).status_code == 302
    application.refresh_from_db()
    assert application.monitoring_completed_at


def test_infeasible_results_show_the_binding_quota_and_the_relaxation(client, call, national):
    complete(national, call, "2409023")
    services.quotas_set(
        actor=national,
        call=call,
        rows=[
            {
                "code": "kind:county",
                "label": "Powiaty",
                "field": "kind",
                "values": ["county"],
                "unit": "jst",
                "min": 2,
            },
        ],
    )
    services.selection_run(actor=national, call=call)
    client.force_login(national)
    page = client.get(reverse("recruitment:call-results", args=[call.pk])).content.decode()
    assert "The quotas in conflict: <strong>Powiaty</strong>" in page
    assert "Lower the minimum of quota &#x27;Powiaty&#x27; from 2 JST to 0 JST." in page
    assert "kind:county" not in page  # the quota's internal code is never shown


def test_operator_sees_the_score_with_its_parts(client, call, national):
    application = complete(national, call, "2409023")
    client.force_login(national)
    url = reverse("recruitment:application-detail", args=[application.pk])
    page = client.get(url).content.decode()
    assert "JST that never received such support" in page and "rural commune" in page
    client.post(reverse("recruitment:application-score", args=[application.pk]), {"points": "7"})
    application.refresh_from_db()
    assert application.score == 15 + 30 + 20 + 14
    assert "Application assessed" in client.get(url).content.decode()


# Confirmation e-mails of the public form: limited per address and per client --------------


@pytest.fixture
def sending(django_capture_on_commit_callbacks):
    """Each request's e-mails go out when it ends (read the application as it was then)."""

    def send(post, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return post(*args, **kwargs)

    return send


def _draft_with_email(client, call, email, **extra):
    return client.post(
        reverse("recruitment:application-create", args=[call.pk]),
        _post(call, letter=pdf(), coordinator_email=email, submit=None),
        **extra,
    )


def _change_email(client, application, call, email, **extra):
    url = reverse("recruitment:application-edit", args=[application.token])
    return client.post(url, _post(call, coordinator_email=email, submit=None), **extra)


def test_confirmation_e_mails_to_one_address_are_limited_per_day(client, call, settings, sending):
    settings.APPLICATION_CONFIRM_EMAIL_LIMIT = 2
    settings.APPLICATION_CONFIRM_ADDRESS_LIMIT = 100
    victim = "ofiara@example.org"
    sending(_draft_with_email, client, call, victim)
    application = Application.objects.get()
    for other in ("a@example.org", victim, "b@example.org"):
        sending(_change_email, client, application, call, other)  # each change sends a link
    response = sending(_change_email, client, application, call, victim)
    assert [m.to for m in mail.outbox].count([victim]) == 2
    assert len(mail.outbox) == 4
    assert response.status_code == 200
    form = response.context["form"]
    assert "at most 2 a day" in " ".join(form.errors["coordinator_email"])
    assert 'value="Tomasz Nowak"' in response.content.decode()  # what was typed stays
    application.refresh_from_db()
    assert application.coordinator_email == "b@example.org"  # the refused change is not stored


def test_confirmation_e_mails_from_one_client_address_are_limited_per_hour(
    client, call, settings, sending
):
    settings.APPLICATION_CONFIRM_ADDRESS_LIMIT = 3
    attacker = {"REMOTE_ADDR": "203.0.113.5"}
    sending(_draft_with_email, client, call, "x0@example.org", **attacker)
    application = Application.objects.get()
    for number in (1, 2, 3):
        response = sending(
            _change_email,
            client,
            application,
            call,
            f"x{number}@example.org",
            headers={"X-Forwarded-For": f"192.0.2.{number}"},  # forged: ignored
            **attacker,
        )
    assert [m.to for m in mail.outbox] == [
        ["x0@example.org"],
        ["x1@example.org"],
        ["x2@example.org"],
    ]
    assert "your network" in " ".join(response.context["form"].errors["coordinator_email"])
    # Somebody else, from another address, still gets their link.
    sending(_change_email, client, application, call, "x9@example.org", REMOTE_ADDR="198.51.100.7")
    assert mail.outbox[-1].to == ["x9@example.org"]


def test_saving_a_draft_without_a_new_e_mail_is_not_limited(client, call, settings, sending):
    settings.APPLICATION_CONFIRM_EMAIL_LIMIT = 1
    email = "tomasz.nowak@kozieglowy.example.org"
    sending(_draft_with_email, client, call, email)
    application = Application.objects.get()
    for _ in range(3):
        response = sending(_change_email, client, application, call, email)
        assert response.status_code == 302  # saved; the address is the same: no e-mail
    assert len(mail.outbox) == 1


def test_a_letter_download_and_a_draft_page_are_never_stored(client, call, national):
    application = complete(national, call, "2409023")
    client.force_login(national)
    response = client.get(reverse("recruitment:application-letter", args=[application.pk]))
    assert response.status_code == 200
    assert {"private", "no-store"} <= set(response["Cache-Control"].replace(" ", "").split(","))
    # The draft's secret address shows personal data without an account: not stored either.
    client.logout()
    draft = services.application_save(actor=SYSTEM, call=call, data=data("2414011"))
    response = client.get(reverse("recruitment:application-edit", args=[draft.token]))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
