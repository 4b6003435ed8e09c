"""Test data for recruitment, made through the services: letters, teams, application data,
programme versions, open calls and complete applications (also used by other apps' tests)."""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from akademia.core.audit import SYSTEM
from akademia.programmes.models import VersionStatus
from akademia.programmes.tests.factories import make_version as make_programme_version
from akademia.recruitment import services
from akademia.recruitment.models import CallStatus
from akademia.recruitment.services import ApplicationData
from akademia.territory.models import Jst

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name="list.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def team(n=3, managers=1, domain="gmina.example.org"):
    return [
        {
            "full_name": f"Osoba {i}",
            "email": f"osoba{i}@{domain}",
            "position": "kierownik referatu" if i < managers else "inspektor",
            "profile": "management" if i < managers else "operational",
        }
        for i in range(n)
    ]


def data(jst_code, *, members=None, answers=("Odpowiedź",), consent=True, letter=True, **kw):
    return ApplicationData(
        jst=Jst.objects.get(code=jst_code),
        coordinator_name=kw.get("name", "Jan Kowalski"),
        coordinator_email=kw.get("email", f"koordynator.{jst_code}@gmina.example.org"),
        team=team() if members is None else members,
        answers=list(answers),
        consent=consent,
        letter=pdf() if letter else None,
    )


def make_version(expert, national):
    return make_programme_version(expert, national, VersionStatus.APPROVED_FOR_PILOT)


def open_call(actor, project, version, **kw):
    today = timezone.localdate()
    call = services.call_create(
        actor=actor,
        project=project,
        title=kw.pop("title", "Nabór testowy"),
        versions=[version],
        opens_on=today - timedelta(days=1),
        closes_on=today + timedelta(days=30),
        kinds=kw.pop("kinds", ["rural", "urban", "county"]),
        questions=["Dlaczego chcecie wziąć udział?"],
        **kw,
    )
    return services.call_set_status(actor=actor, call=call, status=CallStatus.OPEN)


def complete(actor, call, jst_code, *, verify=False, **kw):
    """An application saved, submitted, confirmed and checked complete; with `verify`, the
    operator also checked the letter, so its coordinator acts for the JST."""
    application = services.application_save(actor=SYSTEM, call=call, data=data(jst_code, **kw))
    services.application_submit(actor=SYSTEM, application=application)
    services.application_confirm_email(actor=SYSTEM, application=application)
    application.refresh_from_db()
    application = services.application_mark_complete(actor=actor, application=application)
    if verify:
        services.application_verify_coordinator(actor=actor, application=application)
    return application
