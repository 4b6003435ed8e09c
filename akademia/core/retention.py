"""Retention of personal data (RODO art. 5(1)(e), EU funds rules; issue #16, docs/retention.md).

What to keep and for how long is said once, in the register (`core/personal_data.py`): each
model with personal data names the date its keeping starts (`RETENTION_START`), and
`keep_until` turns it into the last day it must be kept. This module finds what has expired
and anonymises it:

- names, free texts and titles become "anonim-<id>", e-mail addresses "anonim-<id>@anonim.invalid"
  (both unique, so no constraint breaks), optional texts become empty, JSON its empty value,
  links to an account are cut where the column allows it, and files are deleted;
- choices, dates, numbers and states stay, with `KEPT_ON_EXPIRY`: the figures of every report
  are the same after as before;
- an account is anonymised (address, name, password, active) when every record linked to it
  has expired and it has not been used since the oldest period still running began;
- a row already anonymised is not touched again: a second run changes nothing.

An operator reviews the list (`review`) on the retention page and confirms; the work runs as
a job (`accounts.retention_anonymise`, audited), also from the shell (`akademia retention`).
An erasure request (`accounts.services.person_erasure`) is refused while any record about the
person, or that they acted on, is within its period, with the reason in the audit log; after
it, their records and account are anonymised the same way.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import models, transaction
from django.db.models import CharField, Exists, Max, OuterRef, Q, Value
from django.db.models.functions import Cast, Concat, Left
from django.utils import timezone
from django.utils.translation import gettext as _

from akademia.core.models import AuditEntry
from akademia.core.personal_data import (
    KEPT_ON_EXPIRY,
    REGISTER,
    RETENTION_START,
    Purpose,
    _links,
    keep_until,
    retention_cutoff,
)

ANONYMOUS_DOMAIN = "anonim.invalid"


def _pk_text():
    return Cast("pk", CharField())


def _anonymous_value(model_field: models.Field):
    """What a registered column holds once anonymised, or `KEEP` when it stays."""
    if model_field.is_relation:
        return None if model_field.null else KEEP
    if model_field.choices or not isinstance(
        model_field, (models.CharField, models.TextField, models.FileField, models.JSONField)
    ):
        return KEEP  # a state, a date, a number: a figure of the reports
    if isinstance(model_field, models.FileField):
        return Value("")
    if isinstance(model_field, models.JSONField):
        return model_field.get_default() if model_field.has_default() else {}
    if isinstance(model_field, models.EmailField):
        return Concat(Value("anonim-"), _pk_text(), Value(f"@{ANONYMOUS_DOMAIN}"))
    if model_field.blank:
        return Value("")
    if model_field.max_length and model_field.max_length < 20:
        # A short code (a postal code, a phone number): "anonim-<id>" would not fit.
        return Left(Concat(Value("anonim-"), _pk_text()), model_field.max_length)
    return Concat(Value("anonim-"), _pk_text())


KEEP = object()


@dataclass
class Kind:
    """One model with personal data whose retention starts at a date (`RETENTION_START`)."""

    label: str
    model: type[models.Model]
    start: str  # the path to the date retention counts from
    columns: dict[str, object]  # column → its anonymous value
    files: list[str]

    def before(self, cutoff: date) -> Q:
        """Rows whose period started before the cutoff: expired."""
        bound = cutoff
        if isinstance(_final_field(self.model, self.start), models.DateTimeField):
            bound = timezone.make_aware(datetime.combine(cutoff, time.min))
        return Q(**{f"{self.start}__lt": bound})

    def expired(self, cutoff: date):
        """Rows whose period has ended and that still hold personal data."""
        return self.model._default_manager.filter(self.before(cutoff)).exclude(self.anonymous())

    def anonymous(self) -> Q:
        condition = Q()
        for name, value in self.columns.items():
            condition &= Q(**{f"{name}__isnull": True}) if value is None else Q(**{name: value})
        return condition

    def anonymise(self, rows) -> int:
        """Anonymise these rows (all of this kind); their files go once the change commits."""
        pks = list(rows.values_list("pk", flat=True))
        if not pks:
            return 0
        same = self.model._default_manager.filter(pk__in=pks)
        files = [
            (self.model._meta.get_field(column).storage, name)
            for column in self.files
            for name in same.exclude(**{column: ""}).values_list(column, flat=True)
        ]
        same.update(**self.columns)
        if files:
            transaction.on_commit(lambda: [storage.delete(name) for storage, name in files])
        return len(pks)


def _final_field(model, path: str) -> models.Field:
    for part in path.split("__")[:-1]:
        model = model._meta.get_field(part).related_model
    return model._meta.get_field(path.split("__")[-1])


def kinds() -> list[Kind]:
    result = []
    for label, start in RETENTION_START.items():
        model = apps.get_model(label)
        columns, files = {}, []
        for key, entry in REGISTER.items():
            model_label, name = key.rsplit(".", 1)
            if model_label != label or entry.purpose == Purpose.ACCOUNTABILITY:
                continue
            if key in KEPT_ON_EXPIRY:
                continue
            model_field = model._meta.get_field(name)
            value = _anonymous_value(model_field)
            if value is KEEP:
                continue
            columns[model_field.attname if model_field.is_relation else name] = value
            if isinstance(model_field, models.FileField):
                files.append(name)
        if columns:
            result.append(Kind(label, model, start, columns, files))
    return result


def _account_links() -> list[tuple[Kind, str]]:
    """(kind, column) for every link from a record to the account of the person it is about."""
    user_model = get_user_model()
    links = []
    for kind in kinds():
        for key, entry in REGISTER.items():
            model_label, name = key.rsplit(".", 1)
            if model_label != kind.label or entry.purpose == Purpose.ACCOUNTABILITY:
                continue
            model_field = kind.model._meta.get_field(name)
            if model_field.is_relation and model_field.related_model is user_model:
                links.append((kind, name))
    return links


def expired_accounts(today: date):
    """Accounts every linked record of which has expired, not used since the cutoff, and not
    anonymised yet."""
    cutoff = retention_cutoff(today)
    # First the few accounts with an expired record (one narrow query per kind of link), then
    # only those are checked for a record still kept: asking every account whether any of
    # its links exists in either state took 2.4 s on the national dataset.
    candidates, has_kept = set(), Q(pk__in=[])
    for kind, name in _account_links():
        rows = kind.model._default_manager.filter(kind.before(cutoff)).exclude(**{name: None})
        candidates.update(rows.order_by().values_list(name, flat=True).distinct())
        linked = kind.model._default_manager.filter(**{name: OuterRef("pk")})
        has_kept |= Exists(linked.exclude(kind.before(cutoff)))
    since = timezone.make_aware(datetime.combine(cutoff, time.min))
    return (
        get_user_model()
        ._default_manager.filter(pk__in=candidates)
        .exclude(has_kept)
        .filter(Q(last_login__isnull=True) | Q(last_login__lt=since))
        .exclude(email__endswith=f"@{ANONYMOUS_DOMAIN}")
    )


def anonymise_accounts(pks: list) -> int:
    if not pks:
        return 0
    # What only lets the account in or reads for it goes with it.
    for label in ("delivery.CalendarFeed", "api.ApiToken"):
        apps.get_model(label)._default_manager.filter(user__in=pks).delete()
    for label in ("otp_totp.TOTPDevice", "otp_static.StaticDevice"):  # two-step devices
        try:
            device = apps.get_model(label)
        except LookupError:
            continue
        device._default_manager.filter(user__in=pks).delete()
    return (
        get_user_model()
        ._default_manager.filter(pk__in=pks)
        .update(
            email=Concat(Value("anonim-"), _pk_text(), Value(f"@{ANONYMOUS_DOMAIN}")),
            full_name=Value(""),
            password=make_password(None),
            is_active=False,
        )
    )


@dataclass
class ReviewRow:
    label: str
    name: str
    count: int


@dataclass
class Review:
    today: date
    cutoff: date
    rows: list[ReviewRow] = field(default_factory=list)
    accounts: int = 0

    @property
    def total(self) -> int:
        return sum(row.count for row in self.rows) + self.accounts

    def as_dict(self) -> dict:
        return {
            "today": self.today.isoformat(),
            "cutoff": self.cutoff.isoformat(),
            "rows": {row.label: row.count for row in self.rows},
            "accounts": self.accounts,
        }


def review(today: date | None = None) -> Review:
    """What has expired on `today` and still holds personal data, by kind (one count each)."""
    today = today or timezone.localdate()
    cutoff = retention_cutoff(today)
    result = Review(today=today, cutoff=cutoff)
    for kind in kinds():
        count = kind.expired(cutoff).count()
        if count:
            name = str(kind.model._meta.verbose_name_plural)
            result.rows.append(ReviewRow(kind.label, name, count))
    result.accounts = expired_accounts(today).count()
    return result


def anonymise_expired(today: date) -> dict[str, int]:
    """Anonymise everything expired on `today`: {model label: rows changed}; nothing the
    second time. The caller (a service) checks who may and records it."""
    cutoff = retention_cutoff(today)
    accounts = list(expired_accounts(today).values_list("pk", flat=True))
    counts = {}
    for kind in kinds():
        done = kind.anonymise(kind.expired(cutoff))
        if done:
            counts[kind.label] = done
    done_accounts = anonymise_accounts(accounts)
    if done_accounts:
        counts["accounts.User"] = done_accounts
    return counts


# Erasure requests (art. 17 RODO) -----------------------------------------------------------------


@dataclass
class Erasure:
    done: bool
    reason: str = ""
    keep_until: date | None = None


def records_kept(person, today: date) -> tuple[bool, date | None]:
    """Whether any record about the person, or that they acted on, is still within its period,
    and the last day the longest of them must be kept (None: a project without an end date)."""
    cutoff = retention_cutoff(today)
    kept, latest = False, None
    for kind in kinds():
        mine, did = _links(kind.model, _names(kind.label), person)
        if not (mine or did):
            continue
        rows = kind.model._default_manager.filter(mine | did).exclude(kind.before(cutoff))
        starts = list(rows.values_list(kind.start, flat=True).distinct())
        if not starts:
            continue
        kept = True
        if None in starts:
            return True, None
        last = max(s.date() if isinstance(s, datetime) else s for s in starts)
        latest = max(latest or last, last)
    # What they did on the platform (the audit trail names them as the actor), other than
    # acting on their own account (an export of their data, this very request).
    since = timezone.make_aware(datetime.combine(cutoff, time.min))
    acted = (
        AuditEntry.objects.filter(actor=person, created_at__gte=since)
        .exclude(target_type=person._meta.label_lower, target_id=str(person.pk))
        .aggregate(last=Max("created_at"))["last"]
    )
    if acted:
        kept, last = True, timezone.localdate(acted)
        latest = max(latest or last, last)
    return kept, keep_until(latest) if latest else None


def refusal(person, today: date) -> Erasure | None:
    """Why an erasure request for this person must be refused today, or None."""
    kept, until = records_kept(person, today)
    if not kept:
        return None
    if until:
        reason = _(
            "The records about this person must be kept until %(date)s (EU funds rules, "
            "art. 82 of Regulation 2021/1060): erasure is refused until then."
        ) % {"date": until.strftime("%d.%m.%Y")}
    else:
        reason = _(
            "The records about this person belong to a project without an end date: they "
            "must be kept, so erasure is refused."
        )
    return Erasure(done=False, reason=reason, keep_until=until)


def anonymise_person(person) -> dict[str, int]:
    """Anonymise the records about the person (not those they only acted on) and their
    account: {model label: rows changed}. Only after `refusal` found nothing."""
    counts = {}
    for kind in kinds():
        mine, _did = _links(kind.model, _names(kind.label), person)
        if mine:
            rows = kind.model._default_manager.filter(mine).exclude(kind.anonymous())
            done = kind.anonymise(rows)
            if done:
                counts[kind.label] = done
    if anonymise_accounts([person.pk]):
        counts["accounts.User"] = 1
    return counts


def _names(label: str) -> list[str]:
    return [key.rsplit(".", 1)[1] for key in REGISTER if key.rsplit(".", 1)[0] == label]
