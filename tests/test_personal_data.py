"""The register of personal data covers every column that could hold it (core/personal_data.py)."""

from django.apps import apps
from django.conf import settings
from django.db import models

from akademia.core.personal_data import NOT_PERSONAL, REGISTER, Basis, Purpose, Retention

PERSON = settings.AUTH_USER_MODEL


def _candidates() -> set[str]:
    """Columns that may hold data about a person: text, files, JSON, choices, links to one."""
    found = set()
    for model in apps.get_models():
        if not model.__module__.startswith("akademia."):
            continue
        for field in model._meta.concrete_fields:
            kinds = (models.CharField, models.TextField, models.FileField, models.JSONField)
            to_person = (
                field.is_relation and field.related_model._meta.label == settings.AUTH_USER_MODEL
            )
            if isinstance(field, kinds) or field.choices or to_person:
                found.add(f"{model._meta.label}.{field.name}")
    return found


def test_every_column_that_may_hold_personal_data_is_classified():
    unclassified = _candidates() - REGISTER.keys() - NOT_PERSONAL
    assert unclassified == set(), "add to REGISTER (personal data) or NOT_PERSONAL"


def test_the_register_names_only_columns_that_exist():
    existing = {
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.concrete_fields
    }
    assert (REGISTER.keys() | NOT_PERSONAL) - existing == set()
    assert REGISTER.keys() & NOT_PERSONAL == set()


def test_every_entry_has_a_purpose_a_legal_basis_and_a_retention_class():
    for key, entry in REGISTER.items():
        assert entry.purpose in Purpose and entry.basis in Basis, key
        assert entry.retention in Retention, key


def test_the_people_of_a_project_are_registered_with_the_eu_monitoring_data():
    assert REGISTER["recruitment.TeamMember.gender"].purpose == Purpose.MONITORING
    assert REGISTER["delivery.Participant.email"].retention == Retention.PROJECT
