"""The deklaracja dostępności: the regulation's structure (v2.0, 2024), linked from every page."""

import re

from django.urls import reverse

IDS_IN_ORDER = [
    "a11y-wstep",
    "a11y-podmiot",
    "a11y-url",
    "a11y-zakres",
    "a11y-data-publikacja",
    "a11y-data-aktualizacja",
    "a11y-status",
    "a11y-data-sporzadzenie",
    "a11y-ocena",
    "a11y-kontakt",
    "a11y-email",
    "a11y-procedura",
    "a11y-aplikacje",
    "a11y-architektura",
    "a11y-komunikacja",
]


def test_the_statement_has_the_prescribed_elements_in_order(client, db, settings):
    settings.ACCESSIBILITY = {**settings.ACCESSIBILITY, "phone": "+48 22 000 00 00"}
    html = client.get(reverse("core:accessibility-statement")).content.decode()
    positions = [html.find(f'id="{element}"') for element in IDS_IN_ORDER]
    assert -1 not in positions, [e for e, p in zip(IDS_IN_ORDER, positions, strict=True) if p < 0]
    assert positions == sorted(positions)
    assert 'id="a11y-telefon"' in html
    assert re.search(r'<time id="a11y-data-publikacja" datetime="\d{4}-\d{2}-\d{2}"', html)


def test_every_page_links_the_statement_in_its_footer_and_meta(client, db):
    html = client.get(reverse("territory:poland")).content.decode()
    url = reverse("core:accessibility-statement")
    assert f'href="{url}">Deklaracja dostępności</a>' in html
    assert f'<meta name="deklaracja-dostępności" content="http://testserver{url}">' in html
