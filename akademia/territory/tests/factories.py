"""Test data for the territory: the real TERC registry with the bundled boundaries' points."""

from django.db import transaction

from akademia.core.audit import SYSTEM
from akademia.territory.models import Commune, County, Jst, RegisterImport, Voivodeship
from akademia.territory.services import BUNDLED_TERC, geo_import, import_terc_file

# The registry's rows after the first import in this process: a live-server test's flush
# empties the tables, and inserting these again takes a fraction of parsing the boundaries anew.
_registry_rows: list | None = None


def load_registry() -> None:
    """The registry into an empty test database (the root conftest's fixtures call it)."""
    global _registry_rows
    if Jst.objects.exists():
        return
    if _registry_rows is None:
        import_terc_file(BUNDLED_TERC, actor=SYSTEM)
        geo_import(actor=SYSTEM)
        _registry_rows = [
            (model, list(model.objects.order_by("pk")))
            for model in (Voivodeship, County, Commune, Jst, RegisterImport)
        ]
        return
    with transaction.atomic():  # County.seat and Commune.county refer to each other
        for model, rows in _registry_rows:
            model.objects.bulk_create(rows, batch_size=500)
