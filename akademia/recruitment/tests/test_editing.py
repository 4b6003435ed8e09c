"""Editing projects and calls after creation: what may change in which status, who may change
it, the audit of every change, and the pages that state the rules and keep what was typed."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from akademia.core.audit import SYSTEM
from akademia.core.errors import DomainError
from akademia.core.models import AuditEntry
from akademia.programmes.models import ProgrammeVersion, VersionStatus
from akademia.programmes.tests.factories import make_version as make_programme_version
from akademia.recruitment import services
from akademia.recruitment.models import CallStatus
from akademia.recruitment.tests.factories import complete, data, open_call
from akademia.territory.models import Voivodeship


def _version(expert, national, title, **team):
    version = make_programme_version(
        expert, national, VersionStatus.APPROVED_FOR_PILOT, title=title
    )
    if team:
        ProgrammeVersion.objects.filter(pk=version.pk).update(**team)
        version.refresh_from_db()
    return version


def _draft(actor, project, version):
    today = timezone.localdate()
    return services.call_create(
        actor=actor,
        project=project,
        title="Nabór w przygotowaniu",
        versions=[version],
        opens_on=today + timedelta(days=7),
        closes_on=today + timedelta(days=37),
        kinds=["rural", "urban", "county"],
        questions=["Dlaczego chcecie wziąć udział?"],
    )


def _updates(target):
    return AuditEntry.objects.filter(
        action=f"recruitment.{target._meta.model_name}.updated", target_id=str(target.pk)
    )


# Calls: the rules of each status ----------------------------------------------------------


def test_a_draft_call_changes_freely_and_each_change_is_audited(national, pilot, version, expert):
    call = _draft(national, pilot, version)
    smaller = _version(expert, national, "Planowanie", team_max=4, team_min_managers=2)
    later = call.opens_on + timedelta(days=3)
    call = services.call_update(
        actor=national,
        call=call,
        title="Nabór pilotażowy",
        versions=[smaller],
        opens_on=later,
        kinds=["rural"],
        questions=["Jakie macie doświadczenie?"],
    )
    call.refresh_from_db()
    assert call.title == "Nabór pilotażowy" and call.kinds == ["rural"]
    assert list(call.versions.all()) == [smaller]
    assert (call.team_min, call.team_max, call.team_min_managers) == (2, 4, 2)
    changes = _updates(call).get().data["changes"]
    assert changes["title"] == ["Nabór w przygotowaniu", "Nabór pilotażowy"]
    assert changes["opens_on"][1] == later.isoformat()
    assert changes["versions"] == [[str(version)], [str(smaller)]]
    assert changes["kinds"] == [["rural", "urban", "county"], ["rural"]]
    assert set(changes) == {"title", "versions", "opens_on", "kinds", "questions", "team"}


def test_nothing_changed_records_nothing(national, call):
    services.call_update(actor=national, call=call, title=call.title, closes_on=call.closes_on)
    assert not _updates(call).exists()


def test_a_draft_call_still_needs_a_consistent_period_and_team_rule(
    national, pilot, version, expert
):
    call = _draft(national, pilot, version)
    with pytest.raises(DomainError, match="closes before it opens") as refused:
        services.call_update(actor=national, call=call, closes_on=call.opens_on - timedelta(1))
    assert refused.value.field == "closes_on"
    apart = _version(expert, national, "Duże zespoły", team_min=6, team_max=8)
    with pytest.raises(DomainError, match="do not overlap") as refused:
        services.call_update(actor=national, call=call, versions=[version, apart])
    assert refused.value.field == "versions"


def test_an_open_call_keeps_its_start_and_only_extends_its_deadline(national, call):
    with pytest.raises(
        DomainError, match="the start of applications can no longer change"
    ) as refused:
        services.call_update(actor=national, call=call, opens_on=call.opens_on - timedelta(1))
    assert refused.value.field == "opens_on"
    with pytest.raises(DomainError, match="the deadline can only be extended") as refused:
        services.call_update(actor=national, call=call, closes_on=call.closes_on - timedelta(1))
    assert refused.value.field == "closes_on"
    later = call.closes_on + timedelta(days=14)
    services.call_update(actor=national, call=call, closes_on=later)
    call.refresh_from_db()
    assert call.closes_on == later
    assert _updates(call).get().data["changes"] == {
        "closes_on": [(later - timedelta(days=14)).isoformat(), later.isoformat()]
    }
    # Closed for review, the deadline can still be extended (before reopening), not shortened.
    services.call_set_status(actor=national, call=call, status=CallStatus.CLOSED)
    with pytest.raises(DomainError, match="the deadline can only be extended") as refused:
        services.call_update(actor=national, call=call, closes_on=later - timedelta(1))
    assert refused.value.field == "closes_on"


def test_an_open_call_adds_versions_but_never_removes_one_or_tightens_the_team(
    national, call, version, expert
):
    same_rule = _version(expert, national, "Planowanie")
    services.call_update(actor=national, call=call, versions=[version, same_rule])
    assert set(call.versions.all()) == {version, same_rule}
    with pytest.raises(DomainError, match="programme versions can be added, but") as refused:
        services.call_update(actor=national, call=call, versions=[same_rule])
    assert refused.value.field == "versions" and str(version) in str(refused.value)
    stricter = _version(expert, national, "Małe zespoły", team_max=4)
    with pytest.raises(DomainError, match="cannot become stricter") as refused:
        services.call_update(actor=national, call=call, versions=[version, same_rule, stricter])
    assert refused.value.field == "versions"
    assert "2–4 people" in str(refused.value) and "2–5 people" in str(refused.value)
    call.refresh_from_db()
    assert call.team_max == 5 and call.versions.count() == 2


def test_once_jst_applied_who_may_apply_only_widens_and_the_questions_stay(
    national, pilot, version
):
    call = open_call(national, pilot, version, kinds=["rural", "urban"], title="Wiejskie")
    services.call_update(actor=national, call=call, kinds=["rural"])  # nobody applied yet
    services.call_update(actor=national, call=call, kinds=["rural", "urban"])
    services.application_save(actor=SYSTEM, call=call, data=data("2402022"))  # a draft counts
    with pytest.raises(DomainError, match="urban can no longer be removed") as refused:
        services.call_update(actor=national, call=call, kinds=["rural"])
    assert refused.value.field == "kinds"
    services.call_update(actor=national, call=call, kinds=["rural", "urban", "county"])
    with pytest.raises(DomainError, match="answered these questions") as refused:
        services.call_update(actor=national, call=call, questions=["Inne pytanie?"])
    assert refused.value.field == "questions"
    # The pilot was open to all voivodeships: it cannot be limited to some any more.
    slaskie = Voivodeship.objects.get(code="24")
    with pytest.raises(DomainError, match="voivodeships can be added") as refused:
        services.call_update(actor=national, call=call, voivodeships=[slaskie])
    assert refused.value.field == "voivodeships"
    # Returning JST may be admitted, then never excluded again.
    services.call_update(actor=national, call=call, allow_returning=True)
    with pytest.raises(DomainError, match="returning JST can no longer be excluded") as refused:
        services.call_update(actor=national, call=call, allow_returning=False)
    assert refused.value.field == "allow_returning"
    call.refresh_from_db()
    assert call.kinds == ["rural", "urban", "county"] and call.allow_returning


def test_a_regional_call_stays_in_its_voivodeship(regional, slaskie_call):
    lodzkie = Voivodeship.objects.get(code="10")
    with pytest.raises(DomainError, match="project's voivodeship only") as refused:
        services.call_update(actor=regional, call=slaskie_call, voivodeships=[lodzkie])
    assert refused.value.field == "voivodeships"
    assert list(slaskie_call.voivodeships.values_list("code", flat=True)) == ["24"]


def test_a_published_call_changes_only_its_title(national, call):
    complete(national, call, "2409023")
    services.quotas_set(
        actor=national, call=call, rows=[{"code": "t", "unit": "jst", "min": 1, "max": 1}]
    )
    services.selection_run(actor=national, call=call)
    services.selection_publish(actor=national, call=call)
    with pytest.raises(DomainError, match="only the title") as refused:
        services.call_update(actor=national, call=call, closes_on=call.closes_on + timedelta(1))
    assert refused.value.field == "closes_on"
    services.call_update(actor=national, call=call, title="Nabór pilotażowy 2026")
    call.refresh_from_db()
    assert call.title == "Nabór pilotażowy 2026"


def test_only_the_operators_of_the_project_edit_its_calls(
    call, slaskie_call, regional, regional_other, coordinator
):
    for actor, target in (
        (regional, call),  # the pilot is national
        (regional_other, slaskie_call),
        (coordinator, slaskie_call),
    ):
        with pytest.raises(DomainError, match="Only the operators of this project can do this"):
            services.call_update(actor=actor, call=target, title="Cudzy nabór")
    services.call_update(actor=regional, call=slaskie_call, title="Nabór śląski 2026")
    assert _updates(slaskie_call).get().voivodeship_code == "24"


# Projects ----------------------------------------------------------------------------------


def test_a_regional_operator_edits_its_projects_name_and_targets_only(
    regional, regional_other, slaskie_project, pilot
):
    services.project_update(
        actor=regional, project=slaskie_project, name="Akademia Śląska", target_jst=60
    )
    slaskie_project.refresh_from_db()
    assert slaskie_project.name == "Akademia Śląska" and slaskie_project.target_jst == 60
    entry = _updates(slaskie_project).get()
    assert entry.data["changes"] == {
        "name": ["Projekt śląski", "Akademia Śląska"],
        "target_jst": [0, 60],
    }
    assert entry.voivodeship_code == "24" and entry.actor == regional
    with pytest.raises(
        DomainError, match="Only the national operator moves a project to another voivodeship"
    ) as refused:
        services.project_update(
            actor=regional, project=slaskie_project, voivodeship=Voivodeship.objects.get(code="10")
        )
    assert refused.value.field == "voivodeship"
    for actor, project in ((regional, pilot), (regional_other, slaskie_project)):
        with pytest.raises(DomainError, match="Only the operators of this project can do this"):
            services.project_update(actor=actor, project=project, name="X")


def test_the_voivodeship_of_a_project_changes_only_before_its_first_call(
    national, slaskie_project, version
):
    lodzkie = Voivodeship.objects.get(code="10")
    services.project_update(actor=national, project=slaskie_project, voivodeship=lodzkie)
    assert _updates(slaskie_project).get().data["changes"] == {"voivodeship": ["24", "10"]}
    open_call(national, slaskie_project, version)
    with pytest.raises(DomainError, match="The project has calls") as refused:
        services.project_update(
            actor=national, project=slaskie_project, voivodeship=Voivodeship.objects.get(code="24")
        )
    assert refused.value.field == "voivodeship"
    slaskie_project.refresh_from_db()
    assert slaskie_project.voivodeship == lodzkie


# Pages -------------------------------------------------------------------------------------


def _call_post(call, **changes):
    post = {
        "title": call.title,
        "versions": [str(v.pk) for v in call.versions.all()],
        "opens_on": call.opens_on.isoformat(),
        "closes_on": call.closes_on.isoformat(),
        "kinds": list(call.kinds),
        "questions": "\n".join(call.questions),
        "consent_text": call.consent_text,
    }
    return post | changes


def test_the_call_page_states_the_rules_and_disables_what_cannot_change(client, national, call):
    complete(national, call, "2409023")
    client.force_login(national)
    page = client.get(reverse("recruitment:call-edit", args=[call.pk])).content.decode()
    assert "the deadline can only be extended, not moved earlier" in page
    assert "kinds can be added but not removed" in page
    assert f'value="{call.opens_on.isoformat()}"' in page  # ISO: what type="date" reads
    assert 'name="opens_on" value' in page and "disabled" in page.split('name="opens_on"')[1][:200]
    assert "disabled" in page.split('name="questions"')[1][:200]


def test_a_refused_change_keeps_what_was_typed_and_names_the_field(client, national, call):
    client.force_login(national)
    url = reverse("recruitment:call-edit", args=[call.pk])
    earlier = call.closes_on - timedelta(days=1)
    response = client.post(
        url, _call_post(call, title="Nabór – nowy tytuł", closes_on=earlier.isoformat())
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'value="Nabór – nowy tytuł"' in page and f'value="{earlier.isoformat()}"' in page
    error = page.split('id="id_closes_on_error"')[1].split("</ul>")[0]
    assert "can only be extended, not moved earlier" in error
    call.refresh_from_db()
    assert call.title == "Nabór testowy"
    # A form error (no version ticked) keeps the typed text too.
    response = client.post(url, _call_post(call, title="Inny tytuł", versions=[]))
    page = response.content.decode()
    assert 'value="Inny tytuł"' in page and 'id="id_versions_error"' in page


def test_a_saved_change_is_in_the_calls_history(client, national, call):
    client.force_login(national)
    url = reverse("recruitment:call-edit", args=[call.pk])
    later = call.closes_on + timedelta(days=10)
    response = client.post(url, _call_post(call, closes_on=later.isoformat()))
    assert response.status_code == 302
    assert response["Location"] == reverse("recruitment:call-detail", args=[call.pk])
    call.refresh_from_db()
    assert call.closes_on == later
    page = client.get(url).content.decode()
    assert "Call for applications changed" in page and "Applications until" in page


def test_the_project_page_for_a_regional_operator(client, regional, slaskie_project):
    client.force_login(regional)
    url = reverse("recruitment:project-edit", args=[slaskie_project.pk])
    page = client.get(url).content.decode()
    assert "Only the national operator moves a project" in page
    assert "disabled" in page.split('name="voivodeship"')[1][:200]
    post = {"name": "", "voivodeship": "", "target_jst": "40", "target_people": "120"}
    post |= {"starts_on": "2027-01-01", "ends_on": "2027-12-31"}
    response = client.post(url, post)
    assert response.status_code == 200 and 'value="40"' in response.content.decode()
    response = client.post(url, post | {"name": "Akademia Śląska"})
    assert response.status_code == 302
    slaskie_project.refresh_from_db()
    # The disabled field keeps the project in its voivodeship, whatever was posted.
    assert slaskie_project.voivodeship.code == "24" and slaskie_project.target_people == 120
    assert "Recruitment project changed" in client.get(url).content.decode()
