"""Pages of the registry (public data: open without signing in) and the TERC import."""

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from akademia.accounts.permissions import permission_required
from akademia.accounts.roles import Capability
from akademia.accounts.types import AuthenticatedRequest, PublicRequest
from akademia.core.jobs import job_start
from akademia.core.selectors import job_unfinished
from akademia.territory import selectors, services
from akademia.territory.forms import RegisterApplyForm, RegisterUploadForm
from akademia.territory.kinds import ExchangeGroupKind
from akademia.territory.terc import TercError, parse_terc, parse_terc_file

PROBLEMS_SHOWN = 20

IMPORT_KIND = "territory.import_register"


@login_not_required
def poland(request: PublicRequest):
    """Poland's voivodeships, and a search box over every JST (`?q=`, name or TERYT code)."""
    query = request.GET.get("q", "").strip()[:100]
    return render(
        request,
        "territory/poland.html",
        {
            "voivodeships": selectors.voivodeship_list(),
            "latest_import": selectors.latest_import(),
            "query": query,
            "results": selectors.jst_search(query) if len(query) >= 2 else None,
        },
    )


@login_not_required
def voivodeship_detail(request: PublicRequest, code: str):
    voivodeship = selectors.voivodeship_get(code)
    counties = selectors.counties_of(voivodeship)
    return render(
        request,
        "territory/voivodeship.html",
        {
            "voivodeship": voivodeship,
            "counties": counties,
            "government": selectors.voivodeship_jst(voivodeship),
        },
    )


@login_not_required
def county_detail(request: PublicRequest, code: str):
    county = selectors.county_get(code)
    return render(
        request,
        "territory/county.html",
        {
            "county": county,
            "communes": selectors.communes_of(county),
            "government": selectors.county_jst(county),
        },
    )


@login_not_required
def jst_detail(request: PublicRequest, code: str):
    jst = selectors.jst_get(code)
    place = jst.place
    return render(
        request,
        "territory/jst.html",
        {
            "jst": jst,
            "place": place,
            "exchange_group_label": ExchangeGroupKind(jst.exchange_group).label,
            "geojson": selectors.feature_collection([place], lambda unit: ""),
        },
    )


@login_not_required
@require_GET
def jst_search(request: PublicRequest):
    """The picker's answer: a listbox of matching units (an htmx partial)."""
    query = request.GET.get("q", "")[:100]
    results = selectors.jst_search(query) if len(query.strip()) >= 2 else []
    return render(
        request,
        "territory/widgets/jst_options.html",
        {"results": results, "query": query, "listbox": request.GET.get("listbox", "jst-options")},
    )


def _geojson(body: str) -> HttpResponse:
    return HttpResponse(body, content_type="application/geo+json")


@login_not_required
@cache_control(public=True, max_age=3600)
def map_poland(request: PublicRequest):
    return _geojson(
        selectors.feature_collection(
            selectors.voivodeship_list(),
            lambda v: reverse("territory:voivodeship-detail", args=[v.code]),
        )
    )


@login_not_required
@cache_control(public=True, max_age=3600)
def map_voivodeship(request: PublicRequest, code: str):
    voivodeship = selectors.voivodeship_get(code)
    return _geojson(
        selectors.feature_collection(
            selectors.map_counties(voivodeship),
            lambda c: reverse("territory:county-detail", args=[c.code]),
        )
    )


@login_not_required
@cache_control(public=True, max_age=3600)
def map_county(request: PublicRequest, code: str):
    county = selectors.county_get(code)
    return _geojson(
        selectors.feature_collection(
            selectors.map_communes(county),
            lambda g: reverse("territory:jst-detail", args=[g.code]),
        )
    )


def _import_under_way() -> str:
    return _("An import of the register is already under way; wait until it has finished.")


@permission_required(Capability.IMPORT_REGISTER)
def register_import(request: AuthenticatedRequest):
    """Upload: the file is checked in full here (it is small and the reader bounded), kept, and
    the operator is sent to the preview of what it would change; nothing is applied yet."""
    form = RegisterUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and job_unfinished(IMPORT_KIND) is not None:
        form.add_error(None, _import_under_way())
    elif request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            parse_terc(upload.read())
        except TercError as error:
            for problem in error.problems[:PROBLEMS_SHOWN]:
                form.add_error("file", problem)
        else:
            upload.seek(0)
            token = services.register_upload_save(actor=request.user, chunks=upload.chunks())
            return redirect("territory:register-import-preview", token=token)
    return render(
        request,
        "territory/import.html",
        {"form": form, "latest_import": selectors.latest_import()},
    )


@permission_required(Capability.IMPORT_REGISTER)
def register_import_preview(request: AuthenticatedRequest, token):
    """What the uploaded file would change, level by level; “Apply” starts the import job.

    A file that would make many units inactive needs the confirmation box ticked (the job's
    service checks it again)."""
    path = services.register_upload_path(token)
    try:
        register = parse_terc_file(path)
    except TercError as error:
        raise Http404 from error  # gone (applied, or never uploaded)
    changes = selectors.register_changes(register)
    form = RegisterApplyForm(request.POST if request.method == "POST" else None, changes=changes)
    if request.method == "POST" and job_unfinished(IMPORT_KIND) is not None:
        # One import at a time: a second click (or a second tab) waits for the first.
        form.add_error(None, _import_under_way())
    elif request.method == "POST" and form.is_valid():
        job = job_start(
            kind=IMPORT_KIND,
            label=_("Import of the TERC register"),
            actor=request.user,
            params={
                "path": str(path),
                "allow_mass_deactivation": changes.mass_deactivation,
            },
        )
        return redirect("core:job-detail", pk=job.pk)
    return render(
        request,
        "territory/import_preview.html",
        {
            "form": form,
            "changes": changes,
            "register": register,
            "mass_message": (
                services.mass_deactivation_message(changes) if changes.mass_deactivation else ""
            ),
        },
    )
