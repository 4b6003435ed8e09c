"""The demo's completion rules: every programme version a demo call offers gets its rules
written down (the defaults: attendance of at least 80% of the days; tasks, advisory hours and
the final test asked for, not checked until the platform records them), so a group's
completion page shows them as set by the national operator. No certificate is made: the demo's
training lies ahead, and a certificate comes only after a training's last day. A second run
changes nothing."""

from akademia.accounts.models import User
from akademia.delivery import services
from akademia.delivery.models import CompletionRules
from akademia.programmes.models import ProgrammeVersion


def ensure_demo_certificates() -> int:
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
