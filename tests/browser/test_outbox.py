"""The national operator's page of failed e-mails: readable, accessible, and "send again"
sends the message (the live server runs the sender inline after the commit)."""

from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from akademia.accounts.tests.factories import PASSWORD
from akademia.core.models import OutboxEmail


def test_a_failed_e_mail_is_listed_and_sent_again(page, live_server, login, axe, national):
    OutboxEmail.objects.create(
        key="tests.browser:1",
        to="wojt@example.org",
        subject="Wyniki naboru",
        body="Poufna treść",
        attempts=10,
        failed_at=timezone.now(),
        last_error="SMTPRecipientsRefused",
    )
    login(national, PASSWORD)
    menu = page.get_by_role("navigation", name="Menu główne")
    menu.get_by_role("link", name="Niewysłane e-maile").click()
    row = page.get_by_role("row", name="wojt@example.org")
    expect(row).to_contain_text("Serwer poczty odrzucił adres odbiorcy.")
    expect(page.get_by_text("Poufna treść")).to_have_count(0)
    axe(page)
    row.get_by_role("button", name="Wyślij ponownie do wojt@example.org").click()
    done = page.get_by_text("E-mail do wojt@example.org zostanie wysłany ponownie.")
    expect(done).to_be_visible()
    expect(page.get_by_text("Nie ma niewysłanych e-maili.")).to_be_visible()
    assert [m.body for m in mail.outbox] == ["Poufna treść"]
