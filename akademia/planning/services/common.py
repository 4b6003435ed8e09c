"""What the planning services share: the planner's check, the project lock, plan numbers."""

from django.db.models import Max
from django.utils.translation import gettext as _

from akademia.accounts.permissions import require
from akademia.accounts.roles import Capability
from akademia.planning.models import Plan
from akademia.recruitment.models import Project


def require_planner(actor, project: Project) -> None:
    """Operators plan the projects of their scope; the pilot (no voivodeship) is national."""
    require(actor, Capability.PLAN_TRAINING, project, _("You cannot plan this project."))


def lock_project(project_id: int) -> None:
    """Serialise the changes of one project's venues, trainers and plans (a start, a deletion,
    a publication) so that what one of them checked stays true until it commits."""
    Project.objects.select_for_update().filter(pk=project_id).first()


def next_number(project: Project) -> int:
    return (Plan.objects.filter(project=project).aggregate(n=Max("number"))["n"] or 0) + 1
