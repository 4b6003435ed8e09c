"""The catalogue's rules: drafts are edited by their authors, sent versions are frozen,
a new version is a copy, statuses move one way, and the diff reads like a person wrote it."""

import pytest
from django.http import Http404
from django.urls import reverse

from akademia.accounts.permissions import can
from akademia.accounts.roles import Capability, Role
from akademia.accounts.tests.factories import make_user
from akademia.core.errors import DomainError
from akademia.programmes import selectors, services
from akademia.programmes.diff import diff_versions
from akademia.programmes.models import VersionStatus

MODULE = {"learning_outcomes": "", "intersession_task": "Zadanie"}


def _modules(*rows):
    return [{"title": t, "hours": h, "methods": m, **MODULE} for t, h, m in rows]


@pytest.fixture
def draft(expert):
    version = services.programme_create(
        actor=expert, title="Finanse JST", goal="Lepsze budżety", target_kinds=["rural"]
    )
    services.version_update(
        actor=expert,
        version=version,
        fields={"group_max": 25},
        modules=_modules(
            ("Budżet zadaniowy", 8, ["lecture"]),
            ("WPF", 8, ["workshop"]),
            ("Dług", 4, ["case_study"]),
        ),
    )
    version.refresh_from_db()
    return version


def test_expert_becomes_author_and_edits_own_draft(draft, expert):
    assert list(draft.programme.authors.all()) == [expert]
    assert can(expert, Capability.EDIT_PROGRAMMES, draft)


def test_another_expert_neither_edits_nor_sees_the_draft(draft):
    other = make_user("inny.ekspert@test.example.org", Role.EXPERT)
    assert not can(other, Capability.EDIT_PROGRAMMES, draft)
    with pytest.raises(Http404):
        selectors.version_get_for(other, draft.pk)
    with pytest.raises(
        DomainError, match="Tę wersję roboczą mogą edytować tylko autorzy i operator krajowy"
    ):
        services.version_update(actor=other, version=draft, fields={}, modules=[])


def test_version_in_consultation_is_frozen(draft, national, expert):
    services.version_set_status(actor=national, version=draft, status=VersionStatus.IN_CONSULTATION)
    with pytest.raises(DomainError, match="Ta wersja nie jest już wersją roboczą"):
        services.version_update(actor=expert, version=draft, fields={"group_max": 20}, modules=[])


def test_only_the_national_operator_moves_statuses_and_only_forward(draft, national, expert):
    with pytest.raises(DomainError, match="Status wersji może zmieniać tylko operator krajowy"):
        services.version_set_status(actor=expert, version=draft, status=VersionStatus.FINAL)
    with pytest.raises(
        DomainError, match="Nie można zmienić statusu wersji z „wersja robocza” na „ostateczna”"
    ):
        services.version_set_status(actor=national, version=draft, status=VersionStatus.FINAL)
    services.version_set_status(actor=national, version=draft, status=VersionStatus.IN_CONSULTATION)
    with pytest.raises(
        DomainError,
        match="Nie można zmienić statusu wersji z „w konsultacjach” na „wersja robocza”",
    ):
        services.version_set_status(actor=national, version=draft, status=VersionStatus.DRAFT)


def test_new_version_is_a_copy_and_the_diff_names_the_changes(draft, national, expert):
    services.version_set_status(actor=national, version=draft, status=VersionStatus.IN_CONSULTATION)
    v2 = services.version_new(actor=expert, version=draft)
    assert (v2.number, v2.status, v2.based_on_id) == (2, VersionStatus.DRAFT, draft.pk)
    assert [m.title for m in v2.modules.order_by("order")] == ["Budżet zadaniowy", "WPF", "Dług"]
    with pytest.raises(DomainError, match="Ten program ma już wersję roboczą"):
        services.version_new(actor=expert, version=draft)  # one draft at a time

    rows = [
        {"id": m.pk, "title": m.title, "hours": m.hours, "methods": list(m.methods), **MODULE}
        for m in v2.modules.order_by("order")[:2]
    ]
    rows[1]["hours"] = 12
    rows[1]["methods"].append("simulation")
    v2 = services.version_update(actor=expert, version=v2, fields={"group_max": 20}, modules=rows)

    texts = [change.text for change in diff_versions(draft, v2)]
    assert any("25 → 20" in text for text in texts)
    assert any("3 → 2" in text for text in texts)
    assert any("Dług" in text for text in texts)
    assert any("WPF" in text and "8 → 12" in text for text in texts)
    assert any("WPF" in text and "symulacja" in text for text in texts)
    paths = {change.path for change in diff_versions(draft, v2)}
    assert "field:group_max" in paths and "modules:count" in paths


def test_public_catalogue_shows_only_published_versions(client, draft, national, expert):
    assert selectors.published_catalogue() == []
    assert client.get(reverse("programmes:public-version", args=[draft.pk])).status_code == 404
    services.version_set_status(
        actor=national, version=draft, status=VersionStatus.APPROVED_FOR_PILOT
    )
    response = client.get(reverse("programmes:catalogue"))
    assert "Finanse JST" in response.content.decode()


def test_edit_form_with_bad_input_keeps_what_was_typed(client, draft, expert):
    client.force_login(expert)
    url = reverse("programmes:version-edit", args=[draft.pk])
    form = client.get(url).context["form"]
    data = {name: form.initial.get(name) or "" for name in form.fields}
    data |= {"title": "Nowy tytuł", "goal": "Cel", "target_kinds": ["rural"], "weekdays": ["5"]}
    data |= {"group_min": "30", "group_max": "20", "audience": "both", "advisory_mode": "both"}
    data |= {"start_hour": "09:00", "end_hour": "16:00", "period_start": "", "period_end": ""}
    data |= {"modules-TOTAL_FORMS": "1", "modules-INITIAL_FORMS": "0"}
    data |= {
        "modules-0-title": "Moduł nowy",
        "modules-0-hours": "6",
        "modules-0-methods": "lecture",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors["group_max"]
    html = response.content.decode()
    assert 'value="Nowy tytuł"' in html and 'value="Moduł nowy"' in html
    draft.refresh_from_db()
    assert draft.title == "Finanse JST"


def test_national_operator_names_the_authors_who_then_edit(client, national, expert):
    version = services.programme_create(
        actor=national, title="Cyfryzacja urzędu", goal="E-usługi", target_kinds=["urban"]
    )
    assert not can(expert, Capability.EDIT_PROGRAMMES, version)
    client.force_login(national)
    client.post(
        reverse("programmes:programme-authors", args=[version.programme_id]),
        {"authors": [expert.pk]},
    )
    assert can(expert, Capability.EDIT_PROGRAMMES, version)
    with pytest.raises(DomainError, match="Autorów wybiera tylko operator krajowy"):
        services.programme_set_authors(actor=expert, programme=version.programme, authors=[expert])


@pytest.mark.parametrize("who", ["regional", "expert"])
def test_posting_a_status_past_the_page_changes_nothing_for_others_than_the_national_operator(
    client, draft, who, request
):
    client.force_login(request.getfixturevalue(who))
    url = reverse("programmes:version-status", kwargs={"pk": draft.pk})
    client.post(url, {"status": VersionStatus.IN_CONSULTATION})
    draft.refresh_from_db()
    assert draft.status == VersionStatus.DRAFT


def test_the_national_operator_moves_the_status_from_the_page(client, draft, national):
    client.force_login(national)
    url = reverse("programmes:version-status", kwargs={"pk": draft.pk})
    client.post(url, {"status": VersionStatus.IN_CONSULTATION})
    draft.refresh_from_db()
    assert draft.status == VersionStatus.IN_CONSULTATION
