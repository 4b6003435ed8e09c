"""Writes of delivery, each a `@service` (one transaction, audited), one module per feature:

* `participants` - the groups' participants follow the plan and the enrolments (the sync),
  substitutes (zastępstwo) and withdrawals (rezygnacja);
* `attendance` - marking a day's list, changing a mark with a reason, closing the day;
* `team_tasks` - tasks between meetings: given with the sync, answered by the team, reviewed
  by the trainer, announced when overdue.
* `certificates` - completion rules, issuing a group's certificates (a job), revoking one.
* `calendar` - a person's feed address, a moved meeting's days, SEQUENCE and e-mails, reminders.
* `advisory` - advisors assigned to JST, their visits and sessions, the coordinators' answers.
* `checkin` - a participant's QR self check-in.
* `days` - a day's hours, reopening a closed list.

The public names are re-exported here: callers write `services.attendance_record(...)`.
"""

from akademia.delivery.services.advisory import (
    AdvisoryDetails,
    advisory_assign,
    advisory_cancel,
    advisory_confirm,
    advisory_confirm_blocker,
    advisory_correct,
    advisory_dispute,
    advisory_log,
    advisory_plan,
)
from akademia.delivery.services.attendance import (
    MarkInput,
    MarkResult,
    attendance_change,
    attendance_record,
    day_close,
)
from akademia.delivery.services.calendar import (
    calendar_feed_create,
    calendar_feed_regenerate,
    calendar_feed_regenerate_blocker,
    on_meeting_changed,
    reminders_queue,
)
from akademia.delivery.services.certificates import (
    certificate_issue,
    certificate_revoke,
    certificates_issue,
    certificates_issue_blocker,
    completion_rules_save,
)
from akademia.delivery.services.checkin import (
    CheckIn,
    attendance_check_in,
    check_in_blocker,
)
from akademia.delivery.services.days import (
    day_hours_change,
    day_reopen,
    day_reopen_blocker,
)
from akademia.delivery.services.participants import (
    SyncResult,
    participant_substitute,
    participant_withdraw,
    participants_sync,
    participants_sync_project,
)
from akademia.delivery.services.team_tasks import (
    check_files,
    task_review,
    task_review_blocker,
    task_submit,
    task_submit_blocker,
    tasks_overdue_notify,
)

__all__ = [
    "AdvisoryDetails",
    "advisory_assign",
    "advisory_cancel",
    "advisory_confirm",
    "advisory_confirm_blocker",
    "advisory_correct",
    "advisory_dispute",
    "advisory_log",
    "advisory_plan",
    "MarkInput",
    "MarkResult",
    "SyncResult",
    "attendance_change",
    "attendance_record",
    "certificate_issue",
    "certificate_revoke",
    "certificates_issue",
    "certificates_issue_blocker",
    "completion_rules_save",
    "calendar_feed_create",
    "calendar_feed_regenerate",
    "calendar_feed_regenerate_blocker",
    "day_close",
    "on_meeting_changed",
    "participant_substitute",
    "participant_withdraw",
    "participants_sync",
    "participants_sync_project",
    "check_files",
    "task_review",
    "task_review_blocker",
    "task_submit",
    "task_submit_blocker",
    "tasks_overdue_notify",
    "reminders_queue",
    "CheckIn",
    "attendance_check_in",
    "check_in_blocker",
    "day_hours_change",
    "day_reopen",
    "day_reopen_blocker",
]
