"""The automatic axe check of every page (conftest.py: AUTO_AXE) really runs: after a load and
after an htmx swap, with the WCAG 2.1 A/AA rules, whatever the violation's impact."""

from playwright.sync_api import expect


def test_a_violation_appearing_after_a_swap_is_reported(page, live_server):
    page.goto(f"{live_server.url}/")
    expect(page.locator("main")).to_be_visible()
    for _ in range(300):  # checked after its load, by itself
        if "/" in page.axe_checked:
            break
        page.wait_for_timeout(100)
    assert page.axe_checked[0] == "/"
    assert page.axe_violations == {}  # the home page passes
    # An image without a text alternative, as a swap would bring it.
    page.evaluate(
        """() => {
          const img = document.createElement("img");
          img.src = "/static/favicon.ico";
          document.querySelector("main").append(img);
          document.dispatchEvent(new Event("htmx:afterSettle"));
        }"""
    )
    for _ in range(100):
        if page.axe_violations:
            break
        page.wait_for_timeout(100)
    assert ("/", "image-alt") in page.axe_violations
    page.axe_violations.clear()  # the test's own violation: not a failure of the page
    page.evaluate("() => document.querySelector('main img').remove()")
