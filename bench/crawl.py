"""Crawl a running demo as every role, at 1366 px and 390 px, in Chromium: print the pages that
scroll sideways, fail an axe rule (serious or critical), show an English word or an internal
code, or answer with a server error.

    .venv/bin/python bench/crawl.py http://127.0.0.1:8000 [--pages 60] [--no-axe]

Logins are the demo's (`akademia load_demo --logins-only`); the crawl follows same-site links
(no logout, no downloads, no POST) breadth-first from the home page, up to --pages per role.
"""

import argparse
import re
from collections import deque
from urllib.parse import urljoin, urlsplit

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

PASSWORD = "Demo-Akademia-2017"
LOGINS = [
    None,
    "krajowy@demo.example.org",
    "slaskie@demo.example.org",
    "ekspert@demo.example.org",
    "trener@demo.example.org",
    "koordynator@demo.example.org",
    "koordynator@2401011.demo.example.org",
    "uczestnik@demo.example.org",
    "joanna.kozlowska@2401011.demo.example.org",  # a pilot participant: delivery, evaluation
]
SKIP = re.compile(r"(wyloguj|logout|\.pdf|\.xlsx|\.docx|\.csv|\.ics|\.geojson|/static/|/media/)")
# Words of the English UI that have no place on a Polish page (whole words, case-sensitive).
ENGLISH = re.compile(
    r"\b(Save|Cancel|Delete|Search|Submit|Edit|Back|Next|Previous|Log in|Log out|"
    r"Required|required|Choose|Select|None|True|False|optimal|infeasible|feasible)\b"
)
CODE = re.compile(r"\b[a-z]+_[a-z_]+\b|\b(kind|total|field):[a-z]+\b")
AXE_JS = None


def check(page, axe) -> list[str]:
    problems = []
    width = page.evaluate("document.documentElement.scrollWidth")
    viewport = page.viewport_size["width"]
    if width > viewport + 1:
        problems.append(f"scrolls sideways: {width}px > {viewport}px")
    text = page.inner_text("main") if page.locator("main").count() else page.inner_text("body")
    english = sorted(set(ENGLISH.findall(text)))
    if english:
        problems.append(f"English: {', '.join(english)}")
    codes = sorted({m.group(0) for m in CODE.finditer(text)})
    if codes:
        problems.append(f"codes: {', '.join(codes[:5])}")
    if axe is not None:
        result = axe.run(page)
        for violation in result.response["violations"]:
            if violation["impact"] in ("serious", "critical"):
                problems.append(f"axe {violation['id']} ({len(violation['nodes'])}x)")
    return problems


def crawl(browser, base: str, login: str | None, width: int, limit: int, axe) -> dict:
    context = browser.new_context(locale="pl-PL", viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)
    if login:
        page.goto(urljoin(base, "/konto/logowanie/"))
        page.get_by_label("E-mail").fill(login)
        page.get_by_label("Hasło").fill(PASSWORD)
        page.get_by_role("button", name="Zaloguj się").click()
        page.wait_for_load_state()
    host = urlsplit(base).netloc
    queue, seen, report = deque(["/"]), set(), {}
    while queue and len(seen) < limit:
        path = queue.popleft()
        if path in seen:
            continue
        seen.add(path)
        try:
            response = page.goto(urljoin(base, path))
        except PlaywrightError:  # a download (a letter, an export) is not a page
            continue
        if response is None:
            continue
        if response.status >= 500:
            report[path] = [f"HTTP {response.status}"]
            continue
        if "text/html" not in (response.headers.get("content-type") or ""):
            continue
        problems = check(page, axe)
        if problems:
            report[path] = problems
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
            parts = urlsplit(href)
            if parts.netloc == host and not SKIP.search(parts.path):
                link = parts.path + (f"?{parts.query}" if parts.query else "")
                if link not in seen:
                    queue.append(link)
    context.close()
    return {"pages": len(seen), "problems": report}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base")
    parser.add_argument("--pages", type=int, default=60)
    parser.add_argument("--no-axe", action="store_true")
    options = parser.parse_args()
    axe = None
    if not options.no_axe:
        from axe_playwright_python.sync_playwright import Axe

        axe = Axe()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True, args=["--no-sandbox"]
        )
        total = bad = 0
        for login in LOGINS:
            for width in (1366, 390):
                result = crawl(browser, options.base, login, width, options.pages, axe)
                total += result["pages"]
                bad += len(result["problems"])
                print(f"{login or 'anonymous'} @ {width}px: {result['pages']} pages")
                for path, problems in result["problems"].items():
                    print(f"   {path}: {'; '.join(problems)}")
        browser.close()
    print(f"{total} page visits, {bad} with a problem")


if __name__ == "__main__":
    main()
