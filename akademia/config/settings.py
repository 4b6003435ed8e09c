"""Settings of Akademia Samorządowa: one file, driven by environment variables.

Every variable is described in docs/configuration.md and .env.example. With no variables at all
the app runs on an embedded SQLite database under var/ with DEBUG off.
"""

import datetime
import os
import sys
import tempfile
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from akademia.core.env import envbool, envint, envlist, envstr, secret_key

BASE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(envstr("VAR_DIR", str(PROJECT_DIR / "var")))

SECRET_KEY = secret_key(VAR_DIR)
DEBUG = envbool("DEBUG", False)
# Under pytest: static files straight from the apps and a fast password hasher.
TESTING = envbool("TESTING", "pytest" in sys.modules)
# Services that change the domain without an audit entry raise (core/services.py).
AUDIT_CHECK = envbool("AUDIT_CHECK", DEBUG or TESTING)
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost")
SITE_URL = envstr("SITE_URL", "http://127.0.0.1:8000")
# HTTPS=1 in production behind TLS: secure cookies, HSTS and redirects to https.
HTTPS = envbool("HTTPS", False)

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "template_partials",
    "django_htmx",
    "csp",
    "axes",
    "rules",
    # Two-factor authentication of staff: TOTP apps and one-time recovery codes.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
    # The REST API (akademia/api, docs/api.md): DRF, its OpenAPI 3 schema, Swagger UI's files.
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "akademia.core",
    "akademia.accounts",
    "akademia.territory",
    "akademia.programmes",
    "akademia.consultations",
    "akademia.recruitment",
    "akademia.planning",
    "akademia.delivery",
    "akademia.evaluation",
    "akademia.reporting",
    "akademia.efs",
    "akademia.api",
    "akademia.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # gzip for pages and JSON, not downloads; above every middleware that reads the body.
    "akademia.core.middleware.CompressionMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "akademia.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): the session passed the second step (django-otp).
    "django_otp.middleware.OTPMiddleware",
    # Answers to a signed-in person, and downloads, are never stored (Cache-Control).
    "akademia.core.middleware.PrivateCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "akademia.accounts.middleware.StaffIdleTimeoutMiddleware",
    # Staff must pass the second step before any page that needs a login (accounts/two_factor.py).
    "akademia.accounts.two_factor.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Before any view or process_view (CSRF, login) reads the body; after those that render.
    "akademia.core.middleware.RequestSizeLimitMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # Last, so that a lockout answers before any view runs (django-axes requirement).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "akademia.config.urls"
WSGI_APPLICATION = "akademia.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "akademia.core.context_processors.navigation",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        envstr("DATABASE_URL", f"sqlite:///{VAR_DIR / 'akademia.sqlite3'}"),
        conn_max_age=envint("DB_CONN_MAX_AGE", 0),
        # A kept connection is checked before each request, so a restarted database is
        # reconnected to by itself.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    # WAL lets the web server read while a worker writes; the timeout rides out short locks.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    if TESTING:
        # A file, not Django's in-memory test database: that one shares a single connection
        # between the test and the live server's request threads, which hung a browser test
        # (two threads waiting in the same connection). pytest-xdist suffixes it per worker.
        DATABASES["default"]["TEST"] = {
            "NAME": str(Path(tempfile.gettempdir()) / f"akademia-test-{os.getpid()}.sqlite3")
        }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Capabilities and object rules (accounts/permissions.py) answer user.has_perm().
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_RESET_TIMEOUT = 3 * 24 * 3600

# The client's address (throttles, limits): REMOTE_ADDR, unless a reverse proxy of ours sets a
# header: then its name, and how many proxies of ours append to it (see akademia/core/net.py).
TRUSTED_PROXY_HEADER = envstr("TRUSTED_PROXY_HEADER")
TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", 1)

