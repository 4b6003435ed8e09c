"""The register of personal data (rejestr czynności przetwarzania, art. 30 RODO), by field.

Every column of the platform's models that holds data about a natural person is listed in
`REGISTER` with the purpose it serves, its legal basis and its retention class; every other
column that could be mistaken for one (text, files, JSON, choices, links to a person) is listed
in `NOT_PERSONAL`. `tests/test_personal_data.py` fails when a model gains such a column in
neither list, so a new field is classified when it is written. Keys are `app.Model.field`.
"""

from dataclasses import dataclass
from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _


class Purpose(models.TextChoices):
    ACCOUNT = "account", _("signing in and acting on the platform")
    RECRUITMENT = "recruitment", _("recruiting JST and their teams to a project")
    MONITORING = "monitoring", _("monitoring data of participants of an EU-funded project")
    DELIVERY = "delivery", _("running the training: attendance, tasks, advisory, certificates")
    CONSULTATION = "consultation", _("consulting training programmes")
    EVALUATION = "evaluation", _("evaluating the training: surveys and knowledge tests")
    ACCOUNTABILITY = "accountability", _("recording who did what (the audit trail)")
    COMMUNICATION = "communication", _("e-mails the platform sends")
    SECURITY = "security", _("protecting the platform against abuse")


class Basis(models.TextChoices):
    LEGAL_OBLIGATION = "6.1.c", _("Art. 6(1)(c) GDPR: a legal obligation (EU funds rules)")
    PUBLIC_TASK = "6.1.e", _("Art. 6(1)(e) GDPR: a task in the public interest")


class Retention(models.TextChoices):
    PROJECT = "project", _("with the project's records, for the period the funding rules set")
    ACCOUNT = "account", _("while the account is used, then with the project's records")
    CONSULTATION = "consultation", _("with the consultation's records")
    SHORT = "short", _("days: only as long as the technical purpose needs")


@dataclass(frozen=True)
class Entry:
    purpose: Purpose
    basis: Basis
    retention: Retention


_ACCOUNT = Entry(Purpose.ACCOUNT, Basis.PUBLIC_TASK, Retention.ACCOUNT)
_RECRUITMENT = Entry(Purpose.RECRUITMENT, Basis.PUBLIC_TASK, Retention.PROJECT)
_MONITORING = Entry(Purpose.MONITORING, Basis.LEGAL_OBLIGATION, Retention.PROJECT)
_DELIVERY = Entry(Purpose.DELIVERY, Basis.LEGAL_OBLIGATION, Retention.PROJECT)
_CONSULTATION = Entry(Purpose.CONSULTATION, Basis.PUBLIC_TASK, Retention.CONSULTATION)
_EVALUATION = Entry(Purpose.EVALUATION, Basis.PUBLIC_TASK, Retention.PROJECT)
_TRAIL = Entry(Purpose.ACCOUNTABILITY, Basis.LEGAL_OBLIGATION, Retention.PROJECT)
_MAIL = Entry(Purpose.COMMUNICATION, Basis.PUBLIC_TASK, Retention.SHORT)
_SECURITY = Entry(Purpose.SECURITY, Basis.PUBLIC_TASK, Retention.SHORT)

