"""Every URL pattern × every role, with the expected answer.

The patterns are enumerated from the URL resolver, so a new URL without an entry fails. The
table lives in tests/access/, one module per app. Object URLs are requested with an object in
the Śląskie scope; `test_other_scope_gets_404` proves that a neighbour's operator (Łódzkie)
gets 404 for it, on every URL marked as scoped.

The personas and the objects behind every URL are made once for the module (`world`), inside
a transaction rolled back at its end; each test runs in a savepoint of it, so whatever a POST
changes is undone before the next request. (Made per test, they took two minutes.)
"""

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from akademia.core.jobs import job_start
from tests.access import LOGIN, ROLES, collect

ACCESS, POST_ACCESS = collect()


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    from akademia.accounts.roles import Role
    from akademia.accounts.tests.factories import make_user
    from akademia.territory.tests.factories import load_registry

    with django_db_blocker.unblock():
        load_registry()  # a live-server test on this worker may have flushed the database
    with django_db_blocker.unblock(), transaction.atomic():
        people = {
            "national": make_user("krajowy@test.example.org", Role.NATIONAL_OPERATOR),
            "regional": make_user(
                "slaskie@test.example.org", Role.REGIONAL_OPERATOR, voivodeships=["24"]
            ),
            "expert": make_user("ekspert@test.example.org", Role.EXPERT),
            "trainer": make_user("trener@test.example.org", Role.TRAINER, voivodeships=["24"]),
            "coordinator": make_user(
                "koordynator@test.example.org", Role.JST_COORDINATOR, jst="2409023"
            ),
            "participant": make_user("uczestnik@test.example.org", Role.PARTICIPANT, jst="2409023"),
        }
        outsiders = (
            make_user("lodzkie@test.example.org", Role.REGIONAL_OPERATOR, voivodeships=["10"]),
            make_user("kutno@test.example.org", Role.JST_COORDINATOR, jst="1002011"),
        )
        kwargs = {name: maker(people) for name, (maker, _, _) in ACCESS.items() if maker}
        yield people, outsiders, kwargs
        transaction.set_rollback(True)


@pytest.fixture
def personas(world, db):
    return world[0]


@pytest.fixture
def regional_other(world, db):
    return world[1][0]


@pytest.fixture
def coordinator_other(world, db):
    return world[1][1]


def _url(world, name) -> str:
    return reverse(name, kwargs=world[2].get(name))


def _names(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            yield from _names(entry.url_patterns, namespace)
        elif isinstance(entry, URLPattern):
            yield f"{prefix}{entry.name}" if entry.name else f"{prefix}<unnamed {entry.pattern}>"


def test_every_url_pattern_has_an_entry():
    names = set(_names(get_resolver().url_patterns))
    assert names - ACCESS.keys() == set(), "add these URLs to ACCESS"
    assert ACCESS.keys() - names == set(), "these ACCESS entries match no URL"


def _answer(response) -> int | str:
    if response.status_code == 302 and response["Location"].startswith(reverse("accounts:login")):
        return LOGIN
    return response.status_code


def _client_for(client, personas, role):
    if role != "anonymous":
        client.force_login(personas[role])
    return client


@pytest.mark.parametrize("name", sorted(ACCESS))
@pytest.mark.parametrize("role", ROLES)
def test_get(client, world, personas, name, role):
    url, expected = _url(world, name), ACCESS[name][1]
    response = _client_for(client, personas, role).get(url)
    assert _answer(response) == expected[role], f"GET {url} as {role}"


@pytest.mark.parametrize("name", sorted(POST_ACCESS))
@pytest.mark.parametrize("role", ROLES)
def test_post(client, world, personas, name, role):
    url = _url(world, name)
    response = _client_for(client, personas, role).post(url, {"active": "1"})
    assert _answer(response) == POST_ACCESS[name][role], f"POST {url} as {role}"


@pytest.mark.parametrize("name", sorted(n for n, (_, _, scoped) in ACCESS.items() if scoped))
def test_other_scope_gets_404(client, world, regional_other, coordinator_other, name):
    """Objects of Śląskie are absent for the operator and the coordinator of Łódzkie."""
    url = _url(world, name)
    for outsider in (regional_other, coordinator_other):
        client.force_login(outsider)
        if name in POST_ACCESS:
            assert client.post(url, {"active": "1"}).status_code in (403, 404), url
        else:
            assert client.get(url).status_code in (403, 404), url
    client.force_login(regional_other)
    method = client.post if name in POST_ACCESS else client.get
    assert method(url, {"active": "1"}).status_code == 404, f"{url}: not 404 for Łódzkie operator"


def test_anonymous_is_sent_to_login_with_next(client):
    response = client.get(reverse("accounts:user-list"))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login") + "?next=/konto/uzytkownicy/"


def test_job_started_by_another_user_is_hidden_from_lists(personas, regional_other):
    from akademia.core.selectors import job_list_for

    job = job_start(kind="territory.import_register", label="x", actor=personas["regional"])
    assert job in job_list_for(personas["national"])
    assert job not in job_list_for(regional_other)


DENIED = {LOGIN, 403, 404}


def test_every_post_only_url_has_a_post_row():
    """A view that answers GET with 405 changes state: its POST answers are in the table."""
    post_only = {name for name, (_, answers, _) in ACCESS.items() if 405 in answers.values()}
    assert post_only - POST_ACCESS.keys() == set(), "add these URLs to POST_ACCESS"


@pytest.mark.parametrize(
    ("name", "role"),
    sorted(
        (name, role)
        for name, (_, answers, _) in ACCESS.items()
        if name not in POST_ACCESS
        for role in ROLES
        if answers[role] in DENIED
    ),
)
def test_post_is_refused_where_get_is(client, world, personas, name, role):
    """A form's POST checks the same permission as its GET: a role refused the page is refused
    the write, with the same answer (no state change by posting past a hidden form)."""
    url = _url(world, name)
    response = _client_for(client, personas, role).post(url, {"active": "1"})
    assert _answer(response) == ACCESS[name][1][role], f"POST {url} as {role}"