# Throttling of failed logins (django-axes): lock a username on one address after 5 failures,
# and an address as a whole after 10 failures over any accounts (accounts/throttle.py).
AXES_FAILURE_LIMIT = envint("LOGIN_FAILURE_LIMIT", 5)
LOGIN_ADDRESS_FAILURE_LIMIT = envint("LOGIN_ADDRESS_FAILURE_LIMIT", 10)
# Operators and experts are signed out after this many minutes without a request.
STAFF_IDLE_MINUTES = envint("STAFF_IDLE_MINUTES", 30)
# Operators and experts confirm each sign-in with a code from an authenticator app (TOTP) or a
# recovery code (accounts/two_factor.py). Off under pytest (tests turn it on themselves) and in
# the demo (bin/serve), so that every role can be clicked through without an app.
TWO_FACTOR_REQUIRED = envbool("TWO_FACTOR_REQUIRED", not TESTING)
OTP_TOTP_ISSUER = "Akademia Samorządowa"
AXES_COOLOFF_TIME = envint("LOGIN_COOLOFF_MINUTES", 15) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "akademia.accounts.throttle.LoginThrottleHandler"
AXES_CLIENT_IP_CALLABLE = "akademia.core.net.client_ip"
# The accessibility statement (deklaracja dostępności): who publishes the platform and when.
ACCESSIBILITY = {
    "entity": envstr("ACCESSIBILITY_ENTITY", "Operator krajowy Akademii Samorządowej"),
    "email": envstr("ACCESSIBILITY_EMAIL", "dostepnosc@localhost"),
    "phone": envstr("ACCESSIBILITY_PHONE", ""),
    "contact": envstr("ACCESSIBILITY_CONTACT", "koordynator dostępności operatora krajowego"),
    "published": envstr("ACCESSIBILITY_PUBLISHED", "2026-12-05"),
    "updated": envstr("ACCESSIBILITY_UPDATED", "2026-12-05"),
    "prepared": envstr("ACCESSIBILITY_PREPARED", "2026-12-05"),
    "reviewed": envstr("ACCESSIBILITY_REVIEWED", "2026-12-05"),
}
CSRF_FAILURE_VIEW = "akademia.core.views.csrf_failure"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"