REGISTER: dict[str, Entry] = {
    # People's accounts.
    "accounts.User.email": _ACCOUNT,
    "accounts.User.full_name": _ACCOUNT,
    "accounts.User.password": _ACCOUNT,
    "accounts.User.language": _ACCOUNT,
    "accounts.User.invited_by": _TRAIL,
    "accounts.User.jst_verified_by": _TRAIL,
    # A person's API tokens: whose, the name they gave it (the key itself is never stored).
    "api.ApiToken.user": _ACCOUNT,
    "api.ApiToken.name": _ACCOUNT,
    "delivery.CalendarFeed.user": _DELIVERY,
    # Recruitment: the coordinator and the team a JST names, with the EU monitoring answers.
    "recruitment.Application.coordinator_name": _RECRUITMENT,
    "recruitment.Application.coordinator_email": _RECRUITMENT,
    "recruitment.Application.coordinator": _RECRUITMENT,
    "recruitment.Application.letter": _RECRUITMENT,  # signed by named officials
    "recruitment.Application.override_by": _TRAIL,
    "recruitment.TeamMember.full_name": _RECRUITMENT,
    "recruitment.TeamMember.email": _RECRUITMENT,
    "recruitment.TeamMember.position": _RECRUITMENT,
    "recruitment.TeamMember.profile": _RECRUITMENT,
    "recruitment.TeamMember.gender": _MONITORING,
    "recruitment.TeamMember.age_group": _MONITORING,
    "recruitment.TeamMember.education": _MONITORING,
    "recruitment.Enrolment.profile": _RECRUITMENT,
    # Consultations: who wrote a comment, who took part in a meeting.
    "consultations.Comment.author_user": _CONSULTATION,
    "consultations.Comment.author_name": _CONSULTATION,
    "consultations.MeetingParticipant.name": _CONSULTATION,
    "consultations.MeetingParticipant.user": _CONSULTATION,
    # Planning: trainers are people.
    "planning.Trainer.name": _DELIVERY,
    "planning.Trainer.user": _DELIVERY,
    "planning.Trainer.unavailable": _DELIVERY,
    # Delivery: participants, their attendance, answers, advisory and certificates.
    "delivery.Participant.user": _DELIVERY,
    "delivery.Participant.full_name": _DELIVERY,
    "delivery.Participant.email": _DELIVERY,
    "delivery.Participant.since": _DELIVERY,
    "delivery.Participant.until": _DELIVERY,
    "delivery.Participant.status": _DELIVERY,
    "delivery.Participant.end_reason": _DELIVERY,
    "delivery.AttendanceMark.status": _DELIVERY,
    "delivery.AttendanceMark.note": _DELIVERY,
    "delivery.AttendanceChange.status": _DELIVERY,
    "delivery.AttendanceChange.note": _DELIVERY,
    "delivery.AttendanceChange.reason": _DELIVERY,
    "delivery.AttendanceChange.source": _DELIVERY,
    "delivery.TaskSubmission.text": _DELIVERY,
    "delivery.TaskFile.file": _DELIVERY,
    "delivery.TaskFile.name": _DELIVERY,
    "delivery.TaskReview.feedback": _DELIVERY,
    "delivery.Certificate.full_name": _DELIVERY,
    "delivery.Certificate.number": _DELIVERY,
    "delivery.Certificate.completion": _DELIVERY,
    "delivery.Certificate.revoke_reason": _DELIVERY,
    "delivery.AdvisoryAssignment.advisor": _DELIVERY,
    "delivery.AdvisorySession.advisor": _DELIVERY,
    # Evaluation: who is invited and has answered (never linked to an anonymous answer), a
    # draft while it is filled, a knowledge test's answers and score (personal by design), and
    # open answers, which may name someone until a moderator has read them.
    "evaluation.Invitation.user": _EVALUATION,
    "evaluation.Invitation.role": _EVALUATION,
    "evaluation.Draft.user": _EVALUATION,
    "evaluation.Draft.data": _EVALUATION,
    "evaluation.Response.user": _EVALUATION,
    "evaluation.Answer.value": _EVALUATION,
    "evaluation.Answer.published_text": _EVALUATION,
    # EU monitoring (SM EFS): what a participant gives at the start of their participation
    # (docs/efs.md); the sensitive answers may be refused.
    "efs.MonitoringData.user": _MONITORING,
    "efs.MonitoringData.citizenship": _MONITORING,
    "efs.MonitoringData.pesel": _MONITORING,
    "efs.MonitoringData.no_pesel_reason": _MONITORING,
    "efs.MonitoringData.sex": _MONITORING,
    "efs.MonitoringData.birth_date": _MONITORING,
    "efs.MonitoringData.residence": _MONITORING,
    "efs.MonitoringData.education": _MONITORING,
    "efs.MonitoringData.labour_status": _MONITORING,
    "efs.MonitoringData.locality": _MONITORING,
    "efs.MonitoringData.postal_code": _MONITORING,
    "efs.MonitoringData.degurba": _MONITORING,
    "efs.MonitoringData.phone": _MONITORING,
    "efs.MonitoringData.foreign_origin": _MONITORING,
    "efs.MonitoringData.third_country": _MONITORING,
    "efs.MonitoringData.minority": _MONITORING,
    "efs.MonitoringData.homeless": _MONITORING,
    "efs.MonitoringData.disability": _MONITORING,
    "efs.MonitoringData.end_situation": _MONITORING,
    "efs.MonitoringData.filled_by": _TRAIL,
    # A JST's office contacts may name the official who answers them.
    "efs.InstitutionData.phone": _MONITORING,
    "efs.InstitutionData.email": _MONITORING,
    "efs.InstitutionData.updated_by": _TRAIL,
    # Who did what: every link from a record to the person who made or changed it.
    "core.AuditEntry.actor": _TRAIL,
    "core.AuditEntry.target_repr": _TRAIL,  # may name the person a record is about
    "core.AuditEntry.data": _TRAIL,
    "core.Job.created_by": _TRAIL,
    "territory.RegisterImport.imported_by": _TRAIL,
    "programmes.ProgrammeVersion.created_by": _TRAIL,
    "consultations.ConsultationRound.created_by": _TRAIL,
    "consultations.Comment.created_by": _TRAIL,
    "consultations.Decision.decided_by": _TRAIL,
    "recruitment.Project.created_by": _TRAIL,
    "recruitment.Call.created_by": _TRAIL,
    "recruitment.SelectionRun.created_by": _TRAIL,
    "planning.Plan.created_by": _TRAIL,
    "delivery.Participant.ended_by": _TRAIL,
    "delivery.TrainingDay.closed_by": _TRAIL,
    "delivery.AttendanceMark.marked_by": _TRAIL,
    "delivery.AttendanceChange.changed_by": _TRAIL,
    "delivery.TaskSubmission.submitted_by": _TRAIL,
    "delivery.TaskReview.reviewed_by": _TRAIL,
    "delivery.CompletionRules.updated_by": _TRAIL,
    "reporting.Target.updated_by": _TRAIL,
    "delivery.Certificate.issued_by": _TRAIL,
    "delivery.Certificate.revoked_by": _TRAIL,
    "delivery.AdvisoryAssignment.assigned_by": _TRAIL,
    "delivery.AdvisorySession.changed_by": _TRAIL,
    "delivery.AdvisoryChange.changed_by": _TRAIL,
    "delivery.TrainingDayEvent.changed_by": _TRAIL,
    "evaluation.Questionnaire.created_by": _TRAIL,
    # E-mails on their way, and the traces of abuse protection.
    "core.OutboxEmail.to": _MAIL,
    "core.OutboxEmail.subject": _MAIL,
    "core.OutboxEmail.body": _MAIL,
    "core.RateHit.key": _SECURITY,  # a client address or an account
}

