"""schemathesis against the published schema, in `make test` (so in .ci/run): every operation
with generated parameters, as the national operator and as Śląskie's regional operator (each
with their token) and as an anonymous caller. No answer is a 5xx, every answer matches the
schema (status, content type, headers, body), anonymous calls get 401, and no answer to the
regional operator holds a row of Łódzkie (checked by id and by voivodeship code).

The requests go to the WSGI application in this process, inside the module's transaction (the
world of conftest.py), so no server is started. Bounded: a few examples per operation and role
(about 15 s)."""

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings

from akademia.api.tests.conftest import OTHER

schemathesis = pytest.importorskip("schemathesis")

EXAMPLES = 8  # per operation and role: 19 operations × 3 callers


@pytest.fixture
def wsgi_app(world):
    """Django's WSGI handler, kept on the test's connection: a request's end must not close
    it (the world's transaction lives on it), as Django's own test client does."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield WSGIHandler()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _leaked(resource: str, body, other_ids) -> list:
    if resource == "wskazniki":  # the indicators: a row per project, keyed by its id
        projects = [int(row["key"]) for row in body["projects"]]
        return [("wskazniki", pk) for pk in projects if pk in other_ids["projekty"]]
    rows = body.get("results", [body]) if isinstance(body, dict) else []
    found = []
    for row in rows:
        if not isinstance(row, dict):
            continue
        if row.get("id") in other_ids.get(resource, ()):
            found.append((resource, row["id"]))
        if row.get("voivodeship") == OTHER:
            found.append((resource, row.get("id"), "voivodeship"))
    return found


def _check(operation, role: str, headers: dict, world, seen: dict, leaks: list):
    resource = operation.path.split("/")[3]

    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def check(case):
        response = case.call(headers=headers)
        case.validate_response(response, headers=headers)
        seen[response.status_code] = seen.get(response.status_code, 0) + 1
        if role == "anonymous":
            assert response.status_code == 401, case.formatted_path
        if role == "regional" and response.status_code == 200:
            leaks.extend(_leaked(resource, response.json(), world.other_ids))

    return check


@pytest.mark.parametrize("role", ["national", "regional", "anonymous"])
def test_every_operation_keeps_to_its_schema_and_scope(world, wsgi_app, role):
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", wsgi_app)
    # Identity: the in-process WSGI client would not undo our gzip, as an HTTP client does.
    headers = {"Accept-Encoding": "identity"}
    if role != "anonymous":
        headers["Authorization"] = f"Bearer {world.keys[role]}"
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 19
    seen, leaks = {}, []
    for operation in operations:
        _check(operation, role, headers, world, seen, leaks)()
    assert leaks == []
    assert not any(status >= 500 for status in seen), seen
    if role != "anonymous":
        assert seen.get(200, 0) > 0, seen
