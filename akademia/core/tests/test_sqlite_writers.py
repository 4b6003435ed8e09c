"""The embedded SQLite mode takes concurrent writers: WAL, IMMEDIATE transactions and a busy
timeout (settings.py) make 20 writers at once wait their turn instead of failing with
"database is locked"."""

import threading
import time

import pytest
from django.db import connection, connections, transaction

from akademia.core.models import RateHit

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's own settings")

WRITERS, WRITES = 20, 5


@pytest.mark.django_db(transaction=True)
def test_twenty_writers_at_once_get_no_database_is_locked():
    errors, start = [], threading.Barrier(WRITERS)

    def write(number):
        try:
            start.wait()
            for _ in range(WRITES):
                with transaction.atomic():  # a read-then-write, held a little, as views do
                    RateHit.objects.filter(scope="test").count()
                    RateHit.objects.create(scope="test", key=str(number))
                    time.sleep(0.005)
        except Exception as error:  # noqa: BLE001 (every failure is the finding)
            errors.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert RateHit.objects.filter(scope="test").count() == WRITERS * WRITES
    with connection.cursor() as cursor:
        assert cursor.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