# Columns that look like personal data and are not: texts about programmes, places, JST and
# decisions, identifiers, states, settings and machine bookkeeping.
NOT_PERSONAL: set[str] = {
    "reporting.Target.indicator",
    "reporting.Target.category",
    "reporting.Target.curve",
    "core.AuditEntry.action",
    "core.AuditEntry.target_type",
    "core.AuditEntry.target_id",
    "core.AuditEntry.voivodeship_code",
    "core.Job.kind",
    "core.Job.label",
    "core.Job.params",
    "core.Job.status",
    "core.Job.message",
    "core.Job.result",
    "core.Job.error",
    "core.Job.worker",
    "core.RateHit.scope",
    "core.OutboxEmail.key",
    "core.OutboxEmail.claim",
    "core.OutboxEmail.last_error",
    "accounts.User.role",
    "api.ApiToken.prefix",  # random, names the token; not the key
    "api.ApiToken.key_hash",  # SHA-256 of a random key: nothing a person can read or reuse
    "api.ApiToken.access",
    "territory.Voivodeship.name",
    "territory.Voivodeship.boundary",
    "territory.Voivodeship.outline",
    "territory.Voivodeship.code",
    "territory.Voivodeship.capital",
    "territory.County.name",
    "territory.County.boundary",
    "territory.County.outline",
    "territory.County.code",
    "territory.Commune.name",
    "territory.Commune.boundary",
    "territory.Commune.outline",
    "territory.Commune.code",
    "territory.Commune.kind",
    "territory.Jst.code",
    "territory.Jst.name",
    "territory.Jst.kind",
    "territory.Jst.name_key",
    "territory.Jst.search_key",
    "territory.RegisterImport.state_date",
    "territory.RegisterImport.summary",
    "programmes.Programme.title",
    "programmes.ProgrammeVersion.status",
    "programmes.ProgrammeVersion.title",
    "programmes.ProgrammeVersion.goal",
    "programmes.ProgrammeVersion.target_kinds",
    "programmes.ProgrammeVersion.audience",
    "programmes.ProgrammeVersion.advisory_mode",
    "programmes.ProgrammeVersion.weekdays",
    "programmes.Module.title",
    "programmes.Module.learning_outcomes",
    "programmes.Module.methods",
    "programmes.Module.intersession_task",
    "consultations.Block.code",
    "consultations.Block.name",
    "consultations.ConsultationRound.title",
    "consultations.ConsultationRound.status",
    "consultations.Meeting.kind",
    "consultations.Meeting.entry_token",
    "consultations.Comment.text",
    "consultations.Comment.proposed_change",
    "consultations.Comment.author_kind",
    "consultations.Comment.target_kind",
    "consultations.Comment.target_parameter",
    "consultations.Comment.source",
    "consultations.DecisionState.code",
    "consultations.DecisionState.name",
    "consultations.DecisionState.name_en",
    "consultations.Review.title",
    "consultations.Review.place",
    "consultations.Decision.rationale",
    "consultations.Decision.reflection",
    "consultations.Decision.change_paths",
    "consultations.ClassifierSnapshot.fingerprint",
    "recruitment.Project.name",
    "recruitment.Call.title",
    "recruitment.Call.status",
    "recruitment.Call.kinds",
    "recruitment.Call.questions",
    "recruitment.Call.consent_text",
    "recruitment.Criterion.code",
    "recruitment.CallQuota.code",
    "recruitment.CallQuota.label",
    "recruitment.CallQuota.field",
    "recruitment.CallQuota.values",
    "recruitment.CallQuota.unit",
    "recruitment.Application.status",
    "recruitment.Application.answers",  # the JST's answers about the JST
    "recruitment.Application.consent_text",
    "recruitment.Application.letter_name",
    "recruitment.Application.corrections_note",
    "recruitment.Application.score_parts",
    "recruitment.Application.override",
    "recruitment.Application.override_reason",
    "recruitment.Application.reasons",
    "recruitment.SelectionRun.kind",
    "recruitment.SelectionRun.status",
    "recruitment.SelectionRun.inputs",
    "recruitment.SelectionRun.result",
    "planning.Venue.name",
    "planning.Venue.address",
    "planning.Venue.unavailable",
    "planning.Plan.status",
    "planning.Plan.parameters",
    "planning.Plan.problem",
    "planning.Plan.result",
    "planning.Plan.solver_status",
    "planning.Plan.reason",
    "planning.Plan.violations",
    "planning.Plan.changes",
    "planning.TrainingGroup.code",
    "delivery.TaskAssignment.title",
    "delivery.TaskAssignment.instructions",
    "delivery.TaskAssignment.status",
    "delivery.TaskFile.content_type",
    "delivery.TaskReview.decision",
    "delivery.Certificate.programme_title",
    "delivery.Certificate.modules",
    "delivery.Certificate.project_name",
    "delivery.Certificate.funding",
    "delivery.Certificate.issuer",
    "delivery.CalendarFeed.token",
    "delivery.AdvisorySession.mode",
    "delivery.AdvisorySession.topic",
    "delivery.AdvisorySession.done",
    "delivery.AdvisorySession.next_steps",
    "delivery.AdvisorySession.status",
    "delivery.AdvisoryChange.action",
    "delivery.AdvisoryChange.status",
    "delivery.AdvisoryChange.mode",
    "delivery.AdvisoryChange.topic",
    "delivery.AdvisoryChange.done",
    "delivery.AdvisoryChange.next_steps",
    "delivery.AdvisoryChange.comment",
    "delivery.TrainingDayEvent.action",
    "evaluation.Questionnaire.kind",
    "evaluation.Questionnaire.title",
    "evaluation.Question.type",
    "evaluation.Question.text",
    "evaluation.Question.help",
    "evaluation.Question.options",
    "evaluation.Question.rows",
    "evaluation.Question.correct",
    "evaluation.Question.show_if_value",
    "evaluation.Answer.moderation",
    "evaluation.FeedbackSource.key",  # a digest or survey/question numbers, never a person
    "evaluation.FeedbackSource.kind",
    "evaluation.AnswerCount.value",  # an option's position or a number, counted: no person
    "delivery.TrainingDayEvent.reason",  # why a list was reopened or its hours changed
    "efs.InstitutionData.nip",  # a JST's tax number
    "efs.InstitutionData.street",
    "efs.InstitutionData.building",
    "efs.InstitutionData.unit",
    "efs.InstitutionData.postal_code",
    "efs.InstitutionData.locality",
    "efs.InstitutionData.degurba",
    "efs.ProjectNumber.number",
    "efs.ProjectNumber.support_scope",  # the call's dictionary value
}


