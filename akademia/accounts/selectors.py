"""Reads of users, always scoped through the permission layer."""

from collections.abc import Iterable

from django.db.models import Q, QuerySet
from django.db.models.functions import Lower

from akademia.accounts.models import User
from akademia.accounts.permissions import scope_of, visible, visible_or_404
from akademia.accounts.roles import Role
from akademia.core.collation import polish


def user_list_for(*, actor, search: str = "", role: str = "") -> QuerySet[User]:
    users = visible(User.objects.all(), actor)
    if search:
        users = users.filter(Q(full_name__icontains=search) | Q(email__icontains=search))
    if role:
        users = users.filter(role=role)
    return (
        users.select_related("jst", "jst__voivodeship")
        .prefetch_related("voivodeships")
        .order_by(polish("full_name"), "email")
    )


def user_get_for(*, actor, pk: int) -> User:
    return visible_or_404(user_list_for(actor=actor), actor, pk=pk)


def jst_coordinators(jst) -> QuerySet[User]:
    """The coordinators who speak for a JST: active, with an e-mail address, and verified by an
    operator (docs/permissions.md: a confirmed address alone proves nothing). Not scoped: the
    platform writes to them (e.g. the training dates of a published plan)."""
    return coordinators_of_jsts([jst])


def coordinators_of_jsts(jsts) -> QuerySet[User]:
    """`jst_coordinators` of several JST in one query (their `jst_id` says whose)."""
    return User.objects.filter(
        role=Role.JST_COORDINATOR, jst__in=jsts, is_active=True, jst_verified_at__isnull=False
    ).exclude(email="")


def experts() -> QuerySet[User]:
    """Active programme experts: the people who may be named a programme's authors."""
    return User.objects.filter(role=Role.EXPERT, is_active=True).order_by(
        polish("full_name"), "email"
    )


def voivodeships_of(user) -> QuerySet:
    """The voivodeships a regional operator or a trainer works in; none for the other roles."""
    voivodeships = user.voivodeships.all()
    return voivodeships if scope_of(user).voivodeship_ids else voivodeships.none()


def language_of(email: str) -> str:
    """The language the person with this e-mail address chose for e-mails to them (with the
    switch, while signed in), or "" when they have no account or never chose."""
    return languages_of([email]).get(email.strip().lower(), "")


def languages_of(emails: Iterable[str]) -> dict[str, str]:
    """`language_of` for many addresses in one query: {lowercased address: language chosen},
    only for the addresses whose account chose one."""
    wanted = {email.strip().lower() for email in emails}
    users = User.objects.annotate(address=Lower("email")).filter(address__in=wanted)
    return dict(users.exclude(language="").values_list("address", "language"))


def advisors_of(voivodeships) -> QuerySet[User]:
    """Who may advise a JST of these voivodeships: active trainers working in one of them (the
    trainer role is also the advisor's). Not scoped: an operator picks one for a JST of theirs."""
    return (
        User.objects.filter(role=Role.TRAINER, is_active=True, voivodeships__in=voivodeships)
        .distinct()
        .order_by(polish("full_name"), "email")
    )


# two-factor authentication (issue #16): a person's own devices, never anyone else's ---------


def has_authenticator(person) -> bool:
    """Has the person confirmed an authenticator app (accounts/two_factor.py)?"""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.filter(user=person, confirmed=True).exists()


def recovery_codes_left(person) -> int:
    """How many of the person's recovery codes are still unused."""
    from django_otp.plugins.otp_static.models import StaticToken

    return StaticToken.objects.filter(device__user=person, device__confirmed=True).count()
