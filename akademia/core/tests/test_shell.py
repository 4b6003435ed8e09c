"""The shell every page stands on: security headers, deploy checks, offline assets, languages."""

import os
import re
import subprocess
import sys
from pathlib import Path

import polib
from django.conf import settings
from django.urls import reverse

ROOT = Path(settings.BASE_DIR)


def test_csp_forbids_inline_scripts_and_outside_hosts(client, db):
    response = client.get(reverse("territory:poland"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"


def test_templates_have_no_inline_script_or_style_and_no_remote_assets():
    for path in ROOT.glob("**/templates/**/*.html"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), f"inline script in {path}"
        assert " style=" not in text and "<style" not in text, f"inline style in {path}"
        assert not re.search(r"(src|href)=\"https?://", text), f"remote asset in {path}"


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    # (The browser tests' DJANGO_ALLOW_ASYNC_UNSAFE is not part of a production environment.)
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DEBUG": "0",
        "HTTPS": "1",
        "TESTING": "0",
        "SECRET_KEY": "x" * 20 + "production-like-secret-key-with-enough-entropy-0123456789",
        "ALLOWED_HOSTS": "akademia.example.gov.pl",
        "VAR_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-m", "akademia", "check", "--deploy", "--fail-level", "WARNING"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_polish_catalogue_is_complete_and_compiled():
    po = polib.pofile(str(ROOT / "locale/pl/LC_MESSAGES/django.po"))
    assert po.percent_translated() == 100, [e.msgid for e in po.untranslated_entries()][:10]
    assert not po.fuzzy_entries(), [e.msgid for e in po.fuzzy_entries()][:10]
    mo = polib.mofile(str(ROOT / "locale/pl/LC_MESSAGES/django.mo"))
    compiled = {
        (e.msgctxt, e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items()))) for e in mo
    }
    for entry in po.translated_entries():
        key = (entry.msgctxt, entry.msgid)
        assert compiled.get(key) == (entry.msgstr, tuple(sorted(entry.msgstr_plural.items()))), (
            f"django.mo is older than django.po ({entry.msgid!r}): run `make messages`"
        )


def test_polish_is_the_default_and_english_is_switchable(client, db):
    assert "Rejestr jednostek samorządu" in client.get(reverse("territory:poland")).content.decode()
    client.post(reverse("core:set-language"), {"language": "en", "next": "/teryt/"})
    assert "Registry of local-government units" in client.get("/teryt/").content.decode()


def test_polish_plurals(client, db):
    html = client.get(reverse("territory:county-detail", args=["2409"])).content.decode()
    assert "5 gmin" in html  # powiat myszkowski
    html = client.get(reverse("territory:county-detail", args=["2401"])).content.decode()
    assert re.search(r"\b(\d+) gmin(y)?\b", html)


def test_healthz(client, db):
    assert client.get(reverse("core:healthz")).content == b"OK"


def test_an_english_browser_still_gets_polish_until_the_switch(client, db):
    html = client.get("/teryt/", headers={"Accept-Language": "en-US,en;q=0.9"}).content.decode()
    assert "Rejestr jednostek samorządu" in html


def test_the_language_chosen_while_signed_in_is_remembered_for_e_mails(client, national):
    client.force_login(national)
    client.post(reverse("core:set-language"), {"language": "en", "next": "/"})
    national.refresh_from_db()
    assert national.language == "en"
    client.post(reverse("core:set-language"), {"language": "xx", "next": "/"})
    national.refresh_from_db()
    assert national.language == "en"  # an unknown language changes nothing
