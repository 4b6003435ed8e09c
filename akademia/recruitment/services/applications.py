"""Applications: the JST's form (drafts, letters, eligibility), submission, e-mail confirmation.

The operators' review is in `review.py`; selection in `selection.py`.
"""

from dataclasses import dataclass

from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from akademia.accounts.models import User
from akademia.accounts.services import coordinator_for_application
from akademia.accounts.types import Actor
from akademia.core import audit
from akademia.core.errors import DomainError
from akademia.core.services import service
from akademia.recruitment import eligibility, notifications, scoring
from akademia.recruitment.models import Application, ApplicationStatus, Call, Enrolment, TeamMember
from akademia.recruitment.services.common import lock

MAX_LETTER_BYTES = 5 * 1024 * 1024
CONFIRM_SALT = "recruitment.application.confirm"
CONFIRM_MAX_AGE = 14 * 24 * 3600


class ApplicationIncomplete(DomainError):
    """A submission refused for one or more reasons: `problems` is [(field, message)]."""

    def __init__(self, problems: list[tuple[str, str]]):
        super().__init__(problems[0][1], field=problems[0][0])
        self.problems = problems


def check_letter(upload) -> None:
    """A signed letter of intent: a PDF by extension and by content, at most 5 MB."""
    name = (getattr(upload, "name", "") or "").lower()
    if not name.endswith(".pdf"):
        raise DomainError(_("The letter of intent must be a PDF file (.pdf)."), field="letter")
    if upload.size > MAX_LETTER_BYTES:
        raise DomainError(
            _("The file is too large: the limit is %(mb)d MB.")
            % {"mb": MAX_LETTER_BYTES // (1024 * 1024)},
            field="letter",
        )
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    if head != b"%PDF-":
        raise DomainError(
            _("This file is not a PDF document; scan or save the signed letter as PDF."),
            field="letter",
        )


def eligibility_problem(call: Call, jst) -> str | None:
    """Why this JST may not apply to this call, or None (`eligibility.problem`)."""
    return eligibility.problem(
        call,
        jst,
        voivodeship_ids={v.pk for v in call.voivodeships.all()},
        enrolled_in=set(Enrolment.objects.filter(jst=jst).values_list("project_id", flat=True)),
    )


def _check_jst(call: Call, jst, application: Application | None) -> None:
    problem = eligibility_problem(call, jst)
    if problem:
        raise DomainError(problem, field="jst")
    others = Application.objects.filter(call=call, jst=jst).exclude(
        status=ApplicationStatus.WITHDRAWN
    )
    if application is not None and application.pk:
        others = others.exclude(pk=application.pk)
    if others.exists():
        raise DomainError(_("This JST has already applied to this call."), field="jst")


@dataclass
class ApplicationData:
    """What the applicant typed: `team` rows are dicts of TeamMember fields."""

    jst: object
    coordinator_name: str
    coordinator_email: str
    team: list[dict]
    answers: list[str]
    consent: bool
    letter: object = None


def coordinator_email(typed: str) -> str:
    """The coordinator's address as stored and compared."""
    return User.objects.normalize_email(typed).strip().lower()


def confirmation_due(application: Application | None, typed_email: str) -> bool:
    """Whether saving sends a link to confirm the address: a new draft, or a new address."""
    return application is None or coordinator_email(typed_email) != application.coordinator_email


@service
def application_save(
    *, call: Call, data: ApplicationData, application: Application | None = None, actor: Actor
) -> Application:
    """Store a draft (a new one, or changes to a draft or an application under corrections).

    Nothing is stored when the letter is refused or the JST may not apply. A new draft sends
    the coordinator a link that confirms the e-mail address (and continues the draft).
    """
    if application is not None and not application.is_editable:
        raise DomainError(_("This application can no longer be changed."))
    correcting = application is not None and application.status == ApplicationStatus.CORRECTIONS
    if not call.accepts_applications and not correcting:
        raise DomainError(_("This call does not accept applications now."))
    if data.letter:
        check_letter(data.letter)
    if correcting and data.jst.pk != application.jst_id:
        raise DomainError(_("The JST of an application cannot change."), field="jst")
    _check_jst(call, data.jst, application)
    new = application is None
    sends_link = confirmation_due(application, data.coordinator_email)
    if new:
        application = Application(call=call)
    email = coordinator_email(data.coordinator_email)
    email_changed = not new and sends_link
    application.jst = data.jst
    application.coordinator_name = data.coordinator_name.strip()
    application.coordinator_email = email
    if email_changed:
        application.email_confirmed_at = None
    application.answers = [
        {"question": q, "answer": (a or "").strip()}
        for q, a in zip(call.questions, data.answers, strict=False)
    ]
    if data.consent:
        if application.consent_text != call.consent_text or not application.consent_at:
            application.consent_at = timezone.now()
        application.consent_text = call.consent_text
    else:
        application.consent_text, application.consent_at = "", None
    if data.letter:
        if application.letter:
            application.letter.delete(save=False)
        application.letter_name = data.letter.name[:200]
        application.letter.save(data.letter.name, data.letter, save=False)
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError as error:
        raise DomainError(_("This JST has already applied to this call."), field="jst") from error
    application.team.all().delete()
    TeamMember.objects.bulk_create(
        TeamMember(application=application, order=i, **row) for i, row in enumerate(data.team)
    )
    rescore(application)
    entry = audit.record(
        actor,
        "recruitment.application.saved",
        application,
        {"new": new},
    )
    if sends_link:
        notifications.queue(application, "confirm", occasion=entry.pk, by_recipient=True)
    return application


def submission_problems(application: Application) -> list[tuple[str, str]]:
    """Every rule an application must meet to be submitted, as (field, message)."""
    call = application.call
    team = list(application.team.all())
    problems = []
    if not call.team_min <= len(team) <= call.team_max:
        problems.append(
            (
                "team",
                _("The team must have from %(min)d to %(max)d people; it has %(count)d.")
                % {"min": call.team_min, "max": call.team_max, "count": len(team)},
            )
        )
    managers = sum(1 for m in team if m.profile == "management")
    if managers < call.team_min_managers:
        problems.append(
            (
                "team",
                _("The team needs at least %(count)d person(s) from the management staff.")
                % {"count": call.team_min_managers},
            )
        )
    seen: set[str] = set()
    for member in team:
        email = member.email.strip().lower()
        if email in seen:
            problems.append(
                (
                    "team",
                    _("Each team member needs a different e-mail address: %(email)s repeats.")
                    % {"email": email},
                )
            )
        seen.add(email)
    answers = {a["question"]: a["answer"] for a in application.answers}
    for i, question in enumerate(call.questions):
        if not answers.get(question):
            problems.append((f"answer_{i}", _("Answer this question.")))
    if not application.consent_at:
        problems.append(("consent", _("The consent is required to submit the application.")))
    if not application.letter:
        problems.append(("letter", _("Attach the signed letter of intent (PDF).")))
    return problems


@service
def application_submit(*, application: Application, actor: Actor) -> Application:
    lock(application)
    if not application.is_editable:
        raise DomainError(_("This application has already been submitted."))
    problems = submission_problems(application)
    if problems:
        raise ApplicationIncomplete(problems)
    application.status = ApplicationStatus.SUBMITTED
    application.submitted_at = timezone.now()
    application.corrections_note = ""
    application.save(update_fields=["status", "submitted_at", "corrections_note", "updated_at"])
    audit.record(
        actor,
        "recruitment.application.submitted",
        application,
    )
    return application


def rescore(application: Application) -> Application:
    application.score, application.score_parts = scoring.score(application)
    Application.objects.filter(pk=application.pk).update(
        score=application.score, score_parts=application.score_parts
    )
    return application


def confirmation_code(application: Application) -> str:
    # The link binds the address it was sent to by a digest: a signed value is only encoded,
    # so the address itself would travel in the URL (and the access logs).
    return signing.dumps(
        {"a": application.pk, "e": _email_digest(application.coordinator_email)},
        salt=CONFIRM_SALT,
    )


def _email_digest(email: str) -> str:
    return salted_hmac(CONFIRM_SALT, email.lower()).hexdigest()[:20]


def application_for_code(code: str) -> Application:
    """The application a confirmation link names; DomainError for a bad or stale link."""
    try:
        data = signing.loads(code, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature as error:
        raise DomainError(_("This confirmation link is invalid or has expired.")) from error
    application = Application.objects.select_related("call", "jst").filter(pk=data["a"]).first()
    if application is None or _email_digest(application.coordinator_email) != data["e"]:
        raise DomainError(_("This confirmation link is invalid or has expired."))
    return application


@service
def application_confirm_email(*, application: Application, actor: Actor) -> User | None:
    """Confirm the coordinator's e-mail; create their account (JST coordinator) if needed.

    A new account has no password: the e-mail that follows carries the link to set one. An
    existing account is linked when it is the coordinator of the same JST; any other existing
    account (another role or JST) is left alone and the application stays without one
    (`accounts.services.coordinator_for_application` decides).
    """
    if application.email_confirmed_at:
        return application.coordinator
    application.email_confirmed_at = timezone.now()
    user, created = coordinator_for_application(
        actor=actor,
        email=application.coordinator_email,
        full_name=application.coordinator_name,
        jst=application.jst,
    )
    application.coordinator = user
    application.save(update_fields=["email_confirmed_at", "coordinator", "updated_at"])
    audit.record(
        actor,
        "recruitment.application.confirmed",
        application,
        {"account_created": created},
    )
    if created:
        notifications.queue(application, "welcome", occasion=user.pk, by_recipient=True)
    return user
