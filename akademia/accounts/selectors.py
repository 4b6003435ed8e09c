"""Reads of users, always scoped through the permission layer."""

from django.db.models import Q, QuerySet

from akademia.accounts.models import User
from akademia.accounts.permissions import scope_of, visible, visible_or_404


def user_list_for(*, actor, search: str = "", role: str = "") -> QuerySet[User]:
    users = visible(User.objects.all(), actor)
    if search:
        users = users.filter(Q(full_name__icontains=search) | Q(email__icontains=search))
    if role:
        users = users.filter(role=role)
    return (
        users.select_related("jst", "jst__voivodeship")
        .prefetch_related("voivodeships")
        .order_by("full_name", "email")
    )


def user_get_for(*, actor, pk: int) -> User:
    return visible_or_404(user_list_for(actor=actor), actor, pk=pk)


def voivodeships_of(user) -> QuerySet:
    """The voivodeships a regional operator or a trainer works in; none for the other roles."""
    voivodeships = user.voivodeships.all()
    return voivodeships if scope_of(user).voivodeship_ids else voivodeships.none()


def language_of(email: str) -> str:
    """The language the person with this e-mail address chose for e-mails to them (with the
    switch, while signed in), or "" when they have no account or never chose."""
    user = User.objects.filter(email__iexact=email.strip()).only("language").first()
    return user.language if user else ""
