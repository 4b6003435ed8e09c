"""Every role's pages, checked by axe (issue #16): each role signs in and follows the links of
its pages (breadth first, same site, no downloads, no signing out), and on each page a form
whose required fields are all empty is sent empty with the browser's own checks off, so the
server's validation-error state is checked too. The axe check itself is the automatic one of
every page (conftest.py: AUTO_AXE, WCAG 2.1 A/AA, any impact): this test gives it pages no
journey opens. A form with no required field (a confirmation, a filter) is never sent: it
might act.
"""

from collections import deque

import pytest

from akademia.accounts.tests.factories import PASSWORD
from akademia.delivery.tests.factories import training

MAX_PAGES = 40  # per role: a bound for the suite's time; the links are taken breadth first
SKIP = (".pdf", ".xlsx", ".json", ".ics", ".docx", ".csv", ".zip", "/wylogowanie/", "/jezyk/")

LINKS = """() => [...document.querySelectorAll('a[href]')]
  .filter(a => !a.hasAttribute('download'))
  .map(a => new URL(a.getAttribute('href'), location.href))
  .filter(u => u.origin === location.origin)
  .map(u => u.pathname + u.search)"""

# The first POST form whose required fields are all empty: sent empty, without the browser's
# own checks, so the page comes back with the server's errors.
FIND_EMPTY = """() => {
  for (const form of document.querySelectorAll('main form[method="post" i]')) {
    if ([...form.attributes].some(a => a.name.startsWith('hx-'))) continue;  // htmx: swapped
    const required = [...form.querySelectorAll('[required]')];
    const filled = f => (f.type === 'checkbox' || f.type === 'radio') ? f.checked : f.value;
    if (!required.length || required.some(filled)) continue;
    const button = form.querySelector(
      'button[type="submit"], button:not([type]), input[type="submit"]');
    if (!button) continue;
    form.noValidate = true;
    button.setAttribute('data-send-empty', '');
    return true;
  }
  return false;
}"""


@pytest.fixture
def world(national, regional, expert, trainer, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return training(national, regional, expert, trainer)


@pytest.mark.parametrize(
    "role",
    ["anonymous", "national", "regional", "expert", "trainer", "coordinator", "participant"],
)
def test_every_page_a_role_reaches_passes_axe(page, live_server, login, world, role, request):
    if role == "participant":  # the world's participant: one taking part in the group
        login(world.participants.order_by("pk").first().user, PASSWORD)
    elif role != "anonymous":
        login(request.getfixturevalue(role), PASSWORD)
    queue, seen, visited, sent = deque(["/"]), {"/"}, [], []
    while queue and len(visited) < MAX_PAGES:
        path = queue.popleft()
        visited.append(path)
        response = page.goto(f"{live_server.url}{path}")
        if response is None or response.status != 200:
            continue
        page.evaluate("() => window.__axeCheckNow()")
        if page.evaluate(FIND_EMPTY):
            with page.expect_navigation():
                page.locator("[data-send-empty]").click()
            page.evaluate("() => window.__axeCheckNow()")  # the form with its errors
            sent.append(path)
        for link in page.evaluate(LINKS):
            if (
                link not in seen
                and not link.lower().endswith(SKIP)
                and not any(part in link for part in SKIP)
            ):
                seen.add(link)
                queue.append(link)
    assert len(set(page.axe_checked)) >= 5, page.axe_checked  # it did crawl
    assert visited and (sent or role in ("participant", "coordinator", "trainer", "expert")), sent
