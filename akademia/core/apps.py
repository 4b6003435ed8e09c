from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "akademia.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from akademia.core import audit

        audit.register(
            {
                "core.email.sent_again": _("Failed e-mail sent again"),
                audit.VIEWED: _("Personal data viewed"),
            }
        )
        from akademia.core.collation import register_sqlite_collation

        connection_created.connect(register_sqlite_collation, dispatch_uid="polish_collation")
