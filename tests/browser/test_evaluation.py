"""A satisfaction survey on a 390 px phone, by keyboard and touch: a participant answers part,
saves and leaves, comes back to the saved answers, finishes and sends; a second submission
(the page still open in a second tab) is refused in Polish. A question shown only after a low
rating appears when that rating is chosen. The results page of a group with 5 answers passes
axe at 1366 and 390 px, with its charts; every page fits a phone without sideways scrolling."""

import pytest
from playwright.sync_api import expect

from akademia.accounts.tests.factories import PASSWORD
from akademia.evaluation import results
from akademia.evaluation.models import QuestionType, Response
from akademia.evaluation.tests.factories import (
    answer,
    finished_group,
    good_answers,
    invited,
    open_surveys,
    satisfaction,
    survey_of,
)

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}


@pytest.fixture
def survey(national, regional, expert, trainer):
    group, version = finished_group(national, regional, expert, trainer)
    questionnaire = satisfaction(version, national)
    open_surveys()
    return survey_of(group), questionnaire


def _fits(page, axe):
    width = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert width <= 0, f"{page.url} scrolls sideways on a phone"
    axe(page)


def test_a_participant_fills_leaves_resumes_and_sends_a_survey_once_on_a_phone(
    page, live_server, login, axe, survey
):
    survey, questionnaire = survey
    user = invited(survey)[0]
    page.set_viewport_size(PHONE)
    login(user, PASSWORD)
    page.goto(f"{live_server.url}/ewaluacja/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Moje ankiety")
    _fits(page, axe)
    page.get_by_role("link", name="Ocena modułu").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ocena modułu")
    _fits(page, axe)

    # The question after a low rating is hidden until the rating is 1.
    why = page.get_by_label("Co było nie tak?")
    expect(why).to_be_hidden()
    useful = page.get_by_role("group", name="Moduł był dla mnie przydatny")
    useful.get_by_label("zdecydowanie nie").check()
    expect(why).to_be_visible()
    # By keyboard: the arrow moves the choice within the scale.
    useful.get_by_label("zdecydowanie nie").focus()
    page.keyboard.press("ArrowRight")
    expect(useful.get_by_label("raczej nie")).to_be_checked()
    expect(why).to_be_hidden()
    page.get_by_role("group", name="Czy polecisz szkolenie innym?").get_by_label("tak").check()
    page.get_by_role("button", name="Zapisz i dokończ później").click()
    expect(page.get_by_text("Odpowiedzi zostały zapisane.")).to_be_visible()

    # Leave, come back: the saved answers are there.
    page.goto(f"{live_server.url}/")
    page.goto(f"{live_server.url}/ewaluacja/ankiety/{survey.pk}/")
    expect(useful.get_by_label("raczej nie")).to_be_checked()
    expect(
        page.get_by_role("group", name="Czy polecisz szkolenie innym?").get_by_label("tak")
    ).to_be_checked()

    # Sending without the grid: the error summary names what is missing.
    page.get_by_role("button", name="Wyślij odpowiedzi").click()
    expect(page.locator(".error-summary")).to_contain_text("Wybierz odpowiedź.")
    _fits(page, axe)
    assert not Response.objects.filter(survey=survey).exists()
    for row in ("przygotowanie", "komunikatywność"):
        page.get_by_role("group", name=row, exact=True).get_by_label("raczej tak").check()
    page.get_by_label("Jedno słowo o module").fill("konkretnie")
    # The same survey open in a second tab, filled in too, before the first tab sends.
    other = page.context.new_page()
    other.set_viewport_size(PHONE)
    other.goto(page.url)
    page.get_by_role("button", name="Wyślij odpowiedzi").click()
    expect(page.get_by_text("Dziękujemy: odpowiedzi zostały wysłane.")).to_be_visible()
    expect(page.get_by_text("wypełniona, dziękujemy")).to_be_visible()
    _fits(page, axe)
    assert Response.objects.filter(survey=survey).count() == 1

    # The second tab sends: refused in Polish, nothing stored twice.
    for row in ("przygotowanie", "komunikatywność"):
        other.get_by_role("group", name=row, exact=True).get_by_label("raczej tak").check()
    other.get_by_role("button", name="Wyślij odpowiedzi").click()
    expect(other.locator(".error-summary")).to_contain_text("Odpowiedzi można wysłać tylko raz.")
    other.close()
    page.goto(f"{live_server.url}/ewaluacja/ankiety/{survey.pk}/")
    expect(page.get_by_text("Ta ankieta została już przez Ciebie wypełniona.")).to_be_visible()
    _fits(page, axe)
    assert Response.objects.filter(survey=survey).count() == 1


