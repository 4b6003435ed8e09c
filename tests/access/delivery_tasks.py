"""Tasks between meetings: operators of the region, the group's trainer and the JST's people
read the tasks of the coordinator persona's JST (Koziegłowy) in the delivery table's group;
the team (the JST's verified coordinator, the participant persona: refused by the service on
the form, as they do not take part in the group) sends answers; the trainer reviews them."""

from tests.access import OPERATORS, only, shared
from tests.access.delivery import _group

READERS = OPERATORS | {"trainer", "coordinator", "participant"}
TEAM = {"coordinator", "participant"}


@shared
def _task(p):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from akademia.core.audit import SYSTEM
    from akademia.delivery import services
    from akademia.delivery.models import TaskAssignment
    from akademia.delivery.tests.factories import team_member, with_tasks

    group = _group(p)
    with_tasks(group.project, tasks=("Mapa procesu budżetowego.",))
    services.participants_sync(actor=SYSTEM, project=group.project)
    task = TaskAssignment.objects.get(group=group, jst__code="2409023")
    services.task_submit(
        actor=team_member(group),
        assignment=task,
        text="Mapa w załączniku.",
        files=[SimpleUploadedFile("mapa.pdf", b"%PDF-1.4\n%%EOF\n")],
    )
    return task


def _group_id(p):
    return {"pk": _task(p).group_id}


def _task_id(p):
    return {"pk": _task(p).pk}


def _file_id(p):
    from akademia.delivery.models import TaskFile

    return {"pk": TaskFile.objects.get(submission__assignment=_task(p)).pk}


ACCESS = {
    "delivery:task-list": (None, only(READERS), False),
    "delivery:task-group": (_group_id, only(READERS), True),
    # GET: the task and its rounds; POST (below): the team's answer.
    "delivery:task-detail": (_task_id, only(READERS), True),
    # Only trainers review (operators get 403 before any lookup, so the table's neighbour check
    # does not apply); a trainer of another group gets 404 (delivery/tests/test_tasks.py).
    "delivery:task-review": (_task_id, only({"trainer"}), False),
    "delivery:task-file": (_file_id, only(READERS), True),
}

POST_ACCESS = {
    # The answer waits for a review: the refusal shows on the team's form.
    "delivery:task-detail": only(TEAM, status=200),
    # No decision chosen: the form is shown again with its error.
    "delivery:task-review": only({"trainer"}, status=200),
}
