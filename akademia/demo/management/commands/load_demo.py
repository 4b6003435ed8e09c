from django.core.management.base import BaseCommand

from akademia.accounts.models import User
from akademia.demo.advisory import ensure_demo_advisory
from akademia.demo.calendar import ensure_demo_calendar
from akademia.demo.certificates import ensure_demo_certificates
from akademia.demo.consultations import ensure_demo_consultation
from akademia.demo.delivery import ensure_demo_delivery, pilot_participant_email
from akademia.demo.efs import ensure_demo_efs
from akademia.demo.evaluation import ensure_demo_evaluation
from akademia.demo.planning import PILOT_COORDINATOR, ensure_demo_planning
from akademia.demo.programmes import ensure_demo_programmes
from akademia.demo.recruitment import ensure_demo_recruitment
from akademia.demo.targets import ensure_demo_targets
from akademia.demo.team_tasks import ensure_demo_team_tasks
from akademia.demo.users import DEMO_PASSWORD, DEMO_USERS, ensure_demo_users


class Command(BaseCommand):
    help = "Load the demo data (idempotent) and print the demo logins of every role."

    def add_arguments(self, parser):
        parser.add_argument("--logins-only", action="store_true", help="only print the logins")

    def handle(self, *args, logins_only: bool, **options):
        if not logins_only:
            ensure_demo_users()
            ensure_demo_programmes()
            ensure_demo_consultation()
            ensure_demo_recruitment()
            ensure_demo_planning()
            ensure_demo_delivery()
            ensure_demo_team_tasks()
            ensure_demo_advisory()  # before the certificates: a rule reads its hours
            ensure_demo_evaluation()  # before the certificates: a rule reads the final test
            ensure_demo_certificates()
            ensure_demo_calendar()
            ensure_demo_targets()
            ensure_demo_efs()  # after the calendar: the pilot's people are all there
        # The pilot's coordinator of Będzin sees published training dates (Koziegłowy is not in
        # the pilot; it applies to the Śląskie project).
        # A participant of the pilot (Będzin) sees the training under way.
        emails = [row[0] for row in DEMO_USERS] + [PILOT_COORDINATOR, pilot_participant_email()]
        users = sorted(User.objects.filter(email__in=emails), key=lambda u: emails.index(u.email))
        self.stdout.write(f"\nDemo logins (password for all: {DEMO_PASSWORD})\n")
        width = max(len(user.email) for user in users)  # the columns stay aligned
        for user in users:
            scope = (
                user.jst.name if user.jst else ", ".join(v.name for v in user.voivodeships.all())
            )
            line = f"  {user.get_role_display():<28} {user.email:<{width}}  {scope}"
            self.stdout.write(line.rstrip())
        self.stdout.write("")
