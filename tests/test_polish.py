"""Every word the platform shows is Polish, and no internal code stands in for one (issue #11):
the labels of every choice, the names of every model field, every constraint's message, the
optimisers' statuses and reasons, the audit log's actions.

A label counts as Polish when it is a translatable string whose Polish differs from the
English source, or one of the few words Polish shares with English (SAME_IN_POLISH). Codes
look like `kind:county`, `total_jst` or `not_accepted`; none may appear in a Polish text.
"""

import importlib
import pkgutil
import re
import string
from pathlib import Path

from django.apps import apps
from django.db import models
from django.utils import translation
from django.utils.functional import Promise

import akademia
from akademia.accounts.roles import Capability
from akademia.core import audit
from akademia.planning import messages as plan_messages
from akademia.planning.models import SolverStatus
from akademia.planning.solver.model import STATUSES as PLANNER_STATUSES
from akademia.recruitment import reasons
from akademia.recruitment.models import QuotaField, QuotaUnit, RunStatus
from akademia.recruitment.selection.model import STATUSES as SELECTION_STATUSES

# Words Polish writes as English does: acronyms, loanwords, and words spelt alike.
SAME_IN_POLISH = {"JST", "status", "plan", "minimum", "e-mail", "e-learning", "coaching"}
SAME_IN_POLISH |= {"%(group)s – %(unit)s"}
CODE = re.compile(r"\b[a-z]+_[a-z_]+\b|\b[a-z]+:[a-z0-9_]+\b")
SKIPPED_MODULES = (".tests", ".migrations", "__main__", "config.wsgi", "config.asgi")


def en_pl(text, params=None) -> tuple[str, str]:
    """`text` (with `params` put in, in each language) in English and in Polish."""
    results = []
    for language in ("en", "pl"):
        with translation.override(language):
            results.append(str(text % params if params is not None else text))
    return results[0], results[1]


def not_polish(text) -> bool:
    english, polish = en_pl(text)
    if not isinstance(text, Promise):
        return True  # a plain string is never translated
    return polish == english and english not in SAME_IN_POLISH


def choice_classes() -> list[type[models.Choices]]:
    """Every Choices class of the project, wherever it is defined (every module imported)."""
    for module in pkgutil.walk_packages(akademia.__path__, "akademia."):
        if not any(part in module.name for part in SKIPPED_MODULES):
            importlib.import_module(module.name)

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    # Capabilities are asked for by code and never shown to anyone.
    return [
        cls
        for cls in subclasses(models.Choices)
        if cls.__module__.startswith("akademia.") and cls is not Capability
    ]


def project_models():
    return [m for m in apps.get_models() if m.__module__.startswith("akademia.")]


def test_every_choice_label_is_polish():
    classes = choice_classes()
    assert {c.__name__ for c in classes} >= {"ApplicationStatus", "JstKind", "PlanStatus"}
    untranslated = [
        f"{cls.__module__}.{cls.__name__}.{value}: {label!r}"
        for cls in classes
        for value, label in cls.choices
        if not_polish(label) or CODE.search(en_pl(label)[1])
    ]
    assert untranslated == []


def test_every_field_and_model_is_named_in_polish():
    unnamed = []
    for model in project_models():
        for name in ("verbose_name", "verbose_name_plural"):
            if not_polish(getattr(model._meta, name)):
                unnamed.append(f"{model.__name__}.Meta.{name}")
        for field in model._meta.get_fields():
            if field.auto_created or not (field.concrete or field.many_to_many):
                continue
            if not_polish(field.verbose_name):
                unnamed.append(f"{model.__name__}.{field.name}: {field.verbose_name!r}")
    assert unnamed == []


def test_every_constraint_says_what_is_wrong_in_polish_without_its_name():
    silent = []
    for model in project_models():
        for constraint in model._meta.constraints:
            message = constraint.violation_error_message
            if (
                message == constraint.default_violation_error_message
                or not_polish(message)
                or constraint.name in en_pl(message)[1]
            ):
                silent.append(constraint.name)
    assert silent == []


def test_the_optimisers_statuses_have_polish_labels():
    assert set(RunStatus.values) == set(SELECTION_STATUSES)
    assert set(SolverStatus.values) == set(PLANNER_STATUSES)
    with translation.override("pl"):
        assert str(SolverStatus("optimal").label) == "najlepszy możliwy plan"
        assert str(RunStatus("infeasible").label) == "nie da się spełnić wszystkich limitów"


def test_quota_groups_and_units_are_named_in_polish():
    with translation.override("pl"):
        assert [str(label) for label in QuotaField.labels] == [
            "wszystkie zgłoszenia",
            "rodzaj JST",
            "województwo",
            "powiat",
        ]
        assert [str(label) for label in QuotaUnit.labels] == ["JST", "osoby", "kadra kierownicza"]


def _sample_percent_params() -> dict:
    """A value for every %(name)d / %(name)s placeholder of the reasons' templates (a name
    always has one conversion there)."""
    source = Path(reasons.__file__).read_text(encoding="utf-8")
    return {name: 3 if kind == "d" else "X" for name, kind in re.findall(r"%\((\w+)\)(\w)", source)}


def test_every_selection_reason_reads_in_polish():
    params = _sample_percent_params()
    wrong = []
    for key, template in reasons.TEMPLATES.items():
        english, polish = en_pl(template, params)
        if english == polish or CODE.search(polish):
            wrong.append(f"{key}: {polish}")
    assert wrong == []


def _sample_format_params(template: str) -> dict:
    """A value for every {name} / {name:.0%} placeholder of a str.format template."""
    return {
        name: 0.25 if spec and spec.endswith("%") else "X"
        for _text, name, spec, _conversion in string.Formatter().parse(template)
        if name
    }


def test_every_planner_reason_finding_and_rule_reads_in_polish():
    wrong = []
    for table in (plan_messages.REASONS, plan_messages.VIOLATIONS, plan_messages.RULES):
        for key, template in table.items():
            english_source, polish_source = en_pl(template)
            params = _sample_format_params(english_source)
            assert set(_sample_format_params(polish_source)) <= set(params), key
            english = english_source.format(**params)
            polish = polish_source.format(**params)
            if english == polish or CODE.search(polish):
                wrong.append(f"{key}: {polish}")
    assert wrong == []


def test_every_audited_action_is_named_in_polish():
    unnamed = [code for code, label in audit.registered().items() if not_polish(label)]
    assert unnamed == []


def test_a_form_refused_by_a_constraint_says_why_in_polish(db):
    from akademia.consultations.forms.rounds import MeetingForm

    dates = {"start_date": "2026-12-05", "end_date": "2026-12-01"}
    with translation.override("pl"):
        form = MeetingForm({"kind": "rural", "place": "2409023", **dates})
        assert not form.is_valid()
        assert form.non_field_errors() == ["Spotkanie nie może skończyć się przed rozpoczęciem."]
