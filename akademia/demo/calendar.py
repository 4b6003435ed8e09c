"""Demo calendars: the pilot's published plan has its participants (delivery's sync), one of
them (of Będzin) signs in with the demo password to see a participant's calendar, and the
demo trainer has a calendar address to subscribe to. Idempotent."""

from akademia.accounts.models import User
from akademia.core.audit import SYSTEM
from akademia.delivery import services
from akademia.delivery.models import Participant
from akademia.demo.recruitment import PILOT
from akademia.demo.users import DEMO_PASSWORD
from akademia.planning.models import PlanStatus
from akademia.recruitment.models import Project

BEDZIN = "2401011"  # a JST of the pilot, whose coordinator is the demo's PILOT_COORDINATOR
TRAINER = "trener@demo.example.org"


def ensure_demo_calendar() -> Participant | None:
    """The pilot's participants, a participant's login, the trainer's calendar address;
    returns the participant who may sign in (None without a published pilot plan)."""
    pilot = Project.objects.filter(name=PILOT, plans__status=PlanStatus.PUBLISHED).first()
    if pilot is None:
        return None
    services.participants_sync(actor=SYSTEM, project=pilot)
    person = (
        Participant.objects.filter(group__project=pilot, group__active=True, jst__code=BEDZIN)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    if person is not None and not person.user.has_usable_password():
        person.user.set_password(DEMO_PASSWORD)
        person.user.save(update_fields=["password"])
    trainer = User.objects.filter(email=TRAINER).first()
    if trainer is not None:
        services.calendar_feed_create(actor=trainer)
    return person
