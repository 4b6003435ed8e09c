"""Places taken at the same moment (issue #16), on PostgreSQL against a live server.

The platform's places are a call's: after publication a withdrawn JST's place goes to the
first waiting application with which every quota holds (`application_withdraw`). Here 50
selected coordinators withdraw at the same moment, each in their own session, thread and
database connection, while 20 applications wait: exactly 20 places are refilled, each
waiting application is selected once, the other 30 places stay empty, and every withdrawal
answers as it should (no 500, no lost write). Skipped on SQLite (one writer at a time there).
"""

import re
import threading

import pytest
import requests
from django.conf import settings
from django.db.models import Count
from django.test import Client
from django.urls import reverse

from akademia.core.models import AuditEntry
from akademia.recruitment import services
from akademia.recruitment.models import Application, ApplicationStatus, Enrolment
from akademia.recruitment.tests.factories import complete, make_version, open_call, team
from akademia.territory.models import Jst

pytestmark = pytest.mark.skipif(
    not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
    reason="PostgreSQL only: concurrent writers",
)
PLACES, WAITING = 50, 20
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def published(live_server, registry, national, expert, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    project = services.project_create(
        actor=national, name="Pilotaż", target_jst=PLACES, target_people=PLACES * 2
    )
    call = open_call(national, project, make_version(expert, national))
    codes = Jst.objects.filter(code__startswith="24", kind="gmina_wiejska").order_by("code")
    codes = list(codes.values_list("code", flat=True)[: PLACES + WAITING])
    assert len(codes) == PLACES + WAITING
    for i, code in enumerate(codes):
        complete(
            national,
            call,
            code,
            verify=True,
            members=team(n=2, managers=1, domain=f"gmina{i}.example.org"),
        )
    services.quotas_set(
        actor=national, call=call, rows=[{"code": "total", "unit": "jst", "min": 1, "max": PLACES}]
    )
    services.selection_run(actor=national, call=call)
    services.selection_publish(actor=national, call=call)
    return call


def test_fifty_withdrawals_at_once_refill_exactly_the_twenty_waiting_places(live_server, published):
    selected = list(
        Application.objects.filter(call=published, status=ApplicationStatus.SELECTED)
        .select_related("coordinator")
        .order_by("pk")
    )
    waiting = set(
        Application.objects.filter(call=published, status=ApplicationStatus.WAITING).values_list(
            "pk", flat=True
        )
    )
    assert len(selected) == PLACES and len(waiting) == WAITING

    sessions = []
    for application in selected:  # each coordinator signed in, with the page's CSRF token
        client = Client()
        client.force_login(application.coordinator)
        session = requests.Session()
        session.cookies.set(
            settings.SESSION_COOKIE_NAME, client.cookies[settings.SESSION_COOKIE_NAME].value
        )
        url = live_server.url + reverse("recruitment:application-withdraw", args=[application.pk])
        page = session.get(url, timeout=60)
        assert page.status_code == 200
        sessions.append((session, url, TOKEN.search(page.text).group(1)))

    start = threading.Barrier(len(sessions))
    answers: list[int] = []

    def withdraw(session, url, token):
        start.wait()
        response = session.post(
            url,
            data={"csrfmiddlewaretoken": token},
            headers={"Referer": url},
            allow_redirects=False,
            timeout=120,
        )
        answers.append(response.status_code)

    threads = [threading.Thread(target=withdraw, args=args) for args in sessions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)

    assert sorted(answers) == [302] * PLACES
    statuses = dict(
        Application.objects.filter(call=published)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    assert statuses == {ApplicationStatus.WITHDRAWN: PLACES, ApplicationStatus.SELECTED: WAITING}
    now_selected = set(
        Application.objects.filter(call=published, status=ApplicationStatus.SELECTED).values_list(
            "pk", flat=True
        )
    )
    assert now_selected == waiting  # every waiting JST got a place, and only one
    refills = AuditEntry.objects.filter(action="recruitment.application.refilled")
    assert sorted(int(e.target_id) for e in refills) == sorted(waiting)
    # The teams enrolled are exactly those of the selected applications, each once.
    active = Enrolment.objects.filter(application__call=published, withdrawn_at__isnull=True)
    assert set(active.values_list("application_id", flat=True)) == waiting
    assert active.count() == active.values("member").distinct().count()