LANGUAGE_CODE = "pl"
LANGUAGES = [("pl", _("Polish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Our Polish short date (05.12.2026); everything else is Django's Polish formats.
FORMAT_MODULE_PATH = ["akademia.config.formats"]
TIME_ZONE = "Europe/Warsaw"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not (DEBUG or TESTING)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Request bodies: a request declaring more than MAX_REQUEST_BYTES gets 413 before it is read
# (core/middleware.py); the largest upload we accept is 5 MB. Form fields other than files may
# take 2 MB in memory; an uploaded file over 1 MB is spooled to a temporary file.
MAX_REQUEST_BYTES = envint("MAX_REQUEST_BYTES", 6 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
# Tasks between meetings (delivery): each file of a team's answer and how many at once, checked
# before anything is stored; the answer's page alone may send that much (core/middleware.py).
TASK_FILE_MAX_BYTES = envint("TASK_FILE_MAX_BYTES", 10 * 1024 * 1024)
TASK_FILES_MAX = envint("TASK_FILES_MAX", 5)
# A module's task is due the day before the next meeting; the last module's this many days after.
TASK_LAST_DUE_DAYS = envint("TASK_LAST_DUE_DAYS", 14)

# Uploads (letters of intent, imports in progress); tests write theirs to a throwaway folder.
MEDIA_ROOT = (
    Path(tempfile.gettempdir()) / f"akademia-test-media-{os.getpid()}"
    if TESTING
    else VAR_DIR / "media"
)
# Tests and `runserver` serve static files straight from the apps, no collectstatic needed.
WHITENOISE_USE_FINDERS = envbool("WHITENOISE_USE_FINDERS", DEBUG or TESTING)
# Look a static file up when it is asked for, instead of listing every file whenever the
# middleware starts: tests start it for each test client (that listing was half the suite's time).
WHITENOISE_AUTOREFRESH = envbool("WHITENOISE_AUTOREFRESH", DEBUG or TESTING)

EMAIL_BACKEND = envstr("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = envstr("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = envstr("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = envstr("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
# Seconds before a silent mail server counts as failed (the outbox tries again later); without
# it a server that hangs would hold the worker for ever.
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "Akademia Samorządowa <noreply@localhost>")

TASKS = {
    "default": {
        # Tests run tasks inline (a test of the worker switches to the database queue).
        "BACKEND": envstr(
            "TASKS_BACKEND",
            "django_tasks.backends.immediate.ImmediateBackend"
            if TESTING
            else "django_tasks_db.DatabaseBackend",
        ),
    }
}
# Jobs (docs/tasks.md): a running job touches its heartbeat this often; one silent for longer
# than the timeout has lost its worker and is queued again, up to the maximum of attempts.
JOB_HEARTBEAT_SECONDS = envint("JOB_HEARTBEAT_SECONDS", 10)
JOB_HEARTBEAT_TIMEOUT = envint("JOB_HEARTBEAT_TIMEOUT", 60)
JOB_MAX_ATTEMPTS = envint("JOB_MAX_ATTEMPTS", 3)
# The e-mail outbox (core/outbox.py, docs/tasks.md): a failed message is tried again after
# RETRY_SECONDS, doubling up to RETRY_MAX_SECONDS, at most MAX_ATTEMPTS times (over about 4 hours
# with these values), then left failed for the operators. A claimed batch is a worker's for
# CLAIM_SECONDS (then another worker takes what a dead one left); one run of the sender sends
# for at most RUN_SECONDS, then makes way for other tasks. Sent and failed rows are deleted
# after KEEP_DAYS (bodies are personal data; a sent row keeps no body at all).
OUTBOX_BATCH = envint("OUTBOX_BATCH", 50)
OUTBOX_CLAIM_SECONDS = envint("OUTBOX_CLAIM_SECONDS", 300)
OUTBOX_RUN_SECONDS = envint("OUTBOX_RUN_SECONDS", 60)
OUTBOX_RETRY_SECONDS = envint("OUTBOX_RETRY_SECONDS", 60)
OUTBOX_RETRY_MAX_SECONDS = envint("OUTBOX_RETRY_MAX_SECONDS", 3600)
OUTBOX_MAX_ATTEMPTS = envint("OUTBOX_MAX_ATTEMPTS", 10)
OUTBOX_KEEP_DAYS = envint("OUTBOX_KEEP_DAYS", 30)

# Retention of project records (core/retention.py, docs/retention.md). Art. 82 of Regulation
# (EU) 2021/1060 keeps an EU-funded project's documents for five years from 31 December of the
# year of the managing authority's last payment to the beneficiary. The platform does not know
# that payment, so it assumes it comes RETENTION_PAYMENT_LAG_YEARS after the year the project
# ends (its final report is settled the next year): records of a project ending in 2026 are kept
# until 31 December 2032. A programme or a grant agreement with a longer period sets more.
RETENTION_YEARS = envint("RETENTION_YEARS", 5)
RETENTION_PAYMENT_LAG_YEARS = envint("RETENTION_PAYMENT_LAG_YEARS", 1)

# Security headers. The CSP allows no inline script or style: every asset is a file of ours.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and envbool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31536000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")

# Comments through a meeting's link (no account): at most this many an hour from one client
# address to one meeting (besides 30 per browser session), for a room on one network.
COMMENT_LINK_ADDRESS_LIMIT = envint("COMMENT_LINK_ADDRESS_LIMIT", 200)

# Links confirming the e-mail of a public application (recruitment/confirm_limits.py): at most
# this many a day to one e-mail address, and an hour from one client address.
APPLICATION_CONFIRM_EMAIL_LIMIT = envint("APPLICATION_CONFIRM_EMAIL_LIMIT", 3)
APPLICATION_CONFIRM_ADDRESS_LIMIT = envint("APPLICATION_CONFIRM_ADDRESS_LIMIT", 10)

# Certificates of completion (docs/delivery.md): who issues them and the funding statement
# printed on each (copied onto the certificate when it is issued), and how many numbers one
# client address may check on the public verification page in an hour (against guessing).
CERTIFICATE_ISSUER = envstr("CERTIFICATE_ISSUER", "Akademia Samorządowa")
CERTIFICATE_FUNDING = envstr(
    "CERTIFICATE_FUNDING",
    "Projekt współfinansowany ze środków Unii Europejskiej "
    "w ramach Europejskiego Funduszu Społecznego Plus.",
)
CERTIFICATE_VERIFY_LIMIT = envint("CERTIFICATE_VERIFY_LIMIT", 60)
# Calendars (delivery): reminders of a meeting this many days before it (0: none), queued by
# the worker once a day from this local hour ("HH:MM"); a feed's address may be asked at most
# this many times an hour from one client address (calendar programs poll it).
DELIVERY_REMINDER_DAYS = envint("DELIVERY_REMINDER_DAYS", 3)
DELIVERY_REMINDER_TIME = datetime.time.fromisoformat(envstr("DELIVERY_REMINDER_TIME", "07:00"))
CALENDAR_FEED_ADDRESS_LIMIT = envint("CALENDAR_FEED_ADDRESS_LIMIT", 600)
# A training day's hours when the sync makes it (the trainer or the operator changes them on
# the day's page). QR self check-in: the code is accepted from this many minutes before the
# day's start until its end; a check-in more than this many minutes after the start is
# recorded as "late"; at most this many refused codes an hour per person.
DELIVERY_DAY_STARTS = datetime.time.fromisoformat(envstr("DELIVERY_DAY_STARTS", "09:00"))
DELIVERY_DAY_ENDS = datetime.time.fromisoformat(envstr("DELIVERY_DAY_ENDS", "16:00"))
CHECKIN_EARLY_MINUTES = envint("CHECKIN_EARLY_MINUTES", 30)
CHECKIN_LATE_AFTER_MINUTES = envint("CHECKIN_LATE_AFTER_MINUTES", 15)
CHECKIN_REFUSED_LIMIT = envint("CHECKIN_REFUSED_LIMIT", 10)
# Evaluation (docs/evaluation.md): a group's survey stays open this many days after it opens,
# its invited people who have not answered get a reminder this many days before it closes (0:
# none); the worker opens due surveys and sends reminders once a day from this local hour.
EVALUATION_OPEN_DAYS = envint("EVALUATION_OPEN_DAYS", 14)
EVALUATION_REMINDER_DAYS = envint("EVALUATION_REMINDER_DAYS", 3)
EVALUATION_DAILY_TIME = datetime.time.fromisoformat(envstr("EVALUATION_DAILY_TIME", "07:30"))

# The REST API (docs/api.md): read-only JSON, a person's token or their session, 50 rows a page.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "akademia.api.authentication.TokenAuthentication",
        "akademia.api.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["akademia.api.access.HasCapability"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_PAGINATION_CLASS": "akademia.api.pagination.Pages",
    "DEFAULT_SCHEMA_CLASS": "akademia.api.schema.ApiSchema",
    "DEFAULT_METADATA_CLASS": None,
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Akademia Samorządowa API",
    "DESCRIPTION": "Read-only API of Akademia Samorządowa (docs/api.md). Authenticate with "
    "`Authorization: Bearer <token>`; a token is made on the account page.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {},
}

# Which JST kinds form which exchange group ("Grupa Wymiany Doświadczeń"); see territory/kinds.py.
EXCHANGE_GROUP_KINDS: dict[str, str] = {}

# Secrets in request paths that no log may show (core/logs.py): a calendar feed's token.
LOG_SECRET_PATTERNS = [r"(?<=/kalendarz/subskrypcja/)[^/?\s]+"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "filters": {"secrets": {"()": "akademia.core.logs.RedactSecrets"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["secrets"],
        }
    },
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's own handlers (DEBUG's console, the development server's) print paths
        # unfiltered: its messages go through ours instead.
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.db.backends": {"level": "WARNING"},
        # axes would log usernames and addresses of failed logins: personal data stays out.
        "axes": {"level": "WARNING"},
    },
}
