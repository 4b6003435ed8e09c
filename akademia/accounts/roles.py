"""Roles, and what each role may do. The one place where a role's powers are written down."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    NATIONAL_OPERATOR = "national_operator", _("national operator")
    REGIONAL_OPERATOR = "regional_operator", _("regional operator")
    EXPERT = "expert", _("programme expert")
    TRAINER = "trainer", _("trainer / advisor")
    JST_COORDINATOR = "jst_coordinator", _("JST coordinator")
    PARTICIPANT = "participant", _("participant")


# Roles whose scope is a set of voivodeships, and roles whose scope is one JST.
VOIVODESHIP_SCOPED = frozenset({Role.REGIONAL_OPERATOR, Role.TRAINER})
JST_SCOPED = frozenset({Role.JST_COORDINATOR, Role.PARTICIPANT})
OPERATORS = frozenset({Role.NATIONAL_OPERATOR, Role.REGIONAL_OPERATOR})
# Roles that act for many people at once: their sessions end after a short idle time.
STAFF = OPERATORS | {Role.EXPERT}


class Capability(models.TextChoices):
    """Something a role may do; views ask for a capability, never for a role."""

    MANAGE_USERS = "manage_users"
    IMPORT_REGISTER = "import_register"
    READ_AUDIT = "read_audit"
    WORK_ON_PROGRAMMES = "work_on_programmes"
    CREATE_PROGRAMMES = "create_programmes"
    OPEN_CONSULTATIONS = "open_consultations"
    RUN_CONSULTATIONS = "run_consultations"
    # Open, review or close a round (closing publishes its report): rounds are national.
    SET_ROUND_STATUS = "set_round_status"
    MANAGE_TAXONOMY = "manage_taxonomy"
    VIEW_CONSULTATIONS = "view_consultations"
    DECIDE_COMMENTS = "decide_comments"
    RUN_RECRUITMENT = "run_recruitment"
    CREATE_RECRUITMENT_PROJECTS = "create_recruitment_projects"
    FOLLOW_OWN_APPLICATIONS = "follow_own_applications"
    PLAN_TRAINING = "plan_training"
    PLAN_ALL_PROJECTS = "plan_all_projects"
    SEE_OWN_TRAINING_DATES = "see_own_training_dates"
    SEE_OWN_MEETINGS = "see_own_meetings"
    EDIT_COMMENT = "edit_comment"
    # consultations and programmes (issue #10) ------------------------------------------------
    # Read every comment of a round, its summary, tabela uwag and the changes it caused.
    SEE_ALL_COMMENTS = "see_all_comments"
    # Edit a programme's drafts and start its next version (an expert: the programmes they write).
    EDIT_PROGRAMMES = "edit_programmes"
    # Move a programme version along its statuses and choose a programme's authors.
    PUBLISH_PROGRAMMES = "publish_programmes"
    # Be a programme's author: an expert who creates a programme becomes its author.
    AUTHOR_PROGRAMMES = "author_programmes"
    # See the e-mails the platform gave up sending (never their content) and send them again.
    MANAGE_OUTBOX = "manage_outbox"
    # delivery (issue #13) ------------------------------------------------------------------
    # Read the groups' participants, attendance lists and reports: operators of their scope,
    # trainers of the groups they teach, a JST's coordinator of its people.
    SEE_ATTENDANCE = "see_attendance"
    # Mark attendance on a day that is not closed: the trainers of the day (their scope is the
    # groups they teach), and operators.
    MARK_ATTENDANCE = "mark_attendance"
    # Change a mark of a closed day, with a reason: the operators of the project's voivodeship.
    CORRECT_CLOSED_ATTENDANCE = "correct_closed_attendance"
    # Replace a participant by a substitute (zastępstwo), record a withdrawal: the verified
    # coordinator of the participant's JST, and operators.
    MANAGE_PARTICIPANTS = "manage_participants"
    # "Moje szkolenie": a participant's own groups, days and attendance (a coordinator who is
    # also in the team reads theirs on the JST's attendance lists).
    SEE_OWN_TRAINING = "see_own_training"
    # Tasks between meetings: read them (operators of their scope, the trainers of the group, the
    # JST's coordinator and participants: their team's); send a team's answer (the JST's
    # verified coordinator or an active participant of the team); review the answers (the
    # trainers of the group).
    SEE_TASKS = "see_tasks"
    SUBMIT_TASKS = "submit_tasks"
    REVIEW_TASKS = "review_tasks"
    # Issue the certificates of a group (a background job), revoke one with a reason, download
    # any certificate of their scope: operators. (A participant downloads their own through
    # SEE_OWN_TRAINING; anyone verifies a number on the public page.)
    ISSUE_CERTIFICATES = "issue_certificates"
    # Set the completion rules of a programme version (versions are national).
    SET_COMPLETION_RULES = "set_completion_rules"
    # The calendar of one's meetings (list, month, iCalendar feed): a participant their own, a
    # trainer those they teach, a coordinator their JST's, an operator their voivodeships'.
    SEE_CALENDAR = "see_calendar"
    # Advisory support (doradztwo, issue #13 part 5): read the JST's advisory hours and entries
    # (operators of their scope, an advisor the JST assigned to them, a JST's coordinator).
    SEE_ADVISORY = "see_advisory"
    # Assign an advisor (a trainer of the JST's voivodeship) to a JST of a project: operators.
    ASSIGN_ADVISORS = "assign_advisors"
    # Plan and log visits and remote sessions, correct a disputed one: the JST's advisor.
    LOG_ADVISORY = "log_advisory"
    # Confirm or dispute an advisor's entry: the JST's verified coordinator.
    CONFIRM_ADVISORY = "confirm_advisory"
    # Confirm one's own attendance with the QR code the trainer shows (self check-in): a person
    # taking part in the day's group (a participant, or a coordinator who is in the team).
    SELF_CHECK_IN = "self_check_in"
    # evaluation (issue #14) ----------------------------------------------------------------
    # Write the questionnaires of a programme version (a new version once one was answered):
    # the national operator, and an expert for the programmes they wrote (the scope).
    AUTHOR_QUESTIONNAIRES = "author_questionnaires"
    # Answer the surveys one is invited to, see one's own test scores: participants, trainers,
    # JST coordinators.
    ANSWER_SURVEYS = "answer_surveys"
    # Read the results of surveys above the threshold: operators of their scope, the trainer of
    # the group, a JST's coordinator of the groups their JST trains in.
    SEE_SURVEY_RESULTS = "see_survey_results"
    # Approve (or edit, or reject) open answers of anonymous surveys before anyone reads them.
    MODERATE_ANSWERS = "moderate_answers"
    # trust (issue #16) ---------------------------------------------------------------------
    # Confirm each sign-in with a second step (an authenticator app's code or a recovery code):
    # required of operators and experts when TWO_FACTOR_REQUIRED is on (accounts/two_factor.py).
    USE_TWO_FACTOR = "use_two_factor"
    # reporting (issue #15) -----------------------------------------------------------------
    # Read the monitoring dashboards, maps and exports of the projects of one's scope.
    SEE_REPORTS = "see_reports"
    # Set the indicator targets of a project of one's scope (and its curve over time).
    SET_TARGETS = "set_targets"
    # Set the programme's national targets directly (instead of the sum of the projects').
    SET_NATIONAL_TARGETS = "set_national_targets"


CAPABILITIES: dict[str, frozenset[str]] = {
    Capability.MANAGE_USERS: OPERATORS,
    Capability.IMPORT_REGISTER: frozenset({Role.NATIONAL_OPERATOR}),
    Capability.READ_AUDIT: OPERATORS,
    Capability.WORK_ON_PROGRAMMES: OPERATORS | {Role.EXPERT},
    Capability.CREATE_PROGRAMMES: frozenset({Role.NATIONAL_OPERATOR, Role.EXPERT}),
    Capability.OPEN_CONSULTATIONS: frozenset({Role.NATIONAL_OPERATOR}),
    Capability.RUN_CONSULTATIONS: OPERATORS,
    Capability.SET_ROUND_STATUS: frozenset({Role.NATIONAL_OPERATOR}),
    Capability.MANAGE_TAXONOMY: frozenset({Role.NATIONAL_OPERATOR}),
    Capability.VIEW_CONSULTATIONS: OPERATORS | JST_SCOPED | {Role.EXPERT},
    Capability.DECIDE_COMMENTS: OPERATORS,
    Capability.RUN_RECRUITMENT: OPERATORS,
    Capability.CREATE_RECRUITMENT_PROJECTS: frozenset({Role.NATIONAL_OPERATOR}),
    Capability.FOLLOW_OWN_APPLICATIONS: frozenset({Role.JST_COORDINATOR}),
    Capability.PLAN_TRAINING: OPERATORS,
    Capability.PLAN_ALL_PROJECTS: frozenset({Role.NATIONAL_OPERATOR}),
    Capability.SEE_OWN_TRAINING_DATES: JST_SCOPED,
    Capability.SEE_OWN_MEETINGS: frozenset({Role.TRAINER}),
    Capability.EDIT_COMMENT: OPERATORS | JST_SCOPED,
    # consultations and programmes (issue #10)
    Capability.SEE_ALL_COMMENTS: OPERATORS | {Role.EXPERT},
    Capability.EDIT_PROGRAMMES: frozenset({Role.NATIONAL_OPERATOR, Role.EXPERT}),
    Capability.PUBLISH_PROGRAMMES: frozenset({Role.NATIONAL_OPERATOR}),
    Capability.AUTHOR_PROGRAMMES: frozenset({Role.EXPERT}),
    Capability.MANAGE_OUTBOX: frozenset({Role.NATIONAL_OPERATOR}),
    # delivery (issue #13)
    Capability.SEE_ATTENDANCE: OPERATORS | {Role.TRAINER, Role.JST_COORDINATOR},
    Capability.MARK_ATTENDANCE: OPERATORS | {Role.TRAINER},
    Capability.CORRECT_CLOSED_ATTENDANCE: OPERATORS,
    Capability.MANAGE_PARTICIPANTS: OPERATORS | {Role.JST_COORDINATOR},
    Capability.SEE_OWN_TRAINING: frozenset({Role.PARTICIPANT}),
    Capability.SEE_TASKS: OPERATORS | JST_SCOPED | {Role.TRAINER},
    Capability.SUBMIT_TASKS: JST_SCOPED,
    Capability.REVIEW_TASKS: frozenset({Role.TRAINER}),
    Capability.ISSUE_CERTIFICATES: OPERATORS,
    Capability.SET_COMPLETION_RULES: frozenset({Role.NATIONAL_OPERATOR}),
    Capability.SEE_CALENDAR: OPERATORS | {Role.TRAINER, Role.JST_COORDINATOR, Role.PARTICIPANT},
    Capability.SEE_ADVISORY: OPERATORS | {Role.TRAINER, Role.JST_COORDINATOR},
    Capability.ASSIGN_ADVISORS: OPERATORS,
    Capability.LOG_ADVISORY: frozenset({Role.TRAINER}),
    Capability.CONFIRM_ADVISORY: frozenset({Role.JST_COORDINATOR}),
    Capability.SELF_CHECK_IN: JST_SCOPED,
    # evaluation (issue #14)
    Capability.AUTHOR_QUESTIONNAIRES: frozenset({Role.NATIONAL_OPERATOR, Role.EXPERT}),
    Capability.ANSWER_SURVEYS: frozenset({Role.PARTICIPANT, Role.TRAINER, Role.JST_COORDINATOR}),
    Capability.SEE_SURVEY_RESULTS: OPERATORS | {Role.TRAINER, Role.JST_COORDINATOR},
    Capability.MODERATE_ANSWERS: OPERATORS,
    # trust (issue #16)
    Capability.USE_TWO_FACTOR: STAFF,
    # reporting (issue #15)
    Capability.SEE_REPORTS: OPERATORS,
    Capability.SET_TARGETS: OPERATORS,
    Capability.SET_NATIONAL_TARGETS: frozenset({Role.NATIONAL_OPERATOR}),
}

# Which roles an operator of each kind may invite.
INVITABLE_ROLES: dict[str, tuple[str, ...]] = {
    Role.NATIONAL_OPERATOR: tuple(Role.values),
    Role.REGIONAL_OPERATOR: (Role.TRAINER, Role.JST_COORDINATOR, Role.PARTICIPANT),
}
