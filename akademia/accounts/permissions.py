"""The one permission API: what a user may do, and which rows they see. Everything asks here.

    can(user, Capability.PLAN_TRAINING, project)   # may they (to this object)?
    require(actor, Capability.PLAN_TRAINING, project)   # the same in a service: DomainError
    visible(Plan.objects.all(), user)               # the rows their scope covers
    @permission_required(Capability.PLAN_TRAINING)  # a view: 403 when the role lacks it
    {% if user|can:"plan_training" %} / {% can "plan_training" project as allowed %}

What a role may do is the table in `roles.py` (`CAPABILITIES`); an object must also be in the
user's scope, and a few capabilities add a rule of their own (`OBJECT_RULES`). The rules are
django-rules predicates (`rules.add_perm`), so `user.has_perm("akademia.<capability>", obj)`
answers the same. Which rows a scope covers follows each model's `scope = ScopePaths(...)`
(`core/scope.py`):

- a national operator sees everything;
- a regional operator or a trainer sees rows in their voivodeships, and every row of a model
  that belongs to no territory (`national`: a programme, a national consultation round); of a
  model with a `teacher` path a trainer sees only the rows of the groups they teach;
- a programme expert sees the rows about the programmes they wrote (`author` path);
- a JST coordinator or participant whom an operator verified sees the rows of their JST
  (`jst` path) and those they made (`own` path); one not verified yet only those they made:
  a working e-mail address proves nothing about who speaks for a JST; of a model with a
  `person` path a participant sees only the rows about themselves (their attendance);
- anyone sees the rows they made themselves (`own` path: e.g. the jobs they started);
- nobody else sees any row.

A row outside the scope is absent: a lookup of it answers 404, exactly like a row that does not
exist, and lists, counts, exports and autocompletes never reveal it. No role is compared
anywhere else (tests/test_architecture.py greps for it), and there is no "no actor, no check":
the platform acting by itself is `core.audit.SYSTEM`, which passes no `can`; a service it may
call (a worker storing a plan, the register import from the shell) says so in its docstring.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

import rules
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from akademia.accounts.roles import (
    CAPABILITIES,
    JST_SCOPED,
    VOIVODESHIP_SCOPED,
    Capability,
    Role,
)
from akademia.core.errors import DomainError
from akademia.core.scope import ScopePaths, scope_paths

PREFIX = "akademia."


@dataclass(frozen=True)
class Scope:
    everything: bool = False
    voivodeship_ids: frozenset[int] = frozenset()
    jst_id: int | None = None
    own_user_id: int | None = None
    author_id: int | None = None
    # A trainer: rows of models with a `teacher` path are those of the groups they teach.
    teacher_id: int | None = None
    # A participant: rows of models with a `person` path are only those about them.
    person_id: int | None = None


def scope_of(user) -> Scope:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Scope()
    if user.role == Role.NATIONAL_OPERATOR:
        return Scope(everything=True)
    if user.role in VOIVODESHIP_SCOPED:
        cached = getattr(user, "_voivodeship_ids", None)
        if cached is None:
            cached = frozenset(user.voivodeships.values_list("pk", flat=True))
            user._voivodeship_ids = cached
        teacher = user.pk if user.role == Role.TRAINER else None
        return Scope(voivodeship_ids=cached, own_user_id=user.pk, teacher_id=teacher)
    if user.role == Role.EXPERT:
        return Scope(author_id=user.pk, own_user_id=user.pk)
    if user.role in JST_SCOPED:
        person = user.pk if user.role == Role.PARTICIPANT else None
        if user.awaits_jst_verification:
            return Scope(own_user_id=user.pk, person_id=person)
        return Scope(jst_id=user.jst_id, own_user_id=user.pk, person_id=person)
    return Scope()


def scope_filter(user, paths: ScopePaths) -> Q | None:
    """The condition for the rows `user` may see of a model with these paths; None: all."""
    scope = scope_of(user)
    if scope.everything or (scope.voivodeship_ids and paths.national):
        return None
    condition = Q(pk__in=[])
    teaching = bool(scope.teacher_id and paths.teacher_paths)
    for path in paths.voivodeship_paths if scope.voivodeship_ids and not teaching else ():
        condition |= Q(**{f"{path}__in": scope.voivodeship_ids})
    for path in paths.teacher_paths if teaching else ():
        condition |= Q(**{path: scope.teacher_id})
    if scope.author_id and paths.author:
        condition |= Q(**{paths.author: scope.author_id})
    personal = bool(scope.person_id and paths.person)
    if scope.jst_id and paths.jst and not personal:
        condition |= Q(**{paths.jst: scope.jst_id})
    if personal:
        condition |= Q(**{paths.person: scope.person_id})
    if scope.own_user_id and paths.own:
        condition |= Q(**{paths.own: scope.own_user_id})
    return condition


def visible(queryset: QuerySet, user) -> QuerySet:
    """The rows of `queryset` the user's scope covers, by its model's declared paths."""
    condition = scope_filter(user, scope_paths(queryset.model))
    return queryset if condition is None else queryset.filter(condition).distinct()


def get_or_404(queryset: QuerySet, **lookup):
    """One object of an already scoped queryset, or 404."""
    try:
        return queryset.get(**lookup)
    except queryset.model.DoesNotExist as missing:
        raise Http404 from missing


def visible_or_404(queryset: QuerySet, user, **lookup):
    return get_or_404(visible(queryset, user), **lookup)


def in_scope(user, obj) -> bool:
    """Whether the user's scope covers this object (one query; none for a national operator)."""
    if obj is None or scope_of(user).everything:
        return True
    model = type(obj)
    return visible(model._default_manager.filter(pk=obj.pk), user).exists()


