"""Browser tests: Playwright driving Debian's Chromium, with an axe-core check of every page.

Every page a test opens is checked by axe-core against the WCAG 2.1 A and AA rules, by itself:
after each load and after each htmx swap (`AUTO_AXE`, an init script of every page), and once
more on the page a test ends on. So every page × role × state a test visits (empty, filled, a
form sent back with its errors) is checked; any violation, whatever its impact, fails the test
at its end, listing the page, the rule and the elements. `axe(page)` checks a page on the spot.

They are skipped (with the reason) when /usr/bin/chromium is absent, unless REQUIRE_BROWSER=1,
as in CI, where a missing browser is a failure.
"""

import contextlib
import json
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


WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Runs in every page (and frame) before its own scripts: axe-core itself, and a check after
# the page loads and after every htmx swap, reported to the test through `__axeReport`.
AUTO_AXE = """
(() => {
  if (window.top !== window) return;
  const tags = %s;
  let timer = null;
  const check = () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      if (window.__axeRunning || window.axe._running) { check(); return; }
      window.__axeRunning = true;
      try {
        const result = await window.axe.run(document, {
          runOnly: {type: "tag", values: tags}, resultTypes: ["violations"],
        });
        await window.__axeReport(location.href, result.violations.map(v => ({
          id: v.id, impact: v.impact, help: v.help,
          targets: v.nodes.slice(0, 5).map(n => n.target.join(" ")),
        })));
      } catch (error) {
        // A page left while axe ran: the next page is checked by itself.
      } finally {
        window.__axeRunning = false;
      }
    }, 100);
  };
  window.addEventListener("load", check);
  document.addEventListener("htmx:afterSettle", check);
  window.__axeCheckNow = async () => {
    while (window.__axeRunning || window.axe._running) {
      await new Promise(r => setTimeout(r, 50));
    }
    clearTimeout(timer);
    window.__axeRunning = true;
    let result;
    try {
      result = await window.axe.run(document, {
        runOnly: {type: "tag", values: tags}, resultTypes: ["violations"],
      });
    } finally {
      window.__axeRunning = false;
    }
    await window.__axeReport(location.href, result.violations.map(v => ({
      id: v.id, impact: v.impact, help: v.help,
      targets: v.nodes.slice(0, 5).map(n => n.target.join(" ")),
    })));
  };
})();
"""


def _axe_source() -> str:
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()


@pytest.fixture(scope="session")
def auto_axe_script() -> str:
    return _axe_source() + "\n" + AUTO_AXE % json.dumps(WCAG_TAGS)


@pytest.fixture(scope="session")
def classifier_ready():
    """The comment classifier trained before the first journey, as a serving process has it
    from its start (`ConsultationsConfig.ready`): the live server runs in this process, and a
    suggestion must not wait for the training on a busy machine."""
    from akademia.consultations.nlp import default_model

    default_model()


@pytest.fixture
def page(browser, live_server, registry, auto_axe_script, classifier_ready):
    context = browser.new_context(locale="pl-PL", viewport={"width": 1280, "height": 900})
    violations: dict[tuple, dict] = {}
    checked: list[str] = []  # every page checked, in order (the hook's own test reads it)

    def report(source, url, found):
        path = url.removeprefix(live_server.url)
        checked.append(path)
        for violation in found:
            violations.setdefault((path, violation["id"]), violation)

    context.expose_binding("__axeReport", report)
    context.add_init_script(auto_axe_script)
    page = context.new_page()
    page.axe_violations, page.axe_checked = violations, checked  # for the hook's own test
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
    for open_page in context.pages:  # the page a test ends on, as it is now
        # A page closed or navigating is checked when it loads.
        with contextlib.suppress(Exception):
            open_page.evaluate("() => window.__axeCheckNow && window.__axeCheckNow()")
    context.close()
    if os.environ.get("AXE_LOG"):  # a list of the pages checked, for a note
        with open(os.environ["AXE_LOG"], "a", encoding="utf-8") as log:
            log.writelines(f"{path}\n" for path in checked)
    assert not outside, f"requests outside the app: {outside}"
    assert not violations, "axe (WCAG 2.1 A/AA):\n" + "\n".join(
        f"{path}: {rule} [{v['impact']}] {v['help']} {v['targets']}"
        for (path, rule), v in sorted(violations.items())
    )


@pytest.fixture
def axe():
    """Check the page now: serious and critical violations of every axe rule (best practices
    too). The WCAG 2.1 A/AA check of every page runs by itself (`AUTO_AXE`)."""

    def check(page):
        results = page.evaluate(
            """async () => {
              // Wait for the automatic check, then run at once (no await in between).
              while (window.__axeRunning || window.axe._running) {
                await new Promise(r => setTimeout(r, 50));
              }
              window.__axeRunning = true;
              try {
                const result = await window.axe.run(document, {resultTypes: ["violations"]});
                return result.violations.map(v => ({
                  id: v.id, impact: v.impact, help: v.help,
                  nodes: v.nodes.map(n => ({target: n.target})),
                }));
              } finally { window.__axeRunning = false; }
            }"""
        )
        serious = [v for v in results if v["impact"] in ("serious", "critical")]
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
