"""Writes of planning, each a `@service` (one transaction, audited), one module per feature:

* `venues_trainers` - a project's venues and trainers: the defaults, saving, deleting;
* `plans` - starting the planner, solving and storing a plan (the worker), editing a plan;
* `publishing` - a plan's groups and meetings made current, the coordinators told;
* `meetings` - one published meeting moved (date, venue, trainer), judged by the checker;
* `common` - the planner's check, the project lock and plan numbers the others share.

The public names are re-exported here: callers write `services.plan_publish(...)`.
"""

from akademia.planning.services.meetings import (
    meeting_change,
    meeting_change_blocker,
    meeting_change_check,
    meeting_dates,
)
from akademia.planning.services.plans import (
    StartedAll,
    nothing_to_plan,
    plan_change_trainer,
    plan_create,
    plan_move_meeting,
    plan_move_team,
    plan_solve,
    plan_start,
    plan_start_all,
    plan_start_all_refusal,
    plan_store,
)
from akademia.planning.services.publishing import (
    PlannedGroup,
    deleted_message,
    plan_publish,
    plan_publish_blocker,
    planned_groups,
)
from akademia.planning.services.venues_trainers import (
    SeatPlace,
    default_venue_places,
    trainer_delete,
    trainer_delete_blocker,
    trainer_save,
    venue_delete,
    venue_delete_blocker,
    venue_save,
    venues_ensure_defaults,
)

__all__ = [
    "PlannedGroup",
    "SeatPlace",
    "StartedAll",
    "default_venue_places",
    "deleted_message",
    "meeting_change",
    "meeting_change_blocker",
    "meeting_change_check",
    "meeting_dates",
    "nothing_to_plan",
    "plan_change_trainer",
    "plan_create",
    "plan_move_meeting",
    "plan_move_team",
    "plan_publish",
    "plan_publish_blocker",
    "plan_solve",
    "plan_start",
    "plan_start_all",
    "plan_start_all_refusal",
    "plan_store",
    "planned_groups",
    "trainer_delete",
    "trainer_delete_blocker",
    "trainer_save",
    "venue_delete",
    "venue_delete_blocker",
    "venue_save",
    "venues_ensure_defaults",
]
