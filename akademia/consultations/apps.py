from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    """Consultations of programmes ("konsultacje"); so far the comment classifier (nlp/)."""

    name = "akademia.consultations"
    label = "consultations"
    verbose_name = _("Consultations")
