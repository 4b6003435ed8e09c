"""Names on the maps are text: a unit name with markup shows the markup literally in its
tooltip, and no element of it is created (the CSP is the second line of defence, not the first).
"""

from playwright.sync_api import expect

from akademia.territory.models import Commune

MARKUP = '<img src=x id=pwned><b id="bold">bold</b>'


def test_map_tooltip_shows_a_name_with_markup_as_text(page, live_server):
    Commune.objects.filter(code="2409023").update(name=f"Koziegłowy {MARKUP}")
    page.goto(f"{live_server.url}/teryt/jst/2409023/")
    shape = page.locator(".map path.leaflet-interactive")
    expect(shape).to_have_count(1)
    shape.hover()
    tooltip = page.locator(".leaflet-tooltip")
    expect(tooltip).to_have_text(f"Koziegłowy {MARKUP}")
    expect(page.locator("#pwned")).to_have_count(0)
    expect(page.locator("#bold")).to_have_count(0)