# The rules ----------------------------------------------------------------------------------


def _has_role(roles: frozenset[str]):
    @rules.predicate
    def has_role(user) -> bool:
        return (
            bool(getattr(user, "is_authenticated", False))
            and user.is_active
            and (user.role in roles)
        )

    return has_role


@rules.predicate
def _covers(user, obj) -> bool:
    return in_scope(user, obj)


@rules.predicate
def _edits_comment(user, comment) -> bool:
    """Operators edit any comment; its author while the round collects comments."""
    if comment is None or user.role in (Role.NATIONAL_OPERATOR, Role.REGIONAL_OPERATOR):
        return True
    return comment.author_user_id == user.pk and comment.round.status == "open"


@rules.predicate
def _acts_for_application(user, application) -> bool:
    """The JST's coordinator acts on its applications: a verified one on all of them, one not
    verified yet only on those they confirmed themselves (never on another's)."""
    if application is None:
        return True
    scope = scope_of(user)
    return scope.jst_id == application.jst_id or application.coordinator_id == user.pk


@rules.predicate
def _acts_for_participant(user, participant) -> bool:
    """Operators (in scope) manage any participant; a coordinator only those of the JST they
    were verified for (never their own row through the `own` path alone)."""
    if participant is None or user.role in (Role.NATIONAL_OPERATOR, Role.REGIONAL_OPERATOR):
        return True
    return scope_of(user).jst_id == participant.jst_id


@rules.predicate
def _works_on_task(user, assignment) -> bool:
    """A team's task between meetings is answered by its JST's verified coordinator, or by a
    person taking part in the group for that JST now (not by any participant of the JST)."""
    if assignment is None:
        return True
    if user.role == Role.JST_COORDINATOR:
        return scope_of(user).jst_id == assignment.jst_id
    return assignment.is_team_member(user)


@rules.predicate
def _is_the_participant(user, participant) -> bool:
    """One confirms only one's own attendance (a coordinator's scope covers the whole JST)."""
    return participant is None or participant.user_id == user.pk


# Capabilities whose object needs more than being in scope. (A trainer marks only the days of
# the groups they teach: that is the `teacher` path of the day's scope, so no rule here.)
OBJECT_RULES: dict[str, Callable] = {
    Capability.EDIT_COMMENT: _edits_comment,
    Capability.FOLLOW_OWN_APPLICATIONS: _acts_for_application,
    Capability.MANAGE_PARTICIPANTS: _acts_for_participant,
    Capability.SUBMIT_TASKS: _works_on_task,
    Capability.SELF_CHECK_IN: _is_the_participant,
}

for _capability, _roles in CAPABILITIES.items():
    rules.add_perm(
        PREFIX + _capability,
        _has_role(_roles) & _covers & OBJECT_RULES.get(_capability, rules.always_allow),
    )


def can(user, capability: str, obj=None) -> bool:
    return rules.has_perm(PREFIX + capability, user, obj)


def allowed(user, capability: str, objects) -> set:
    """The pks of `objects` (rows of one model) on which `can(user, capability, obj)` holds:
    what a list page asks per row, with one query for the scope instead of one per row."""
    objects = list(objects)
    if not objects or not can(user, capability):
        return set()
    pks = [obj.pk for obj in objects]
    if scope_of(user).everything:
        covered = set(pks)
    else:
        rows = type(objects[0])._default_manager.filter(pk__in=pks)
        covered = set(visible(rows, user).values_list("pk", flat=True))
    rule = OBJECT_RULES.get(capability)
    return {obj.pk for obj in objects if obj.pk in covered and (rule is None or rule(user, obj))}


def require(user, capability: str, obj=None, message: str | None = None) -> None:
    """In a service: refuse with a DomainError (the view shows it) when `can` says no."""
    if not can(user, capability, obj):
        raise DomainError(message or _("You are not allowed to do this."))


def permission_required(capability: str):
    """A view decorator: 403 for a signed-in user whose role lacks the capability (anonymous
    users never get here: the login-required middleware sends them to the login page). Which
    object, if any, is then checked by the view's selector and service."""

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not can(request.user, capability):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorate
