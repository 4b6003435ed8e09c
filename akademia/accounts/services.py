"""Writes about users: invitations, (de)activation, the JST mandate, the language, each audited.

Also the account a JST coordinator gets when confirming an application's e-mail address
(`coordinator_for_application`), so that no other app creates users or compares roles.
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.tokens import default_token_generator
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from akademia.accounts.models import User
from akademia.accounts.permissions import require, scope_of
from akademia.accounts.roles import (
    INVITABLE_ROLES,
    JST_SCOPED,
    VOIVODESHIP_SCOPED,
    Capability,
    Role,
)
from akademia.accounts.types import Actor
from akademia.core import audit, outbox, retention
from akademia.core.audit import SYSTEM
from akademia.core.errors import DomainError
from akademia.core.jobs import job_start
from akademia.core.models import Job
from akademia.core.personal_data import person_records
from akademia.core.services import service


def _check_grant(*, actor, role: str, voivodeships, jst) -> None:
    """An operator grants only roles and scopes inside their own powers."""
    if role not in INVITABLE_ROLES.get(actor.role, ()):
        raise DomainError(_("You cannot invite users with this role."), field="role")
    if role in VOIVODESHIP_SCOPED and not voivodeships:
        raise DomainError(_("Choose at least one voivodeship for this role."), field="voivodeships")
    if role in JST_SCOPED and jst is None:
        raise DomainError(_("Choose the JST this person belongs to."), field="jst")
    scope = scope_of(actor)
    if scope.everything:
        return
    if role in VOIVODESHIP_SCOPED and not {v.pk for v in voivodeships} <= scope.voivodeship_ids:
        raise DomainError(_("You can only grant your own voivodeships."), field="voivodeships")
    if role in JST_SCOPED and jst.voivodeship_id not in scope.voivodeship_ids:
        raise DomainError(_("This JST is outside your voivodeships."), field="jst")


@service
def user_invite(
    *, actor: Actor, email: str, full_name: str, role: str, voivodeships=(), jst=None
) -> User:
    """Create an account without a password and e-mail a link to set one ("zaproszenie")."""
    require(actor, Capability.MANAGE_USERS)
    email = User.objects.normalize_email(email).strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise DomainError(_("A user with this e-mail address already exists."), field="email")
    _check_grant(actor=actor, role=role, voivodeships=voivodeships, jst=jst)
    user = User(
        email=email,
        full_name=full_name.strip(),
        role=role,
        jst=jst if role in JST_SCOPED else None,
        invited_by=actor,
    )
    if role in JST_SCOPED:
        # The inviting operator grants the JST, within their own scope (checked above).
        user.jst_verified_at, user.jst_verified_by = timezone.now(), actor
    user.set_unusable_password()
    user.save()
    if role in VOIVODESHIP_SCOPED:
        user.voivodeships.set(voivodeships)
    entry = audit.record(
        actor,
        "accounts.user.invited",
        user,
        {"role": role},
    )
    _queue_invitation(user, occasion=entry.pk)
    return user


@service
def invitation_resend(*, actor: Actor, user: User) -> None:
    require(actor, Capability.MANAGE_USERS, user)
    if user.has_usable_password():
        raise DomainError(_("This person has already accepted the invitation."))
    if not user.is_active:
        raise DomainError(_("This account is deactivated: activate it first."))
    entry = audit.record(actor, "accounts.user.invitation_resent", user)
    _queue_invitation(user, occasion=entry.pk)


@service
def user_verify_jst(*, actor: Actor, user: User, evidence: str) -> User:
    """Let a JST coordinator or participant act for their JST ("weryfikacja umocowania").

    Only an operator whose scope holds the JST grants it, after checking a document (e.g. the
    signed letter of intent named in `evidence`); until then the person sees only what they
    submitted themselves. Verifying a verified person changes nothing.
    """
    require(
        actor, Capability.MANAGE_USERS, message=_("Only an operator can verify who acts for a JST.")
    )
    if user.role not in JST_SCOPED or user.jst_id is None:
        raise DomainError(_("Only a JST coordinator or a participant is verified for a JST."))
    scope = scope_of(actor)
    if not scope.everything and user.jst.voivodeship_id not in scope.voivodeship_ids:
        raise DomainError(_("This JST is outside your voivodeships."))
    if user.jst_verified_at is not None:
        return user
    user.jst_verified_at, user.jst_verified_by = timezone.now(), actor
    user.save(update_fields=["jst_verified_at", "jst_verified_by"])
    audit.record(
        actor,
        "accounts.user.jst_verified",
        user,
        {"jst": user.jst.code, "evidence": evidence},
    )
    return user


@service
def user_set_active(*, actor: Actor, user: User, active: bool) -> User:
    require(actor, Capability.MANAGE_USERS, user)
    if user.pk == actor.pk:
        raise DomainError(_("You cannot deactivate your own account."))
    if user.is_active != active:
        user.is_active = active
        user.save(update_fields=["is_active"])
        action = "accounts.user.activated" if active else "accounts.user.deactivated"
        audit.record(actor, action, user)
    return user


@service
def user_set_language(*, actor: Actor, language: str) -> bool:
    """Remember on the signed-in person's account the language they chose with the switch, so
    that e-mails to them are written in it. An unknown language, or the one already remembered,
    changes nothing; answers whether it changed."""
    if not getattr(actor, "is_authenticated", False) or language not in dict(settings.LANGUAGES):
        return False
    user = User.objects.get(pk=actor.pk)
    if user.language == language:
        return False
    before, user.language = user.language, language
    user.save(update_fields=["language"])
    audit.record(actor, "accounts.user.language_set", user, {"from": before, "to": language})
    return True


@service
def coordinator_for_application(
    *, actor: Actor, email: str, full_name: str, jst
) -> tuple[User | None, bool]:
    """The account of the JST coordinator whose application's e-mail address was just confirmed,
    and whether it was created now.

    No account with the address: one is made for them, a JST coordinator of `jst` without a
    password (the caller e-mails the link to set one) and without the JST's mandate, which an
    operator grants after checking the signed letter (`user_verify_jst`). An existing account is
    the coordinator's when it is a JST coordinator of the same JST; any other (another role or
    another JST) is left alone and the answer is None.
    """
    email = User.objects.normalize_email(email).strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User(email=email, full_name=full_name.strip(), role=Role.JST_COORDINATOR, jst=jst)
        user.set_unusable_password()
        user.save()
        audit.record(actor, "accounts.user.created_for_application", user, {"jst": jst.code})
        return user, True
    if user.role != Role.JST_COORDINATOR or user.jst_id != jst.pk:
        return None, False
    return user, False


@dataclass(frozen=True)
class Person:
    """Someone who takes part in a training (delivery): an enrolled team member or a substitute."""

    email: str
    full_name: str
    jst: object  # territory.Jst, loaded with its voivodeship


@service
def participant_accounts(*, actor: Actor, people: list[Person]) -> dict[str, User]:
    """The accounts of training participants, by lower-case e-mail address, in a constant
    number of queries (a group of 25 or of 2500).

    An existing account of the address is theirs whatever its role (a JST's coordinator is often
    in its team too): one address, one account, never a duplicate. Anyone else gets a new
    participant account of their JST, without a password, and the invitation e-mail to set one.
    Its JST is granted at once: an operator enrolled the person (published the selection of a
    team whose coordinator they verified) or a verified coordinator named the substitute. The
    platform (`SYSTEM`, delivery's task) or whoever may manage participants calls this.
    """
    if actor is not SYSTEM:
        require(actor, Capability.MANAGE_PARTICIPANTS)
    wanted = {User.objects.normalize_email(p.email).strip().lower(): p for p in people}
    found = {u.email.lower(): u for u in User.objects.filter(email__in=list(wanted))}
    now = timezone.now()
    new = [
        User(
            email=email,
            full_name=person.full_name.strip(),
            role=Role.PARTICIPANT,
            jst=person.jst,
            invited_by=audit.person(actor),
            jst_verified_at=now,
            password=make_password(None),  # unusable: set with the invitation link
        )
        for email, person in wanted.items()
        if email not in found
    ]
    if new:
        User.objects.bulk_create(new)
        audit.record_many(actor, "accounts.user.created_for_training", new)
        _queue_invitations(new, occasion="training")
    return found | {user.email: user for user in new}


def _queue_invitation(user: User, *, occasion) -> None:
    """In the language of the inviting request (the person has no account to choose one yet);
    one e-mail per invitation or resend (`occasion`: its audit entry)."""
    _queue_invitations([user], occasion=occasion)


def _queue_invitations(users: list[User], *, occasion) -> None:
    """`_queue_invitation` of many accounts in one INSERT."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    emails = []
    for user in users:
        subject, body = render_invitation(user, link=invitation_link(user), language=language)
        key = f"accounts.invitation:{user.pk}:{occasion}"
        emails.append(outbox.Email(key=key, to=user.email, subject=subject, body=body))
    outbox.queue_many(emails)


def invitation_link(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("accounts:invitation-accept", kwargs={"uidb64": uid, "token": token})
    return settings.SITE_URL.rstrip("/") + path


def render_invitation(user: User, *, link: str, language: str) -> tuple[str, str]:
    """The invitation e-mail (subject, body) with the link to set a password; no query."""
    with translation.override(language):
        context = {"user": user, "link": link, "role": Role(user.role).label}
        subject = _("Invitation to Akademia Samorządowa")
        body = render_to_string("accounts/email/invitation.txt", context)
    return subject, body


@service
def person_data_export(*, actor: Actor, person: User) -> dict:
    """Everything the platform holds about a person (art. 15 and 20 RODO), as JSON-ready data;
    the person asks for their own, an operator of their scope for someone's. Audited: who took
    whose data."""
    if actor != person:
        require(actor, Capability.MANAGE_USERS, person, _("You cannot export this person's data."))
    audit.record(actor, "accounts.user.data_exported", person, {})
    return {
        "person": {"email": person.email, "full_name": person.full_name},
        "exported_at": timezone.now().isoformat(timespec="seconds"),
        "records": person_records(person),
    }


# two-factor authentication (issue #16, accounts/two_factor.py) -----------------------------


def _new_recovery_codes(device) -> list[str]:
    from django_otp.plugins.otp_static.models import StaticToken

    from akademia.accounts.two_factor import RECOVERY_CODES

    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    device.token_set.all().delete()
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@service
def two_factor_enable(*, actor: Actor, key: str, token: str) -> tuple:
    """Confirm the authenticator app whose secret `key` the setup page showed, with a code it
    shows now; save it and make 10 recovery codes. Returns (device, codes): the codes are
    shown once. A wrong code saves nothing."""
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from akademia.accounts import two_factor

    require(actor, Capability.USE_TWO_FACTOR)
    if TOTPDevice.objects.filter(user=actor, confirmed=True).exists():
        raise DomainError(_("Two-step verification is already on."), field="token")
    if not key or not two_factor.key_matches(key, two_factor.normalise(token)):
        raise DomainError(
            _("This code is not right. Type the 6 digits your app shows now."), field="token"
        )
    TOTPDevice.objects.filter(user=actor).delete()
    device = two_factor.unsaved_device(actor, key)
    device.confirmed = True
    device.save()
    static, _created = StaticDevice.objects.get_or_create(
        user=actor, defaults={"name": str(_("Recovery codes")), "confirmed": True}
    )
    codes = _new_recovery_codes(static)
    audit.record(actor, "accounts.two_factor.enabled", actor, {"recovery_codes": len(codes)})
    return device, codes


@service
def two_factor_verify(*, actor: Actor, token: str):
    """The second step of a sign-in: a code of the person's authenticator app, or one of their
    recovery codes (which then stops working). Returns the device that matched, or None for a
    wrong code; each device's throttling (django-otp) counts the wrong ones, so this does not
    raise for a wrong code, which would undo the count. Raises while throttled."""
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from akademia.accounts import two_factor

    token = two_factor.normalise(token)
    if token.isdigit():
        device = TOTPDevice.objects.filter(user=actor, confirmed=True).first()
    else:
        device = StaticDevice.objects.filter(user=actor, confirmed=True).first()
    if device is None:
        return None
    allowed, _info = device.verify_is_allowed()
    if not allowed:
        raise DomainError(_("Too many wrong codes. Wait a minute and try again."), field="token")
    if not device.verify_token(token):
        return None
    if isinstance(device, StaticDevice):
        left = device.token_set.count()
        audit.record(actor, "accounts.two_factor.recovery_code_used", actor, {"left": left})
    return device


@service
def recovery_codes_regenerate(*, actor: Actor) -> list[str]:
    """New recovery codes; the old ones stop working. Returns the codes, shown once."""
    from django_otp.plugins.otp_static.models import StaticDevice

    require(actor, Capability.USE_TWO_FACTOR)
    refusal = recovery_codes_regenerate_blocker(actor)
    if refusal:
        raise DomainError(refusal)
    static, _created = StaticDevice.objects.get_or_create(
        user=actor, defaults={"name": str(_("Recovery codes")), "confirmed": True}
    )
    codes = _new_recovery_codes(static)
    audit.record(actor, "accounts.two_factor.recovery_codes_regenerated", actor, {})
    return codes


def recovery_codes_regenerate_blocker(actor) -> str:
    """Why new recovery codes make no sense now ("" when they do)."""
    from akademia.accounts.selectors import has_authenticator

    if not has_authenticator(actor):
        return _("Turn on two-step verification first.")
    return ""


@service
def two_factor_reset(*, actor: Actor, person: User) -> int:
    """Remove a person's authenticator and recovery codes (they lost both phone and codes):
    their next sign-in sets it up again. The platform's administrator calls this from the
    shell (`akademia two_factor_reset EMAIL`, actor `SYSTEM`), or an operator of the person's
    scope. Returns how many devices went."""
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if actor is not SYSTEM:
        require(actor, Capability.MANAGE_USERS, person)
    removed = TOTPDevice.objects.filter(user=person).delete()[1].get(TOTPDevice._meta.label, 0)
    removed += StaticDevice.objects.filter(user=person).delete()[1].get(StaticDevice._meta.label, 0)
    audit.record(actor, "accounts.two_factor.reset", person, {"devices": removed})
    return removed


# retention and erasure (issue #16, core/retention.py) --------------------------------------

RETENTION_JOB = "accounts.retention_anonymise"


def retention_start(*, actor: Actor, today: date | None = None) -> Job:
    """Start anonymising what has expired on `today`: the list the operator reviewed (the job
    anonymises only rows whose period ended before that day's cutoff)."""
    require(actor, Capability.MANAGE_RETENTION)
    today = today or timezone.localdate()
    if not retention.review(today).total:
        raise DomainError(_("Nothing has passed its retention period today."))
    return job_start(
        kind=RETENTION_JOB,
        label=_("Anonymising personal data whose retention has ended"),
        actor=actor,
        params={"today": today.isoformat()},
    )


@service
def retention_anonymise(*, actor: Actor, job: Job, today: date) -> dict[str, int]:
    """Anonymise everything expired on `today` (core/retention.py), audited once on the job
    with the counts. The national operator who started the job, or the platform (the shell
    command, run by the administrator). Run again, it finds nothing and records nothing."""
    if actor is not SYSTEM:
        require(actor, Capability.MANAGE_RETENTION)
    counts = retention.anonymise_expired(today)
    if counts:
        audit.record(
            actor, "accounts.retention.anonymised", job, {"today": today.isoformat(), **counts}
        )
    return counts


@service
def person_erasure(*, actor: Actor, person: User, today: date | None = None) -> retention.Erasure:
    """An erasure request (art. 17 RODO) by the person or by an operator of their scope.
    While any record about them, or that they acted on, is within its retention period, the
    request is refused and the refusal is recorded with its reason (not raised: the audit entry
    must stay); after it, their records and account are anonymised as retention does."""
    if actor != person:
        require(actor, Capability.MANAGE_USERS, person, _("You cannot erase this person's data."))
    today = today or timezone.localdate()
    refused = retention.refusal(person, today)
    if refused:
        audit.record(
            actor,
            "accounts.user.erasure_refused",
            person,
            {
                "reason": refused.reason,
                "keep_until": refused.keep_until.isoformat() if refused.keep_until else None,
            },
        )
        return refused
    counts = retention.anonymise_person(person)
    person.refresh_from_db()  # the entry names the anonymised account, not the person
    audit.record(actor, "accounts.user.erased", person, counts)
    return retention.Erasure(done=True)
