"""The demo's completion rules: every programme version a demo call offers gets its rules
written down (the defaults: attendance of at least 80% of the days, every task between meetings
accepted, the advisory hours used, the final test when evaluation exists), so a group's
completion page shows them as set by the national operator. The pilot's first group finished
two weeks ago (`demo.delivery`); its teams' tasks are accepted (`demo.team_tasks`) and its JST's
advisory hours confirmed (`demo.advisory`, run before this), so everyone of it who attended
80% of the days gets a certificate, issued by the national operator; its member who missed
three days does not. A second run changes nothing."""

from django.db.models import Max
from django.utils import timezone

from akademia.accounts.models import User
from akademia.core.errors import DomainError
from akademia.delivery import services
from akademia.delivery.models import CompletionRules
from akademia.demo.recruitment import PILOT
from akademia.planning.models import TrainingGroup
from akademia.programmes.models import ProgrammeVersion


def ensure_demo_certificates() -> int:
    made = _rules()
    _issue_finished()
    return made


def _issue_finished() -> None:
    """Certificates for the pilot's groups whose training is over."""
    national = User.objects.get(email="krajowy@demo.example.org")
    today = timezone.localdate()
    groups = TrainingGroup.objects.filter(project__name=PILOT, active=True)
    for group in groups.annotate(last=Max("meetings__end_date")).filter(last__lt=today):
        for participant in group.participants.filter(status="active").order_by("pk"):
            try:
                services.certificate_issue(actor=national, participant=participant)
            except DomainError:
                continue  # does not meet the rules: the completion page says why


def _rules() -> int:
    """Returns how many versions got their rules now."""
    national = User.objects.filter(email="krajowy@demo.example.org").first()
    if national is None:
        return 0
    offered = ProgrammeVersion.objects.filter(recruitment_calls__isnull=False).distinct()
    done = CompletionRules.objects.values("version_id")
    made = 0
    for version in offered.exclude(pk__in=done).order_by("pk"):
        services.completion_rules_save(
            actor=national,
            version=version,
            min_attendance_percent=80,
            require_tasks=True,
            require_advisory=True,
            require_final_test=True,
        )
        made += 1
    return made
