"""Core, accounts and the territorial registry."""

from django.utils import timezone

from akademia.core.models import Job, OutboxEmail
from akademia.territory.services import BUNDLED_TERC, register_upload_save
from tests.access import LOGIN, OPERATORS, PROGRAMME_PEOPLE, everyone, only, signed_in


# Object makers: (name -> callable(personas) -> kwargs). Objects are in the Śląskie scope.
def _job(p):
    job = Job.objects.create(kind="territory.import_register", label="x", created_by=p["regional"])
    return {"pk": job.pk}


def _register_upload(p):
    return {"token": register_upload_save(actor=p["national"], chunks=[BUNDLED_TERC.read_bytes()])}


def _failed_email(p):
    email = OutboxEmail.objects.create(
        key="tests.failed:1",
        to="koordynator@test.example.org",
        subject="Wyniki naboru",
        body="Treść",
        attempts=10,
        failed_at=timezone.now(),
    )
    return {"pk": email.pk}


def _user(p):
    return {"pk": p["coordinator"].pk}


CODE_VOIVODESHIP = lambda p: {"code": "24"}  # noqa: E731
CODE_COUNTY = lambda p: {"code": "2409"}  # noqa: E731
CODE_JST = lambda p: {"code": "2409023"}  # noqa: E731

# url name: (kwargs maker or None, expected answer per role for GET, scoped object?)
ACCESS = {
    # Signed in: the person's panels; anyone else: what the platform is, and its public pages.
    "core:home": (None, everyone(200), False),
    "core:healthz": (None, everyone(200), False),
    "core:data-sources": (None, everyone(200), False),
    "core:accessibility-statement": (None, everyone(200), False),
    "core:set-language": (None, everyone(405), False),
    # A job is seen by whoever started it (here the regional operator) and national operators.
    "core:job-detail": (
        _job,
        {**only({"national", "regional"}, denied=404)},
        True,
    ),
    "core:job-cancel": (_job, signed_in(405), True),
    "core:audit-log": (None, only(OPERATORS), False),
    # The platform's e-mails that failed: the national operator's (no territory, no bodies).
    "core:email-list": (None, only({"national"}), False),
    "core:email-send-again": (_failed_email, signed_in(405), False),
    "accounts:login": (None, {**everyone(302), "anonymous": 200}, False),
    "accounts:logout": (None, signed_in(405), False),
    "accounts:profile": (None, signed_in(), False),
    "accounts:my-data": (None, signed_in(), False),
    "accounts:my-erasure": (None, signed_in(), False),
    "accounts:retention": (None, only({"national"}), False),
    "accounts:password-change": (None, signed_in(), False),
    "accounts:password-change-done": (None, signed_in(), False),
    "accounts:password-reset": (None, everyone(200), False),
    "accounts:password-reset-done": (None, everyone(200), False),
    "accounts:password-reset-confirm": (
        lambda p: {"uidb64": "MQ", "token": "bad-token"},
        everyone(200),
        False,
    ),
    "accounts:password-reset-complete": (None, everyone(200), False),
    "accounts:invitation-accept": (
        lambda p: {"uidb64": "MQ", "token": "bad-token"},
        everyone(200),
        False,
    ),
    "accounts:user-list": (None, only(OPERATORS), False),
    "accounts:user-invite": (None, only(OPERATORS), False),
    "accounts:user-detail": (_user, only(OPERATORS), True),
    "accounts:user-data": (_user, only(OPERATORS), True),
    "accounts:user-erasure": (_user, only(OPERATORS), True),
    "accounts:user-resend": (_user, signed_in(405), True),
    "accounts:user-set-active": (_user, signed_in(405), True),
    "accounts:user-verify-jst": (_user, signed_in(405), True),
    # Two-step verification: operators and experts (STAFF). In the table TWO_FACTOR_REQUIRED is
    # off and nobody has an authenticator: the setup page shows, the verification page sends to
    # it, the recovery codes were shown already (to My account), new codes are refused (page).
    "accounts:two-factor-setup": (None, only(PROGRAMME_PEOPLE), False),
    "accounts:two-factor-codes": (None, only(PROGRAMME_PEOPLE, status=302), False),
    "accounts:two-factor-verify": (None, only(PROGRAMME_PEOPLE, status=302), False),
    "accounts:recovery-codes-regenerate": (None, only(PROGRAMME_PEOPLE), False),
    # The registry is public data (TERC, PRG): open to everyone, no scope.
    "territory:poland": (None, everyone(200), False),
    "territory:map-poland": (None, everyone(200), False),
    "territory:jst-search": (None, everyone(200), False),
    "territory:register-import": (None, only({"national"}), False),
    "territory:register-import-preview": (_register_upload, only({"national"}), False),
    "territory:voivodeship-detail": (CODE_VOIVODESHIP, everyone(200), False),
    "territory:map-voivodeship": (CODE_VOIVODESHIP, everyone(200), False),
    "territory:county-detail": (CODE_COUNTY, everyone(200), False),
    "territory:map-county": (CODE_COUNTY, everyone(200), False),
    "territory:jst-detail": (CODE_JST, everyone(200), False),
}

# POST answers for the POST-only views, per role (the action itself is tested per app).
POST_ACCESS = {
    "core:job-cancel": {**only({"national", "regional"}, status=302, denied=404)},
    "core:email-send-again": only({"national"}, status=302),
    "accounts:user-resend": only(OPERATORS, status=302),
    "accounts:user-set-active": only(OPERATORS, status=302),
    "accounts:user-verify-jst": only(OPERATORS, status=302),
    "core:set-language": everyone(302),
    "accounts:logout": everyone(LOGIN),
}
