"""What planning tells the apps above it, which it does not import (docs/architecture.md).

`plan_published` is sent once a plan's publication has committed, with `plan_id` and
`project_id`: the project's training groups changed (delivery makes their participants).
"""

from django.dispatch import Signal

plan_published = Signal()
