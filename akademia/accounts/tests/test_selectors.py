"""Scoping of users: lists, counts and lookups never show another scope's people."""

import pytest
from django.http import Http404
from django.urls import reverse

from akademia.accounts.selectors import user_get_for, user_list_for
from akademia.territory.fields import JstChoiceField


def test_regional_operator_lists_only_people_of_its_voivodeship(
    regional, regional_other, coordinator, coordinator_other, trainer
):
    visible = set(user_list_for(actor=regional))
    assert {regional, coordinator, trainer} <= visible
    assert coordinator_other not in visible and regional_other not in visible


def test_national_operator_lists_everyone(national, regional, regional_other, coordinator_other):
    assert {national, regional, regional_other, coordinator_other} <= set(
        user_list_for(actor=national)
    )


def test_lookup_across_scope_is_404(regional, coordinator_other):
    with pytest.raises(Http404):
        user_get_for(actor=regional, pk=coordinator_other.pk)


def test_user_list_page_count_and_search_do_not_leak(client, regional, coordinator_other):
    client.force_login(regional)
    response = client.get(reverse("accounts:user-list"), {"q": "kutno"})
    html = response.content.decode()
    assert coordinator_other.email not in html
    assert response.context["page"].paginator.count == 0


def test_jst_field_of_a_regional_operator_accepts_only_its_units(regional):
    field = JstChoiceField()
    field.restrict_to(regional)
    assert field.queryset.filter(code="2409023").exists()
    assert not field.queryset.filter(code="1002011").exists()
