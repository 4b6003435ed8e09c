"""Who may do what in planning, one function per rule, built on `accounts/roles.py`.

Each rule is a capability of `accounts/roles.py`; which rows a user sees is decided by the
selectors, never here.
"""

from akademia.accounts.roles import Capability, has_capability
from akademia.accounts.scoping import scope_of


def can_plan(user) -> bool:
    """Venues, trainers, planner runs, edits and publication: operators, in their scope."""
    return has_capability(user, Capability.PLAN_TRAINING)


def can_plan_all(user) -> bool:
    """Start the planner for every project at once: the national operator."""
    return has_capability(user, Capability.PLAN_ALL_PROJECTS)


def can_see_own_dates(user) -> bool:
    """A JST's coordinator (and its participants) see their team's group and meeting dates."""
    return has_capability(user, Capability.SEE_OWN_TRAINING_DATES)


def can_plan_project(user, project) -> bool:
    """Services check this again: a regional operator only plans their voivodeships' projects;
    the pilot (no voivodeship) is national."""
    if not can_plan(user):
        return False
    scope = scope_of(user)
    return scope.everything or project.voivodeship_id in scope.voivodeship_ids
