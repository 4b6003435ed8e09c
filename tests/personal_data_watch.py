"""A pytest plugin: no personal data in the logs or in the URLs of the whole test run.

Every log record that reaches the console handler (after its filters) and every path with its
query string that a request asks for during the run is checked for an e-mail address, also
inside a base64 segment (a signed value is only encoded). The factories and the datasets give
every person an e-mail address, so an address is the marker of personal data that leaked; a
finding fails the run and is listed at its end. Loaded by the root conftest.py.
"""

import base64
import binascii
import logging
import re

import pytest

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
SEGMENT = re.compile(r"[A-Za-z0-9_-]{16,}")
# In decoded bytes, an address as the platform writes them: ASCII with a top-level domain of
# letters. Random bytes (a task's id) decode to any letters of any script, which the wider
# pattern took for an address ("h@ޏ.-c").
ENCODED_EMAIL = re.compile(r"[A-Za-z0-9._+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
LOGGERS = ("", "django", "django.server")  # the console handler's loggers (settings.LOGGING)

findings: list[str] = []


def personal(text: str) -> bool:
    if EMAIL.search(text):
        return True
    for segment in SEGMENT.findall(text):
        try:
            decoded = base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))
        except (binascii.Error, ValueError):
            continue
        if ENCODED_EMAIL.search(decoded.decode("ascii", errors="ignore")):
            return True
    return False


class Watch(logging.Handler):
    def __init__(self):
        from akademia.core.logs import RedactSecrets

        super().__init__(logging.INFO)
        self.addFilter(RedactSecrets())

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if personal(message):
            findings.append(f"log {record.name}: {message[:300]}")


def _request_started(sender, environ=None, **kwargs):
    if environ is None:
        return
    url = environ.get("PATH_INFO", "") + "?" + environ.get("QUERY_STRING", "")
    if personal(url):
        findings.append(f"URL: {url[:300]}")


@pytest.fixture(scope="session", autouse=True)
def watch_personal_data():
    from django.core.signals import request_started

    handler = Watch()
    for name in LOGGERS:
        logging.getLogger(name).addHandler(handler)
    request_started.connect(_request_started, dispatch_uid="personal-data-watch")
    yield
    request_started.disconnect(dispatch_uid="personal-data-watch")
    for name in LOGGERS:
        logging.getLogger(name).removeHandler(handler)


def pytest_testnodedown(node, error):
    """Under pytest-xdist: the controller gathers each worker's findings."""
    findings.extend(getattr(node, "workeroutput", {}).get("personal_data", []))


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session, exitstatus):
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:  # a worker: hand the findings to the controller
        workeroutput["personal_data"] = findings
        return
    if findings:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter:
            reporter.section("personal data in logs or URLs", sep="=", red=True)
            for line in sorted(set(findings))[:50]:
                reporter.line(line)
        session.exitstatus = 1
