"""A refused form says so where the eye is: focus moves to an error summary that links to each
field (the GOV.UK pattern), even when the form is far down the page (issue #11)."""

from playwright.sync_api import expect

from akademia.accounts.tests.factories import PASSWORD


def test_a_refused_form_focuses_its_error_summary(page, live_server, login, axe, national):
    login(national, PASSWORD)
    page.goto(f"{live_server.url}/konto/uzytkownicy/zapros/")
    page.get_by_label("E-mail").fill("to nie jest adres")
    page.get_by_role("button", name="Wyślij zaproszenie").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    link = summary.get_by_role("link").first
    expect(link).to_contain_text("E-mail")
    link.click()
    expect(page.get_by_label("E-mail")).to_be_focused()
    expect(page.get_by_label("E-mail")).to_have_value("to nie jest adres")
    axe(page)
