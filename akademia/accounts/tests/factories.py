from django.utils import timezone

from akademia.accounts.models import User
from akademia.accounts.roles import JST_SCOPED
from akademia.territory.models import Jst, Voivodeship

PASSWORD = "Test-Haslo-2017"


def make_user(email: str, role: str, *, voivodeships=(), jst: str | None = None, **fields) -> User:
    """A user with a usable password, a role and a scope given by TERYT codes.

    A JST coordinator or participant is verified for their JST (as one an operator invited)
    unless the test passes `jst_verified_at=None`.
    """
    if role in JST_SCOPED:
        fields.setdefault("jst_verified_at", timezone.now())
    user = User.objects.create_user(
        email,
        PASSWORD,
        full_name=fields.pop("full_name", email.split("@")[0].title()),
        role=role,
        jst=Jst.objects.get(code=jst) if jst else None,
        **fields,
    )
    if voivodeships:
        user.voivodeships.set(Voivodeship.objects.filter(code__in=voivodeships))
    return user
