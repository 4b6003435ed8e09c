"""The lemmatiser's dictionary is loaded when a web server or the worker starts (about 3 s that
would otherwise fall on the first suggestion of each process), and never in tests, migrations
or other commands (#12)."""

import pytest
from django.apps import apps

from akademia.consultations import apps as consultations_apps
from akademia.consultations.apps import serving


@pytest.mark.parametrize(
    "argv",
    [
        ["/srv/akademia/.venv/bin/gunicorn", "akademia.config.wsgi", "--workers", "2"],
        ["/usr/lib/python3/site-packages/gunicorn/__main__.py", "akademia.config.wsgi"],
        ["/srv/akademia/.venv/bin/akademia", "worker", "--interval", "1"],
        ["akademia/__main__.py", "db_worker"],
        ["manage.py", "runserver", "--noreload"],
    ],
)
def test_servers_and_the_worker_warm_up(argv, monkeypatch):
    monkeypatch.delenv("AKADEMIA_WARM_UP", raising=False)
    assert serving(argv)


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["/srv/akademia/.venv/bin/pytest", "-n", "2"],
        ["/srv/akademia/.venv/bin/akademia", "migrate"],
        ["/srv/akademia/.venv/bin/akademia", "load_national"],
        ["akademia/__main__.py", "makemigrations", "--check"],
        ["manage.py", "runserver"],  # the autoreloader's parent serves nothing
    ],
)
def test_tests_migrations_and_other_commands_do_not(argv, monkeypatch):
    monkeypatch.delenv("AKADEMIA_WARM_UP", raising=False)
    monkeypatch.delenv("RUN_MAIN", raising=False)
    assert not serving(argv)


def test_the_runserver_child_and_the_environment_decide(monkeypatch):
    monkeypatch.setenv("RUN_MAIN", "true")
    assert serving(["manage.py", "runserver"])
    monkeypatch.setenv("AKADEMIA_WARM_UP", "0")
    assert not serving(["gunicorn"])
    monkeypatch.setenv("AKADEMIA_WARM_UP", "1")
    assert serving(["pytest"])


def test_ready_loads_the_dictionary_and_the_model_in_a_serving_process(monkeypatch):
    from akademia.consultations import nlp
    from akademia.consultations.nlp import normalize

    warmed = []
    monkeypatch.setattr(normalize, "warm_up", lambda: warmed.append(True))
    monkeypatch.setattr(nlp, "default_model", lambda: warmed.append("model"))
    config = apps.get_app_config("consultations")
    monkeypatch.setattr(consultations_apps.sys, "argv", ["pytest"])
    config.ready()
    assert warmed == []
    monkeypatch.setattr(consultations_apps.sys, "argv", ["/srv/.venv/bin/gunicorn", "wsgi"])
    config.ready()
    assert warmed == [True, "model"]


def test_warming_up_lemmatises():
    from akademia.consultations.nlp.normalize import folded_lemma, warm_up

    warm_up()
    assert folded_lemma("zjazdów") == "zjazd"
