from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from akademia.accounts.permissions import can, permission_required
from akademia.accounts.roles import Capability
from akademia.accounts.types import AuthenticatedRequest, PublicRequest
from akademia.core.errors import DomainError
from akademia.core.forms import add_domain_error
from akademia.programmes import selectors, services
from akademia.programmes.diff import diff_versions
from akademia.programmes.forms import (
    AuthorsForm,
    ModuleFormSet,
    ProgrammeCreateForm,
    VersionForm,
    ordered_modules,
)
from akademia.programmes.models import ProgrammeVersion, VersionStatus


def _can_edit(user, version: ProgrammeVersion) -> bool:
    """A draft, and the user one of its programme's authors or the national operator."""
    return version.is_editable and can(user, Capability.EDIT_PROGRAMMES, version)


@login_not_required
def catalogue(request: PublicRequest) -> HttpResponse:
    return render(
        request, "programmes/catalogue.html", {"versions": selectors.published_catalogue()}
    )


@login_not_required
def public_version(request: PublicRequest, pk: int) -> HttpResponse:
    version = selectors.published_version_get(pk)
    return render(request, "programmes/public_version.html", {"version": version})


@permission_required(Capability.WORK_ON_PROGRAMMES)
def programme_list(request: AuthenticatedRequest) -> HttpResponse:
    programmes = selectors.programme_list_for(request.user)
    can_create = can(request.user, Capability.CREATE_PROGRAMMES)
    return render(
        request,
        "programmes/programme_list.html",
        {"programmes": programmes, "can_create": can_create},
    )


@permission_required(Capability.CREATE_PROGRAMMES)
def programme_create(request: AuthenticatedRequest) -> HttpResponse:
    form = ProgrammeCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.programme_create(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Programme created. Now add its modules."))
            return redirect("programmes:version-edit", pk=version.pk)
    return render(request, "programmes/programme_create.html", {"form": form})


@permission_required(Capability.WORK_ON_PROGRAMMES)
def version_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    version = selectors.version_get_for(request.user, pk)
    versions = selectors.version_list_for(request.user).filter(programme=version.programme)
    can_publish = can(request.user, Capability.PUBLISH_PROGRAMMES, version)
    authors = selectors.programme_authors(version.programme)
    return render(
        request,
        "programmes/version_detail.html",
        {
            "version": version,
            "versions": versions,
            "can_edit": _can_edit(request.user, version),
            "can_publish": can_publish,
            "next_statuses": [VersionStatus(s) for s in version.next_statuses],
            "authors_form": AuthorsForm(initial={"authors": authors}) if can_publish else None,
        },
    )


@permission_required(Capability.WORK_ON_PROGRAMMES)
def version_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    version = selectors.version_get_for(request.user, pk)
    if not _can_edit(request.user, version):
        raise PermissionDenied
    form = VersionForm(request.POST or None, instance=version)
    initial = [
        {
            "id": m.pk,
            "title": m.title,
            "hours": m.hours,
            "methods": m.methods,
            "learning_outcomes": m.learning_outcomes,
            "intersession_task": m.intersession_task,
            "ORDER": m.order,
        }
        for m in version.modules.all()
    ]
    formset = ModuleFormSet(request.POST or None, initial=initial, prefix="modules")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            services.version_update(
                actor=request.user, version=version, fields=fields, modules=ordered_modules(formset)
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("programmes:version-detail", pk=version.pk)
    return render(
        request,
        "programmes/version_edit.html",
        {"version": version, "form": form, "formset": formset},
    )


@require_POST
@permission_required(Capability.PUBLISH_PROGRAMMES)
def programme_authors(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    programme = selectors.programme_get_for(request.user, pk)
    form = AuthorsForm(request.POST)
    if form.is_valid():
        try:
            services.programme_set_authors(
                actor=request.user, programme=programme, authors=form.cleaned_data["authors"]
            )
        except DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Authors saved."))
    version = selectors.programme_newest_version(programme)
    return redirect("programmes:version-detail", pk=version.pk)


@require_POST
@permission_required(Capability.WORK_ON_PROGRAMMES)
def version_new(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    version = selectors.version_get_for(request.user, pk)
    try:
        new = services.version_new(actor=request.user, version=version)
    except DomainError as error:
        messages.error(request, str(error))
        return redirect("programmes:version-detail", pk=version.pk)
    messages.success(request, _("Version %(number)d started as a copy.") % {"number": new.number})
    return redirect("programmes:version-edit", pk=new.pk)


@require_POST
@permission_required(Capability.WORK_ON_PROGRAMMES)
def version_status(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    version = selectors.version_get_for(request.user, pk)
    try:
        services.version_set_status(
            actor=request.user, version=version, status=request.POST.get("status", "")
        )
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Status changed."))
    return redirect("programmes:version-detail", pk=version.pk)


@permission_required(Capability.WORK_ON_PROGRAMMES)
def version_diff(request: AuthenticatedRequest, pk: int, other: int) -> HttpResponse:
    old = selectors.version_get_for(request.user, pk)
    new = selectors.version_get_for(request.user, other)
    if old.programme_id != new.programme_id:
        raise Http404
    return render(
        request,
        "programmes/version_diff.html",
        {"old": old, "new": new, "changes": diff_versions(old, new)},
    )
