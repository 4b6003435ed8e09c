"""Writes of recruitment, each audited, one module per feature:

* `projects` - projects, set up and edited;
* `calls` - calls: creation, editing under the rules of their status, status;
* `quotas` - how a call's applications are scored (criteria) and taken (quotas);
* `applications` - the JST's application: drafts, letters, eligibility, submission, confirmation;
* `review` - the operators' review, and the coordinator's participant data;
* `selection` - running the selection, manual decisions, publication, withdrawal and refills
  (and whether the latest run is stale);
* `common` - helpers shared by the others.

Who may do what is asked of `accounts.permissions` (`require`); e-mails are in
`notifications.py`. The public names are re-exported here: callers write
`services.call_update(...)`.
"""

from akademia.recruitment.services.applications import (
    CONFIRM_MAX_AGE,
    CONFIRM_SALT,
    MAX_LETTER_BYTES,
    ApplicationData,
    ApplicationIncomplete,
    application_confirm_email,
    application_for_code,
    application_save,
    application_submit,
    check_letter,
    confirmation_code,
    confirmation_due,
    eligibility_problem,
    rescore,
    submission_problems,
)
from akademia.recruitment.services.calls import (
    DEFAULT_WEIGHTS,
    call_create,
    call_edit_rules,
    call_set_status,
    call_update,
    has_applications,
)
from akademia.recruitment.services.common import FieldRule
from akademia.recruitment.services.projects import (
    project_create,
    project_edit_rules,
    project_update,
)
from akademia.recruitment.services.quotas import (
    criteria_set,
    quota_code,
    quota_default_label,
    quota_from_row,
    quota_row_problems,
    quota_rows_problems,
    quotas_set,
)
from akademia.recruitment.services.review import (
    application_mark_complete,
    application_request_corrections,
    application_set_manual_points,
    application_verify_coordinator,
    monitoring_save,
)
from akademia.recruitment.services.selection import (
    application_set_override,
    application_withdraw,
    application_withdraw_blocker,
    changed_inputs,
    decided_applications,
    selection_id,
    selection_publish,
    selection_publish_blocker,
    selection_run,
    selection_run_blocker,
    stale_notice,
    stale_withdrawals,
    took_part_in,
)

__all__ = [
    "CONFIRM_MAX_AGE",
    "CONFIRM_SALT",
    "DEFAULT_WEIGHTS",
    "MAX_LETTER_BYTES",
    "ApplicationData",
    "ApplicationIncomplete",
    "FieldRule",
    "application_confirm_email",
    "application_for_code",
    "application_mark_complete",
    "application_request_corrections",
    "application_save",
    "application_set_manual_points",
    "application_set_override",
    "application_submit",
    "application_verify_coordinator",
    "application_withdraw",
    "application_withdraw_blocker",
    "call_create",
    "call_edit_rules",
    "call_set_status",
    "call_update",
    "changed_inputs",
    "check_letter",
    "confirmation_code",
    "confirmation_due",
    "criteria_set",
    "decided_applications",
    "eligibility_problem",
    "has_applications",
    "monitoring_save",
    "project_create",
    "project_edit_rules",
    "project_update",
    "quota_code",
    "quota_default_label",
    "quota_from_row",
    "quota_row_problems",
    "quota_rows_problems",
    "quotas_set",
    "rescore",
    "selection_id",
    "selection_publish",
    "selection_publish_blocker",
    "selection_run",
    "selection_run_blocker",
    "stale_notice",
    "stale_withdrawals",
    "submission_problems",
    "took_part_in",
]