# Retention (issue #16, core/retention.py, docs/retention.md) ----------------------------------

# Where the keeping of each record starts: for every model with personal data in the register
# (other than the trail's links to an account, which point at an account anonymised by its own
# rule), the path to the date its retention period counts from. PROJECT: the project's end
# (`keep_until`: EU funds rules); CONSULTATION: the meeting or the comment's date, kept as long.
# A record whose date is empty (a project without dates) is kept.
RETENTION_START: dict[str, str] = {
    "recruitment.Application": "call__project__ends_on",
    "recruitment.TeamMember": "application__call__project__ends_on",
    "recruitment.Enrolment": "project__ends_on",
    "planning.Trainer": "project__ends_on",
    "delivery.Participant": "group__project__ends_on",
    "delivery.AttendanceMark": "participant__group__project__ends_on",
    "delivery.AttendanceChange": "mark__participant__group__project__ends_on",
    "delivery.TaskSubmission": "assignment__group__project__ends_on",
    "delivery.TaskFile": "submission__assignment__group__project__ends_on",
    "delivery.TaskReview": "submission__assignment__group__project__ends_on",
    "delivery.Certificate": "participant__group__project__ends_on",
    "delivery.AdvisoryAssignment": "project__ends_on",
    "delivery.AdvisorySession": "assignment__project__ends_on",
    "evaluation.Invitation": "survey__group__project__ends_on",
    "evaluation.Draft": "survey__group__project__ends_on",
    "evaluation.Response": "survey__group__project__ends_on",
    "evaluation.Answer": "response__survey__group__project__ends_on",
    "consultations.Comment": "created_at",
    "consultations.MeetingParticipant": "meeting__end_date",
    "efs.MonitoringData": "project__ends_on",
}

