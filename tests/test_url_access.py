"""Every URL pattern × every role, with the expected answer.

The patterns are enumerated from the URL resolver, so a new URL without an entry fails. The
table lives in tests/access/, one module per app. Object URLs are requested with an object in
the Śląskie scope; `test_other_scope_gets_404` proves that a neighbour's operator (Łódzkie)
gets 404 for it, on every URL marked as scoped.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from akademia.core.jobs import job_start
from tests.access import LOGIN, ROLES, collect

ACCESS, POST_ACCESS = collect()


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
def test_get(client, personas, name, role):
    make_kwargs, expected, _ = ACCESS[name]
    url = reverse(name, kwargs=make_kwargs(personas) if make_kwargs else None)
    response = _client_for(client, personas, role).get(url)
    assert _answer(response) == expected[role], f"GET {url} as {role}"


@pytest.mark.parametrize("name", sorted(POST_ACCESS))
@pytest.mark.parametrize("role", ROLES)
def test_post(client, personas, name, role):
    make_kwargs = ACCESS[name][0]
    url = reverse(name, kwargs=make_kwargs(personas))
    response = _client_for(client, personas, role).post(url, {"active": "1"})
    assert _answer(response) == POST_ACCESS[name][role], f"POST {url} as {role}"


@pytest.mark.parametrize("name", sorted(n for n, (_, _, scoped) in ACCESS.items() if scoped))
def test_other_scope_gets_404(client, personas, regional_other, coordinator_other, name):
    """Objects of Śląskie are absent for the operator and the coordinator of Łódzkie."""
    make_kwargs = ACCESS[name][0]
    url = reverse(name, kwargs=make_kwargs(personas))
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
