"""Staff sessions end after a while without a request (operators and experts act on many
people's data; a laptop left open in an office should not stay signed in for the day).

A deactivated account is out at its next request already: Django's `ModelBackend.get_user`
refuses an inactive user, so the session's user becomes anonymous (a test proves it).
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.contrib.auth.views import redirect_to_login
from django.dispatch import receiver
from django.utils.translation import gettext as _

from akademia.accounts.roles import STAFF

SEEN = "last_seen"
WRITE_EVERY = 60  # seconds: the session is saved at most once a minute for this


class StaffIdleTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.role in STAFF:
            now = time.time()
            seen = request.session.get(SEEN, now)
            idle = settings.STAFF_IDLE_MINUTES * 60
            if now - seen > idle:
                logout(request)
                messages.info(
                    request,
                    _("You were signed out after %(minutes)d minutes without activity.")
                    % {"minutes": settings.STAFF_IDLE_MINUTES},
                )
                return redirect_to_login(request.get_full_path())
            if now - seen > WRITE_EVERY or SEEN not in request.session:
                request.session[SEEN] = now
        return self.get_response(request)


@receiver(user_logged_in, dispatch_uid="accounts.session_seen")
def _seen_at_login(sender, request, user, **kwargs):
    # Set with the login's own session write, so a page's first request writes nothing more.
    if request is not None and hasattr(request, "session"):
        request.session[SEEN] = time.time()
