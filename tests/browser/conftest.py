"""Browser tests: Playwright driving Debian's Chromium, with an axe-core check of every page.

They are skipped (with the reason) when /usr/bin/chromium is absent, unless REQUIRE_BROWSER=1,
as in CI, where a missing browser is a failure.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
# Playwright's sync API runs an event loop in the test's thread; the ORM calls made by fixtures
# in that same thread are still synchronous, so Django's async guard is lifted for these tests.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
    if CHROMIUM.exists():
        return
    if os.environ.get("REQUIRE_BROWSER") == "1":
        raise pytest.UsageError(f"REQUIRE_BROWSER=1 but {CHROMIUM} is missing")
    skip = pytest.mark.skip(reason=f"{CHROMIUM} not installed (apt-get install chromium)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import expect, sync_playwright

    # Bounds for a noisy machine, not timing assertions: a page action or an expectation waits
    # up to 15 s (Playwright's 5 s for `expect` failed a journey while the machine was loaded).
    expect.set_options(timeout=15_000)

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server, registry):
    context = browser.new_context(locale="pl-PL", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    # Offline: any request that leaves the live server fails the test.
    outside = []

    def guard(route):
        if route.request.url.startswith(live_server.url):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", guard)
    page.set_default_timeout(15_000)
    yield page
    context.close()
    assert not outside, f"requests outside the app: {outside}"


@pytest.fixture
def axe():
    from axe_playwright_python.sync_playwright import Axe

    checker = Axe()

    def check(page):
        results = checker.run(page)
        serious = [
            violation
            for violation in results.response["violations"]
            if violation["impact"] in ("serious", "critical")
        ]
        assert not serious, "\n".join(
            f"{v['id']}: {v['help']} ({len(v['nodes'])}x: {v['nodes'][0]['target']})"
            for v in serious
        )

    return check


@pytest.fixture
def login(page, live_server):
    """Sign a person in and open the home page. By default the browser gets a session cookie
    made by Django's test client (the login form costs two page loads per test); journeys about
    signing in pass `via_form=True` and type the e-mail and password."""

    def sign_in(user, password, *, via_form=False):
        if via_form:
            page.goto(f"{live_server.url}/konto/logowanie/")
            page.get_by_label("E-mail").fill(user.email)
            page.get_by_label("Hasło").fill(password)
            page.get_by_role("button", name="Zaloguj się").click()
            page.wait_for_url(f"{live_server.url}/")
            return
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        page.context.add_cookies(
            [{"name": cookie.key, "value": cookie.value, "url": live_server.url}]
        )
        page.goto(f"{live_server.url}/")

    return sign_in