def test_the_results_with_charts_pass_axe_on_a_desktop_and_a_phone(
    page, live_server, login, axe, survey, trainer
):
    survey, questionnaire = survey
    word = questionnaire.questions.get(type=QuestionType.SHORT_TEXT)
    answer(
        survey,
        invited(survey)[: results.MIN_ANSWERS],
        lambda i, u: good_answers(questionnaire, likert=str(1 + i % 5)) | {str(word.pk): "ok"},
    )
    login(trainer, PASSWORD)
    for size in (DESKTOP, PHONE):
        page.set_viewport_size(size)
        page.goto(f"{live_server.url}/ewaluacja/wyniki/")
        _fits(page, axe)
        page.goto(f"{live_server.url}/ewaluacja/wyniki/grupy/{survey.group_id}/")
        _fits(page, axe)
        page.goto(f"{live_server.url}/ewaluacja/wyniki/ankiety/{survey.pk}/")
        expect(page.locator("svg.bar").first).to_be_visible()
        expect(page.get_by_text("5 z 8 osób (63%)")).to_be_visible()
        _fits(page, axe)


def test_moderation_and_questionnaire_pages_pass_axe_on_a_desktop_and_a_phone(
    page, live_server, login, axe, survey, national
):
    survey, questionnaire = survey
    word = questionnaire.questions.get(type=QuestionType.SHORT_TEXT)
    answer(
        survey,
        invited(survey)[:1],
        lambda i, u: good_answers(questionnaire) | {str(word.pk): "Pani Nowak prowadziła świetnie"},
    )
    pending = survey.responses.get().answers.get(question=word)
    login(national, PASSWORD)
    for size in (DESKTOP, PHONE):
        page.set_viewport_size(size)
        for path in (
            "/ewaluacja/moderacja/",
            f"/ewaluacja/moderacja/{pending.pk}/",
            "/ewaluacja/kwestionariusze/",
            "/ewaluacja/kwestionariusze/nowy/",
            f"/ewaluacja/kwestionariusze/{questionnaire.pk}/",
        ):
            page.goto(f"{live_server.url}{path}")
            _fits(page, axe)
    page.goto(f"{live_server.url}/ewaluacja/moderacja/{pending.pk}/")
    page.get_by_label("Zatwierdź (z tekstem poniżej)").check()
    page.get_by_label("Tekst do opublikowania").fill("[osoba] prowadziła świetnie")
    page.get_by_role("button", name="Zapisz decyzję").click()
    expect(page.get_by_text("Odpowiedź została zmoderowana.")).to_be_visible()
    _fits(page, axe)


def test_reports_comparisons_and_the_loop_into_the_consultation_pass_axe_on_a_phone(
    page, live_server, login, axe, survey, national, expert
):
    """The project's and the version's results with their comparisons, then the operator
    chooses an approved open answer, confirms, and finds it a comment of a new round, whose
    source page the trace of the next version leads to; each page at 1366 and 390 px."""
    from akademia.consultations.nlp import default_model
    from akademia.evaluation import services
    from akademia.evaluation.models import Answer, Moderation
    from akademia.programmes import services as programmes

    default_model()  # trained once per process, as in a warm server

    survey, questionnaire = survey
    word = questionnaire.questions.get(type=QuestionType.SHORT_TEXT)
    answer(
        survey,
        invited(survey)[:6],
        lambda i, u: (
            good_answers(questionnaire, likert=str(2 + i % 3))
            | {str(word.pk): "Więcej ćwiczeń w małych grupach"}
        ),
    )
    for pending in Answer.objects.filter(moderation=Moderation.PENDING):
        services.answer_moderate(
            actor=national, answer=pending, decision="approved", text=pending.value
        )
    version = questionnaire.version
    following = programmes.version_new(actor=expert, version=version)
    programmes.version_set_status(actor=national, version=following, status="in_consultation")
    login(national, PASSWORD)
    project = survey.group.project_id
    for size in (DESKTOP, PHONE):
        page.set_viewport_size(size)
        for path in (
            f"/ewaluacja/wyniki/projekty/{project}/",
            f"/ewaluacja/wyniki/wersje/{version.pk}/",
            f"/ewaluacja/wyniki/wersje/{version.pk}/do-konsultacji/",
        ):
            page.goto(f"{live_server.url}{path}")
            _fits(page, axe)
    page.goto(f"{live_server.url}/ewaluacja/wyniki/projekty/{project}/")
    expect(page.get_by_role("heading", name="Porównanie grup")).to_be_visible()
    page.goto(f"{live_server.url}/ewaluacja/wyniki/wersje/{version.pk}/do-konsultacji/")
    page.get_by_label("Więcej ćwiczeń w małych grupach").first.check()
    page.get_by_role("button", name="Kontynuuj").click()
    _fits(page, axe)
    page.get_by_role("button", name="Przekaż jako uwagi").click()
    expect(page.get_by_text("Do rundy dodano 1 uwagę.")).to_be_visible()
    from akademia.evaluation.models import FeedbackSource

    source = FeedbackSource.objects.get()
    page.goto(f"{live_server.url}/ewaluacja/zrodla-uwag/{source.pk}/")
    expect(page.get_by_text("Więcej ćwiczeń w małych grupach")).to_be_visible()
    _fits(page, axe)
