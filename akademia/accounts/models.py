from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from akademia.accounts.roles import JST_SCOPED, Role
from akademia.core.collation import polish
from akademia.core.scope import ScopePaths


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields):
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields):
        """`akademia createsuperuser` makes the first national operator."""
        fields.setdefault("role", Role.NATIONAL_OPERATOR)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser):
    """A person who signs in. One role, with its scope: voivodeships or one JST.

    A regional operator or a trainer works in `voivodeships`; a JST coordinator or a participant
    belongs to `jst`; national operators and programme experts have no territorial scope.
    """

    email = models.EmailField(_("e-mail"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150)
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    voivodeships = models.ManyToManyField(
        "territory.Voivodeship", blank=True, related_name="users", verbose_name=_("voivodeships")
    )
    jst = models.ForeignKey(
        "territory.Jst",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
        verbose_name=_("JST"),
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)
    invited_by = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("invited by"),
    )
    # Whether this person may act for their JST (see every record of it, withdraw its
    # applications). Confirming an e-mail address proves only that it works: the scope is
    # granted by an operator, by inviting the person or by checking the signed letter of intent.
    jst_verified_at = models.DateTimeField(_("JST mandate verified"), null=True, blank=True)
    jst_verified_by = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("JST confirmed by"),
    )
    # The last language the person chose with the switch; e-mails to them are written in it.
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, blank=True, default=""
    )

    objects = UserManager()
    # An operator's scope holds a person through their JST or one of their voivodeships.
    scope = ScopePaths(voivodeship=("jst__voivodeship", "voivodeships"))

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = [polish("full_name"), "email"]
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values),
                name="accounts_user_role_valid",
                violation_error_message=_("Unknown role."),
            ),
            # A JST-scoped role always names its JST, and only such roles do.
            models.CheckConstraint(
                condition=(
                    models.Q(role__in=sorted(JST_SCOPED), jst__isnull=False)
                    | (~models.Q(role__in=sorted(JST_SCOPED)) & models.Q(jst__isnull=True))
                ),
                name="accounts_user_jst_matches_role",
                violation_error_message=_(
                    "A JST coordinator or a participant belongs to one JST; other roles to none."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    @property
    def awaits_jst_verification(self) -> bool:
        """A JST coordinator or participant whose mandate no operator has confirmed yet."""
        return self.role in JST_SCOPED and self.jst_verified_at is None

    @property
    def audit_voivodeship_code(self) -> str:
        """Entries about a person are filed under their JST's voivodeship, or their first."""
        if self.jst_id:
            return self.jst.voivodeship.code
        first = self.voivodeships.order_by("code").first() if self.pk else None
        return first.code if first else ""

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email
