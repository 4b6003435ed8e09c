"""`akademia two_factor_reset EMAIL`: turn off a person's two-step verification (they lost both
their phone and their recovery codes); their next sign-in sets it up again. Audited as the
platform (`accounts.two_factor.reset`)."""

from django.core.management.base import BaseCommand, CommandError

from akademia.accounts import services
from akademia.accounts.models import User
from akademia.core.audit import SYSTEM


class Command(BaseCommand):
    help = "Removes a person's authenticator and recovery codes (they set them up again)."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email: str, **options):
        person = User.objects.filter(email__iexact=email.strip()).first()
        if person is None:
            raise CommandError(f"No account with the e-mail address {email}.")
        removed = services.two_factor_reset(actor=SYSTEM, person=person)
        self.stdout.write(f"Removed {removed} device(s); the next sign-in sets them up again.")
