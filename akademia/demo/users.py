"""Demo logins, one per role, with real scopes: Śląskie (Koziegłowy) and Łódzkie (Kutno)."""

from django.db import transaction
from django.utils import timezone

from akademia.accounts.models import User
from akademia.accounts.roles import JST_SCOPED, Role
from akademia.territory.models import Jst, Voivodeship

DEMO_PASSWORD = "Demo-Akademia-2017"

# (e-mail, full name, role, voivodeship codes, JST code)
DEMO_USERS = [
    ("krajowy@demo.example.org", "Anna Krajewska", Role.NATIONAL_OPERATOR, [], None),
    ("slaskie@demo.example.org", "Piotr Ślązak", Role.REGIONAL_OPERATOR, ["24"], None),
    ("lodzkie@demo.example.org", "Ewa Łódzka", Role.REGIONAL_OPERATOR, ["10"], None),
    ("ekspert@demo.example.org", "Jan Ekspercki", Role.EXPERT, [], None),
    ("trener@demo.example.org", "Maria Trenerska", Role.TRAINER, ["24"], None),
    ("koordynator@demo.example.org", "Tomasz Koziegłowski", Role.JST_COORDINATOR, [], "2409023"),
    ("uczestnik@demo.example.org", "Zofia Uczestnik", Role.PARTICIPANT, [], "2409023"),
    ("kutno@demo.example.org", "Adam Kutnowski", Role.JST_COORDINATOR, [], "1002011"),
]


@transaction.atomic
def ensure_demo_users() -> list[User]:
    """Create the demo users once; a second run changes nothing and duplicates nothing."""
    users = []
    for email, name, role, voivodeships, jst_code in DEMO_USERS:
        user = User.objects.filter(email=email).first()
        if user is None:
            jst = Jst.objects.get(code=jst_code) if jst_code else None
            user = User.objects.create_user(
                email, DEMO_PASSWORD, full_name=name, role=role, jst=jst
            )
            user.voivodeships.set(Voivodeship.objects.filter(code__in=voivodeships))
        if role in JST_SCOPED and user.jst_verified_at is None:
            # As if the national operator had invited them: they act for their JST.
            user.jst_verified_at = timezone.now()
            user.save(update_fields=["jst_verified_at"])
        users.append(user)
    return users
