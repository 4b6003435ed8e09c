"""Navigation: each entry names the capability that shows it (None: every signed-in user)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from akademia.accounts.permissions import can
from akademia.accounts.roles import Capability

# (url name, label, capability or None for every signed-in user)
NAVIGATION = [
    ("core:home", _("Dashboard"), None),
    ("programmes:programme-list", _("Programmes"), Capability.WORK_ON_PROGRAMMES),
    ("consultations:round-list", _("Consultations"), Capability.VIEW_CONSULTATIONS),
    ("recruitment:project-list", _("Recruitment"), Capability.RUN_RECRUITMENT),
    ("recruitment:open-calls", _("Calls for applications"), Capability.FOLLOW_OWN_APPLICATIONS),
    ("recruitment:my-applications", _("My applications"), Capability.FOLLOW_OWN_APPLICATIONS),
    ("planning:project-list", _("Training plans"), Capability.PLAN_TRAINING),
    ("planning:my-dates", _("My training dates"), Capability.SEE_OWN_TRAINING_DATES),
    ("planning:my-meetings", _("My meetings"), Capability.SEE_OWN_MEETINGS),
    ("delivery:group-list", _("Attendance lists"), Capability.SEE_ATTENDANCE),
    ("delivery:my-training", _("My training"), Capability.SEE_OWN_TRAINING),
    ("delivery:task-list", _("Tasks between meetings"), Capability.SEE_TASKS),
    ("delivery:calendar", _("Calendar"), Capability.SEE_CALENDAR),
    ("delivery:advisory-list", _("Advisory"), Capability.SEE_ADVISORY),
    ("evaluation:my-surveys", _("My surveys"), Capability.ANSWER_SURVEYS),
    ("evaluation:results-list", _("Survey results"), Capability.SEE_SURVEY_RESULTS),
    ("evaluation:questionnaire-list", _("Questionnaires"), Capability.AUTHOR_QUESTIONNAIRES),
    ("reporting:dashboard", _("Monitoring"), Capability.SEE_REPORTS),
    ("programmes:catalogue", _("Catalogue"), None),
    ("progress:public", _("Training progress"), None),
    ("territory:poland", _("JST registry"), None),
    ("accounts:user-list", _("Users"), Capability.MANAGE_USERS),
    ("core:audit-log", _("Audit log"), Capability.READ_AUDIT),
    ("core:email-list", _("Failed e-mails"), Capability.MANAGE_OUTBOX),
    ("territory:register-import", _("TERYT import"), Capability.IMPORT_REGISTER),
]


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        items = [
            ("recruitment:open-calls", _("Calls for applications")),
            ("programmes:catalogue", _("Catalogue")),
            ("progress:public", _("Training progress")),
            ("territory:poland", _("JST registry")),
        ]
    else:
        items = [(name, label) for name, label, cap in NAVIGATION if cap is None or can(user, cap)]
    path = request.path
    entries = []
    for name, label in items:
        url = reverse(name)
        current = path == url if url == "/" else path.startswith(url)
        entries.append({"url": url, "label": label, "current": current})
    return {"navigation": entries}
