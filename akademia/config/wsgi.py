import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "akademia.config.settings")
application = get_wsgi_application()

# The loaded application (Django, the apps with every view, the libraries: about 200 000
# objects) lives as long as the process. Frozen, it stays out of the cyclic garbage
# collector's generations: a full collection, which a page building many objects (a national
# report of 1000 JST) set off every few requests, walked them all, 100–150 ms of CPU each
# time (docs/benchmarks.md). The URLconf is loaded first, so the views are frozen too.
get_resolver().url_patterns  # noqa: B018 (imports every view now, not at the first request)
gc.freeze()
# What requests leave behind for good (template and translation caches, compiled queries) is
# not frozen; a full collection walks it too. Full collections ten times rarer (53 → 13 in a
# process that crawled 200 pages and served 160 more) took the CPU p95 of the national
# dashboard from 127 to 92 ms and of the feedback selection from 199 to 168 ms, medians
# unchanged (docs/benchmarks.md). Young garbage is still collected as often as before.
gc.set_threshold(700, 10, 100)
