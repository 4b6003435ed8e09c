"""Writes of delivery, each a `@service` (one transaction, audited), one module per feature:

* `participants` - the groups' participants follow the plan and the enrolments (the sync),
  substitutes (zastępstwo) and withdrawals (rezygnacja);
* `attendance` - marking a day's list, changing a mark with a reason, closing the day;
* `advisory` - advisors assigned to JST, their visits and sessions, the coordinators' answers.

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
from akademia.delivery.services.participants import (
    SyncResult,
    participant_substitute,
    participant_withdraw,
    participants_sync,
    participants_sync_project,
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
    "day_close",
    "participant_substitute",
    "participant_withdraw",
    "participants_sync",
    "participants_sync_project",
]
