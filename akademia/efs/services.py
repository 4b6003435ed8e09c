"""Writes of the SM EFS data: a person's answers, a JST's institution data, a project's number,
and the exports (reads that are audited: who took whose data, and when)."""

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from akademia.accounts.permissions import require
from akademia.accounts.roles import Capability
from akademia.core import audit
from akademia.core.audit import person
from akademia.core.errors import DomainError
from akademia.core.services import service
from akademia.delivery.models import Participant
from akademia.efs import checks, selectors, smefs
from akademia.efs import pesel as pesel_numbers
from akademia.efs.models import (
    SENSITIVE,
    InstitutionData,
    MonitoringData,
    NoPeselReason,
    ProjectNumber,
    Sex,
)
from akademia.recruitment.models import Project
from akademia.territory.kinds import COMMUNE_KINDS
from akademia.territory.models import Jst

Actor = object


@dataclass(frozen=True)
class Answers:
    """What the form asks (docs/efs.md: why each is needed)."""

    citizenship: str
    pesel: str
    no_pesel_reason: str
    sex: str
    birth_date: dt.date | None
    education: str
    labour_status: str
    residence: Jst
    locality: str
    postal_code: str
    degurba: str
    phone: str
    foreign_origin: str
    third_country: str
    minority: str
    homeless: str
    disability: str
    end_situation: str = ""


def _identity(answers: Answers) -> dict:
    """PESEL, or the reason why there is none with sex and date of birth."""
    if answers.pesel.strip():
        number = checks.clean_pesel(answers.pesel)
        return {
            "pesel": number,
            "no_pesel_reason": "",
            "sex": Sex.FEMALE if pesel_numbers.is_female(number) else Sex.MALE,
            "birth_date": pesel_numbers.birth_date(number),
        }
    if answers.no_pesel_reason not in NoPeselReason.values:
        raise DomainError(
            _("Give the PESEL number, or say why there is none."), field="no_pesel_reason"
        )
    if answers.sex not in Sex.values:
        raise DomainError(_("Without a PESEL, say the person's sex."), field="sex")
    if answers.birth_date is None:
        raise DomainError(_("Without a PESEL, give the date of birth."), field="birth_date")
    return {
        "pesel": "",
        "no_pesel_reason": answers.no_pesel_reason,
        "sex": answers.sex,
        "birth_date": answers.birth_date,
    }


@service
def monitoring_data_save(
    *, actor: Actor, participation: Participant, answers: Answers
) -> MonitoringData:
    """Save a person's monitoring data for the project of `participation` (their own, or of
    a person of the coordinator's JST). The values never reach the audit log, only who gave
    them."""
    require(
        actor,
        Capability.FILL_MONITORING_DATA,
        participation,
        _("You cannot give this person's data."),
    )
    if answers.residence.kind not in COMMUNE_KINDS:
        raise DomainError(
            _("Choose the commune (gmina) where the person lives."), field="residence"
        )
    ended = selectors.has_ended(participation)
    if not ended and answers.end_situation:
        raise DomainError(
            _("The situation when leaving the project is given once the person has left it."),
            field="end_situation",
        )
    values = {
        **_identity(answers),
        "citizenship": answers.citizenship,
        "education": answers.education,
        "labour_status": answers.labour_status,
        "residence": answers.residence,
        "locality": answers.locality.strip(),
        "postal_code": checks.clean_postal_code(answers.postal_code),
        "degurba": answers.degurba,
        "phone": checks.clean_phone(answers.phone),
        "end_situation": answers.end_situation,
        **{name: getattr(answers, name) for name in SENSITIVE},
        "jst": participation.jst,
        "filled_by": person(actor),
    }
    data, created = MonitoringData.objects.update_or_create(
        project_id=participation.group.project_id, user_id=participation.user_id, defaults=values
    )
    on_behalf = getattr(actor, "pk", None) != participation.user_id
    audit.record(
        actor,
        "efs.data.given" if created else "efs.data.changed",
        data,
        {"on_behalf": on_behalf},
    )
    return data


@service
def institution_data_save(*, actor: Actor, jst: Jst, values: dict) -> InstitutionData:
    require(actor, Capability.EDIT_INSTITUTION_DATA, jst, _("You cannot change this JST's data."))
    cleaned = {
        **values,
        "nip": checks.clean_nip(values["nip"]),
        "postal_code": checks.clean_postal_code(values["postal_code"]),
        "phone": checks.clean_phone(values["phone"]),
        "updated_by": person(actor),
    }
    data, _created = InstitutionData.objects.update_or_create(jst=jst, defaults=cleaned)
    audit.record(actor, "efs.institution.saved", data, {})
    return data


@service
def project_number_save(
    *, actor: Actor, project: Project, number: str, support_scope: str = ""
) -> ProjectNumber:
    require(actor, Capability.EXPORT_MONITORING_DATA, project)
    number, support_scope = number.strip(), support_scope.strip()
    if not number:
        raise DomainError(_("Give the project's number."), field="number")
    values = {"number": number, "support_scope": support_scope}
    saved, _created = ProjectNumber.objects.update_or_create(project=project, defaults=values)
    audit.record(actor, "efs.project_number.saved", project, values)
    return saved


@service
def participants_export(*, actor: Actor, project: Project) -> list[list[str]]:
    """The rows of the SM EFS participant file (header first); recorded: who took it, when,
    how many people. Nothing is written to disk: the view streams the rows."""
    require(actor, Capability.EXPORT_MONITORING_DATA, project)
    settings, people = selectors.export_people(project)
    audit.record(
        actor,
        "efs.participants.exported",
        project,
        {"people": len(people), "incomplete": sum(1 for p in people if p.missing)},
    )
    return [smefs.participant_row(settings, p) for p in people]


@service
def institutions_export(*, actor: Actor, project: Project) -> list[list[str]]:
    require(actor, Capability.EXPORT_MONITORING_DATA, project)
    number, units = selectors.export_institutions(project)
    audit.record(actor, "efs.institutions.exported", project, {"institutions": len(units)})
    return [smefs.institution_row(number, u) for u in units]
