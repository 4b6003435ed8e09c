import sys
from datetime import date

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db import InterfaceError, OperationalError, connection
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from akademia.accounts.permissions import permission_required
from akademia.accounts.roles import Capability
from akademia.accounts.services import user_set_language
from akademia.accounts.types import AuthenticatedRequest, PublicRequest
from akademia.core import audit, outbox, selectors
from akademia.core import home as home_panels
from akademia.core.errors import DomainError
from akademia.core.jobs import job_cancel, job_is_stale, jobs_reap


@login_not_required
def home(request: PublicRequest):
    """Signed in: what the person has to do and where things stand, in the panels of the
    apps (core/home.py). Anyone else: what the platform is, and its public pages."""
    if not request.user.is_authenticated:
        return render(request, "core/home_public.html")
    return render(request, "core/home.html", {"panels": home_panels.panels_for(request.user)})


@login_not_required
def healthz(request: PublicRequest):
    """For monitoring: answers 200 when the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("OK", content_type="text/plain")


@login_not_required
def accessibility_statement(request: PublicRequest):
    """Deklaracja dostępności, in the structure the Polish regulation prescribes."""
    values = dict(settings.ACCESSIBILITY)
    for key in ("published", "updated", "prepared", "reviewed"):
        values[key] = date.fromisoformat(values[key])
    values |= {"url": settings.SITE_URL, "name": _("Akademia Samorządowa")}
    return render(request, "core/accessibility.html", {"statement": values})


@login_not_required
def data_sources(request: PublicRequest):
    return render(request, "core/data_sources.html")


@login_not_required
@require_POST
def set_language(request: PublicRequest):
    response = django_set_language(request)
    if request.user.is_authenticated:
        # Remembered on the account too, so that e-mails to this person use it.
        user_set_language(actor=request.user, language=request.POST.get("language", ""))
    return response


def job_detail(request: AuthenticatedRequest, pk):
    job = selectors.job_get_for(request.user, pk)
    if job_is_stale(job):
        # Its worker is gone: resolve it now (one conditional update), even with no worker alive.
        jobs_reap(job=job)
        job.refresh_from_db()
    template = "core/job_detail.html#status" if request.htmx else "core/job_detail.html"
    return render(request, template, {"job": job})


@require_POST
def job_cancel_view(request: AuthenticatedRequest, pk):
    job = selectors.job_get_for(request.user, pk)
    job_cancel(job=job)
    return redirect("core:job-detail", pk=job.pk)


@permission_required(Capability.READ_AUDIT)
def audit_log(request: AuthenticatedRequest):
    entries = selectors.audit_list_for(request.user)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    for entry in page:
        entry.label = audit.label(entry.action)
    return render(request, "core/audit_log.html", {"page": page})


@permission_required(Capability.MANAGE_OUTBOX)
def email_list(request: AuthenticatedRequest):
    page = Paginator(selectors.failed_emails_for(request.user), 50).get_page(
        request.GET.get("page")
    )
    for email in page:
        email.reason = outbox.error_label(email.last_error)
    context = {
        "page": page,
        "attempts": settings.OUTBOX_MAX_ATTEMPTS,
        "keep_days": settings.OUTBOX_KEEP_DAYS,
    }
    return render(request, "core/email_list.html", context)


@require_POST
@permission_required(Capability.MANAGE_OUTBOX)
def email_send_again(request: AuthenticatedRequest, pk: int):
    email = selectors.failed_email_get_for(request.user, pk)
    try:
        outbox.email_send_again(actor=request.user, email=email)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The e-mail to %(to)s will be sent again.") % {"to": email.to})
    return redirect("core:email-list")


def csrf_failure(request, reason: str = ""):
    """A refused form (expired page, blocked cookies) in the site's layout and language, not
    Django's bare English page; the reason stays in the server's log only."""
    return render(request, "403_csrf.html", status=403)


# While the database is unreachable (a restart, a failover, a lock held too long), a page
# answers 503 with a page saying to try again shortly, not the 500 of a bug. The page is
# rendered without the request, so it reads nothing from the database.
DATABASE_DOWN = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def server_error(request, template_name="500.html"):
    if isinstance(sys.exc_info()[1], DATABASE_DOWN):
        html = loader.get_template("503.html").render()
        response = HttpResponse(html, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return defaults.server_error(request, template_name)
