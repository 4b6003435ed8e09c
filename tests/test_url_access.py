"""Every URL pattern × every role, with the expected answer.

The patterns are enumerated from the URL resolver, so a new URL without an entry here fails.
A later issue adds its URLs to ACCESS. Answers: a status code, or LOGIN for a redirect to the
login page. Object URLs are requested with an object in the Śląskie scope; `test_other_scope`
then proves that a neighbour's operator (Łódzkie) gets 404 for it, on every such URL.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from akademia.core.jobs import job_start
from akademia.core.models import Job

LOGIN = "login"
ROLES = ["anonymous", "national", "regional", "expert", "trainer", "coordinator", "participant"]


def everyone(status):
    return dict.fromkeys(ROLES, status)


def signed_in(status=200):
    return {"anonymous": LOGIN, **dict.fromkeys(ROLES[1:], status)}


def only(allowed: set[str], status=200, denied=403):
    return {
        "anonymous": LOGIN,
        **{role: status if role in allowed else denied for role in ROLES[1:]},
    }


OPERATORS = {"national", "regional"}


# Object makers: (name -> callable(personas) -> kwargs). Objects are in the Śląskie scope.
def _job(p):
    job = Job.objects.create(kind="territory.import_register", label="x", created_by=p["regional"])
    return {"pk": job.pk}


def _user(p):
    return {"pk": p["coordinator"].pk}


CODE_VOIVODESHIP = lambda p: {"code": "24"}  # noqa: E731
CODE_COUNTY = lambda p: {"code": "2409"}  # noqa: E731
CODE_JST = lambda p: {"code": "2409023"}  # noqa: E731

# url name: (kwargs maker or None, expected answer per role for GET, scoped object?)
ACCESS = {
    "core:home": (None, signed_in(), False),
    "core:healthz": (None, everyone(200), False),
    "core:data-sources": (None, everyone(200), False),
    "core:set-language": (None, everyone(405), False),
    # A job is seen by whoever started it (here the regional operator) and national operators.
    "core:job-detail": (
        _job,
        {**only({"national", "regional"}, denied=404)},
        True,
    ),
    "core:job-cancel": (_job, signed_in(405), True),
    "core:audit-log": (None, only(OPERATORS), False),
    "accounts:login": (None, {**everyone(302), "anonymous": 200}, False),
    "accounts:logout": (None, signed_in(405), False),
    "accounts:profile": (None, signed_in(), False),
    "accounts:password-change": (None, signed_in(), False),
    "accounts:password-change-done": (None, signed_in(), False),
    "accounts:password-reset": (None, everyone(200), False),
    "accounts:password-reset-done": (None, everyone(200), False),
    "accounts:password-reset-confirm": (
        lambda p: {"uidb64": "MQ", "token": "bad-token"},
        everyone(200),
        False,
    ),
    "accounts:password-reset-complete": (None, everyone(200), False),
    "accounts:invitation-accept": (
        lambda p: {"uidb64": "MQ", "token": "bad-token"},
        everyone(200),
        False,
    ),
    "accounts:user-list": (None, only(OPERATORS), False),
    "accounts:user-invite": (None, only(OPERATORS), False),
    "accounts:user-detail": (_user, only(OPERATORS), True),
    "accounts:user-resend": (_user, signed_in(405), True),
    "accounts:user-set-active": (_user, signed_in(405), True),
    # The registry is public data (TERC, PRG): open to everyone, no scope.
    "territory:poland": (None, everyone(200), False),
    "territory:map-poland": (None, everyone(200), False),
    "territory:jst-search": (None, everyone(200), False),
    "territory:register-import": (None, only({"national"}), False),
    "territory:voivodeship-detail": (CODE_VOIVODESHIP, everyone(200), False),
    "territory:map-voivodeship": (CODE_VOIVODESHIP, everyone(200), False),
    "territory:county-detail": (CODE_COUNTY, everyone(200), False),
    "territory:map-county": (CODE_COUNTY, everyone(200), False),
    "territory:jst-detail": (CODE_JST, everyone(200), False),
}

# POST answers for the POST-only views, per role (the action itself is tested per app).
POST_ACCESS = {
    "core:job-cancel": {**only({"national", "regional"}, status=302, denied=404)},
    "accounts:user-resend": only(OPERATORS, status=302),
    "accounts:user-set-active": only(OPERATORS, status=302),
}


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
