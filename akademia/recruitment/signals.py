"""What recruitment tells the apps above it, which it does not import (docs/architecture.md).

`enrolments_changed` is sent once a change of a project's enrolments after publication has
committed (a JST withdrew: its people's enrolments ended), with `project_id`; delivery ends
their participation in the training groups.
"""

from django.dispatch import Signal

enrolments_changed = Signal()
