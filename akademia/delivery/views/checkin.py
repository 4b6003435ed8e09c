"""QR self check-in (the trainer's page with the day's code, the participant's page the code
leads to), a day's hours, and reopening a closed list (the regional operator)."""

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from akademia.accounts.permissions import permission_required
from akademia.accounts.roles import Capability
from akademia.accounts.types import AuthenticatedRequest
from akademia.core import ratelimit
from akademia.core.confirm import confirm_page
from akademia.core.errors import DomainError
from akademia.core.forms import add_domain_error
from akademia.delivery import checkin, confirmations, forms, selectors, services

CHECK_IN_SCOPE = "delivery.checkin"


@permission_required(Capability.MARK_ATTENDANCE)
def day_qr(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The day's QR code for the participants to scan, shown by whoever marks the day, on the
    day, while the list is open. htmx asks for the code again every few seconds: it changes
    every minute."""
    day = selectors.day_get_for(request.user, pk)
    context = {"day": day, "shown": selectors.may_show_code(request.user, day)}
    if context["shown"]:
        now = timezone.now()
        code = checkin.current_code(day.pk, now)
        link = request.build_absolute_uri(checkin.path(day.pk, code))
        opens, closes = checkin.window(day)
        context |= {
            "code": f"{code[:3]} {code[3:]}",
            "qr": checkin.qr_svg(link, _("QR code of the check-in of this day")),
            "open_now": opens <= now <= closes,
            "opens": timezone.localtime(opens),
        }
    template = "delivery/checkin/day_qr.html"
    return render(request, f"{template}#code" if request.htmx else template, context)


@permission_required(Capability.SELF_CHECK_IN)
def check_in(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Where the QR code leads (`?k=` holds the code): the person confirms their attendance
    with one button (a GET changes nothing), or types the code. At most CHECKIN_REFUSED_LIMIT
    refused codes an hour per person."""
    day = selectors.check_in_day_for(request.user, pk)
    key = str(request.user.pk)
    limit = settings.CHECKIN_REFUSED_LIMIT
    form = forms.CheckInForm(request.POST or None, initial={"code": request.GET.get("k", "")})
    throttled = ratelimit.exceeded(CHECK_IN_SCOPE, key, limit=limit, window=ratelimit.HOUR)
    if request.method == "POST" and throttled:
        form.is_valid()
        form.add_error(
            None,
            _(
                "Too many wrong codes in the last hour: try again later, or ask the trainer to "
                "mark you on the list."
            ),
        )
    elif request.method == "POST" and form.is_valid():
        try:
            result = services.attendance_check_in(
                actor=request.user, day=day, code=form.cleaned_data["code"]
            )
        except DomainError as error:
            if error.field == "code":
                ratelimit.hit(CHECK_IN_SCOPE, key, window=ratelimit.HOUR)
            add_domain_error(form, error)
        else:
            messages.success(request, _check_in_message(result))
            return redirect("delivery:check-in", pk=day.pk)
    participant = selectors.check_in_participant(request.user, day)
    mark = selectors.own_mark(request.user, day, participant)
    context = {
        "day": day,
        "form": form,
        "mark": mark,
        "blocker": "" if mark else services.check_in_blocker(day),
        "participant": participant,
    }
    return render(request, "delivery/checkin/check_in.html", context)


def _check_in_message(result) -> str:
    status = result.mark.get_status_display()
    if result.outcome == "saved":
        return _("Thank you: your attendance is confirmed (%(status)s).") % {"status": status}
    if result.outcome == "again":
        return _("Your attendance was already confirmed (%(status)s).") % {"status": status}
    return _(
        "The trainer had already marked you (%(status)s): that mark stays. Ask the trainer if it "
        "is wrong."
    ) % {"status": status}


@permission_required(Capability.MARK_ATTENDANCE)
def day_hours(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    day = selectors.day_get_for(request.user, pk)
    starts, ends = day.hours
    form = forms.DayHoursForm(request.POST or None, initial={"starts_at": starts, "ends_at": ends})
    if request.method == "POST" and form.is_valid():
        try:
            services.day_hours_change(actor=request.user, day=day, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The hours of the day are changed."))
            return redirect("delivery:day-detail", pk=day.pk)
    context = {"day": day, "form": form, "allowed": selectors.may_change_hours(request.user, day)}
    return render(request, "delivery/checkin/day_hours.html", context)


@permission_required(Capability.CORRECT_CLOSED_ATTENDANCE)
def day_reopen(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The form with the reason (GET), the confirmation page (GET with the reason: what will
    happen), then the reopening (POST from that page)."""
    day = selectors.day_get_for(request.user, pk)
    data = request.POST if request.method == "POST" else None
    if data is None and "reason" in request.GET:
        data = request.GET
    form = forms.DayReopenForm(data)
    refusal = services.day_reopen_blocker(day)
    if data is None or refusal or not form.is_valid():
        context = {"day": day, "form": form, "refusal": refusal}
        return render(request, "delivery/checkin/day_reopen.html", context)

    def act():
        services.day_reopen(actor=request.user, day=day, reason=form.cleaned_data["reason"])
        messages.success(request, _("The list is open again: the trainer can mark and close it."))
        return redirect("delivery:day-detail", pk=day.pk)

    def page():
        return confirmations.day_reopen(day, form.cleaned_data["reason"], form.posted_again())

    return confirm_page(request, page, act)
