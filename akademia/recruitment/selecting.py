"""Deprecated: selection moved to `recruitment/services/selection.py`; write
`services.selection_run(...)`. Kept only while `planning/tests/factories.py` imports it; delete
this file with that import."""

from akademia.recruitment.services.selection import selection_publish, selection_run

__all__ = ["selection_publish", "selection_run"]