# Models whose personal data follow another rule than RETENTION_START, and which.
RETAINED_OTHERWISE: dict[str, str] = {
    "accounts.User": "anonymised when every record linked to it has expired and it has not "
    "been used since the start of the oldest period still running (or on an erasure request)",
    "delivery.CalendarFeed": "deleted when its account is anonymised",
    "api.ApiToken": "deleted when its account is anonymised (and revoked by its owner at will)",
    "core.AuditEntry": "the audit trail is append-only and kept whole; the accounts it names "
    "are anonymised by their own rule",
    "core.OutboxEmail": "deleted OUTBOX_KEEP_DAYS after it was sent or given up",
    "core.RateHit": "deleted when its limit's window has passed",
    "efs.InstitutionData": "a JST office's contact (not a person's), one per JST, replaced when "
    "the JST updates it",
}

# Columns of an expired record that stay as they are: the figures of the project's reports
# (with choices, dates, numbers and states, which are kept by their type), identifying no one
# once the names, addresses, free texts, files and links to an account are gone.
KEPT_ON_EXPIRY: set[str] = {
    "delivery.Certificate.number",  # a serial number, counted in the reports
    "delivery.Certificate.completion",  # attendance and task figures
    "evaluation.Answer.value",  # a survey's statistics (the response's link to a person goes)
}


