"""What planning tells the apps above it, which it does not import (docs/architecture.md).

`plan_published` is sent once a plan's publication has committed, with `plan_id` and
`project_id`: the project's training groups changed (delivery makes their participants).
"""

from django.dispatch import Signal

plan_published = Signal()

# Sent inside `services.meeting_change`'s transaction (so what the receivers write commits or
# rolls back with the change), with `meeting` (saved, changed), `before` (its start_date,
# end_date, venue and trainer ids before), `reason` and `actor`: delivery moves the meeting's
# days, bumps its calendar SEQUENCE and e-mails the people concerned.
meeting_changed = Signal()
