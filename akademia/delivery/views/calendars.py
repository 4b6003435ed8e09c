"""Calendars: the month, the list, the iCalendar feed; moving a published meeting."""

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from akademia.accounts.permissions import can, permission_required
from akademia.accounts.roles import Capability
from akademia.accounts.types import AuthenticatedRequest
from akademia.core import ratelimit
from akademia.core.confirm import confirm_page
from akademia.core.errors import DomainError
from akademia.core.forms import add_domain_error
from akademia.core.net import client_ip
from akademia.delivery import (
    calendars,
    confirmations,
    forms,
    ical,
    selectors,
    services,
)
from akademia.planning import services as planning_services

# Calendars ----------------------------------------------------------------------------------


def _feed_urls(request: AuthenticatedRequest) -> dict:
    feed = selectors.calendar_feed_of(request.user)
    if feed is None:
        return {"feed": None}
    url = request.build_absolute_uri(reverse("delivery:calendar-feed", args=[feed.token]))
    return {"feed": feed, "feed_url": url, "webcal_url": "webcal://" + url.split("://", 1)[1]}


@permission_required(Capability.SEE_CALENDAR)
def calendar_month(request: AuthenticatedRequest) -> HttpResponse:
    """The month as a table (a list of the days with something on a phone), and the address
    of the person's feed."""
    today = timezone.localdate()
    first = calendars.month_of(request.GET.get("miesiac"), today)
    weeks = calendars.month_weeks(first, today, request.user)
    context = {
        "first": first,
        "weeks": weeks,
        "busy_days": [day for week in weeks for day in week if day.in_month and day.items],
        "previous": calendars.shift_month(first, -1),
        "next": calendars.shift_month(first, 1),
        "today": today,
        **_feed_urls(request),
    }
    return render(request, "delivery/calendar/month.html", context)


@permission_required(Capability.SEE_CALENDAR)
def calendar_list(request: AuthenticatedRequest) -> HttpResponse:
    """The meetings from today on, with their place, trainer, module and group; an advisor's
    and a JST coordinator's advisory visits from today on."""
    today = timezone.localdate()
    context = {
        "meetings": selectors.calendar_meetings_for(request.user, first=today),
        "advisory": selectors.calendar_advisory_for(request.user, today, dt.date.max),
        "today": today,
        "may_change": can(request.user, Capability.PLAN_TRAINING),
    }
    return render(request, "delivery/calendar/list.html", context)


@require_POST
@permission_required(Capability.SEE_CALENDAR)
def calendar_feed_create(request: AuthenticatedRequest) -> HttpResponse:
    services.calendar_feed_create(actor=request.user)
    messages.success(request, _("Your calendar address is ready: add it to your calendar program."))
    return redirect(reverse("delivery:calendar") + "#kalendarz-adres")


@permission_required(Capability.SEE_CALENDAR)
def calendar_feed_regenerate(request: AuthenticatedRequest) -> HttpResponse:
    """GET: what a new address does; POST: make it (the old one answers 404 at once)."""

    def act():
        services.calendar_feed_regenerate(actor=request.user)
        messages.success(request, _("Your calendar has a new address; the old one is closed."))
        return redirect(reverse("delivery:calendar") + "#kalendarz-adres")

    feed = selectors.calendar_feed_of(request.user)
    return confirm_page(request, lambda: confirmations.calendar_feed_regenerate(feed), act)


@login_not_required
@never_cache
def calendar_feed(request, token: str) -> HttpResponse:
    """The iCalendar feed behind a secret address: no login (calendar programs), limited per
    client address; an unknown or replaced token answers 404. The token is never logged
    (settings.LOG_SECRET_PATTERNS)."""
    address = client_ip(request)
    limit = settings.CALENDAR_FEED_ADDRESS_LIMIT
    if ratelimit.exceeded("delivery.calendar", address, limit=limit, window=ratelimit.HOUR):
        return HttpResponse(
            _("Too many requests; try again later."), status=429, content_type="text/plain"
        )
    ratelimit.hit("delivery.calendar", address, window=ratelimit.HOUR)
    feed = selectors.calendar_feed_by_token(token)
    if feed is None:
        raise Http404
    since = timezone.localdate() - FEED_PAST
    meetings = selectors.calendar_meetings_for(feed.user, first=since)
    language = feed.user.language or settings.LANGUAGE_CODE
    with translation.override(language):  # the advisory titles are read in the person's language
        advisory = selectors.calendar_advisory_for(feed.user, since, dt.date.max, cancelled=True)
    body = ical.feed(meetings, now=timezone.now(), language=language, advisory=advisory)
    return HttpResponse(body, content_type=ical.CONTENT_TYPE)


FEED_PAST = dt.timedelta(days=365)  # a feed carries the meetings of the past year and later


@permission_required(Capability.PLAN_TRAINING)
def meeting_change(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The form (GET), then the confirmation page (GET with the form's values: who gets which
    e-mail), then the change (POST from that page)."""
    meeting = selectors.meeting_get_for(request.user, pk)
    data = request.POST if request.method == "POST" else None
    if data is None and "start_date" in request.GET:
        data = request.GET
    initial = {
        "start_date": meeting.start_date,
        "venue": meeting.place.pk,
        "trainer": meeting.trainer_id,
    }
    form = forms.MeetingChangeForm(
        data, initial=initial, **selectors.meeting_change_choices(meeting)
    )
    refusal = planning_services.meeting_change_blocker(meeting)
    if data is not None and not refusal and form.is_valid() and request.method == "GET":
        try:
            planning_services.meeting_change_check(meeting, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
    if data is None or refusal or not form.is_valid():
        context = {"meeting": meeting, "form": form, "refusal": refusal}
        return render(request, "delivery/calendar/meeting_change.html", context)

    def act():
        planning_services.meeting_change(actor=request.user, meeting=meeting, **form.cleaned_data)
        messages.success(request, _("The meeting is changed; the people concerned are e-mailed."))
        return redirect("delivery:calendar-list")

    def page():
        return confirmations.meeting_change(meeting, form.cleaned_data, form.posted_again())

    return confirm_page(request, page, act)