def keep_until(start: date) -> date:
    """The last day a record whose retention starts on `start` must be kept (art. 82 CPR: five
    years from 31 December of the year of the last payment, assumed RETENTION_PAYMENT_LAG_YEARS
    after the year the project ends)."""
    from django.conf import settings

    years = settings.RETENTION_YEARS + settings.RETENTION_PAYMENT_LAG_YEARS
    return date(start.year + years, 12, 31)


def retention_cutoff(today: date) -> date:
    """Records whose retention started before this day have expired on `today`."""
    from django.conf import settings

    years = settings.RETENTION_YEARS + settings.RETENTION_PAYMENT_LAG_YEARS
    return date(today.year - years, 1, 1)


# A person's data (art. 15 and 20 RODO) -----------------------------------------------------------

NOT_EXPORTED = {"accounts.User.password"}  # a hash: nothing a person can read or reuse


def _is_address(field) -> bool:
    return isinstance(field, models.EmailField) or field.name == "to"


def person_records(user) -> dict[str, list[dict]]:
    """Every row the register says holds data about this person, with the registered columns'
    values. Rows about them: linked to their account or naming their e-mail address (their
    participation, team place, application), then the rows that hang on those (their marks
    and the marks' versions, their certificates, their test answers). Rows they only acted on
    (the `ACCOUNTABILITY` links: a list a trainer closed) are listed, but not followed: other
    people's data hangs on those. Anonymous survey answers are in no such row, by design."""
    from django.apps import apps

    fields: dict[str, list[str]] = {}
    for key in REGISTER:
        if key not in NOT_EXPORTED:
            label, name = key.rsplit(".", 1)
            fields.setdefault(label, []).append(name)
    about: dict[str, set] = {}  # label → pks of rows about the person
    acted: dict[str, set] = {}  # label → pks of rows they only acted on
    for label, names in fields.items():
        model = apps.get_model(label)
        mine, did = _links(model, names, user)
        if mine:
            about[label] = set(model._default_manager.filter(mine).values_list("pk", flat=True))
        if did:
            acted[label] = set(model._default_manager.filter(did).values_list("pk", flat=True))
    for _depth in range(3):  # participant → mark → the mark's versions
        for label in fields:
            model = apps.get_model(label)
            if _links(model, fields[label], user)[0]:
                continue  # its rows name their own person (a team member): not this one's
            for field in model._meta.concrete_fields:
                target = field.related_model._meta.label if field.is_relation else None
                # Links to the account itself were judged by `_links` (about or acted).
                if target in about and target not in (label, user._meta.label) and about[target]:
                    rows = model._default_manager.filter(**{f"{field.name}__in": about[target]})
                    about.setdefault(label, set()).update(rows.values_list("pk", flat=True))
    records = {}
    for label in sorted(fields):
        mine, did = about.get(label, set()), acted.get(label, set())
        if mine or did:
            rows = apps.get_model(label)._default_manager.filter(pk__in=mine | did).order_by("pk")
            # A row they only acted on shows that they did (its link to them), not the data of
            # the person it is about.
            trail = [n for n in fields[label] if REGISTER[f"{label}.{n}"] == _TRAIL]
            records[label] = [
                {
                    "id": str(r.pk),
                    **{n: _plain(r, n) for n in (fields[label] if r.pk in mine else trail)},
                }
                for r in rows
            ]
    return records


def _row(row, names) -> dict:
    return {"id": str(row.pk), **{name: _plain(row, name) for name in names}}


def _links(model, names, user) -> tuple[models.Q, models.Q]:
    """The conditions for rows about the person, and for rows they only acted on."""
    mine = models.Q(pk=user.pk) if model is type(user) else models.Q()
    did = models.Q()
    for name in names:
        field = model._meta.get_field(name)
        key = f"{model._meta.label}.{name}"
        if field.is_relation and field.related_model is type(user):
            if REGISTER[key].purpose == Purpose.ACCOUNTABILITY:
                did |= models.Q(**{name: user})
            else:
                mine |= models.Q(**{name: user})
        elif _is_address(field):
            mine |= models.Q(**{f"{name}__iexact": user.email})
    return mine, did


def _plain(row, name: str):
    field = row._meta.get_field(name)
    if field.is_relation:
        return getattr(row, field.attname)
    value = getattr(row, name)
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return (
        value if isinstance(value, (str, int, float, bool, list, dict, type(None))) else str(value)
    )
