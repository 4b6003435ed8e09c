from django.conf import settings
from django.middleware.gzip import GZipMiddleware
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_vary_headers


class LanguageMiddleware:
    """Polish unless the person chose otherwise with the switch (the language cookie).

    Unlike Django's LocaleMiddleware this ignores the browser's Accept-Language: officials on
    English-language systems still get the Polish interface first, as the law expects.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.languages else settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = language
        # Only for this request: a worker thread (or a test) goes on in its own language after.
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ["Cookie"])
        return response


class RequestSizeLimitMiddleware:
    """Refuse a request whose body is larger than `MAX_REQUEST_BYTES` (413), before anything
    reads it: the declared Content-Length is checked, so the view never runs and Django never
    receives the body. The cap sits a little above the largest upload we accept (5 MB), so the
    forms still answer "too large" with their own message for a file just over their limit. A
    view that takes more (a team's answer to a task: several files) says so with
    `@allows_large_uploads`; only a body over the default cap costs a URL lookup.

    Django reads no more than Content-Length; a body without one (chunked) is read as empty.
    The reverse proxy should cap bodies too (nginx `client_max_body_size`), see
    docs/configuration.md.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        declared = request.META.get("CONTENT_LENGTH") or "0"
        try:
            length = int(declared)
        except ValueError:
            return render(request, "400.html", status=400)
        if length > settings.MAX_REQUEST_BYTES:
            limit = view_limit(request.path_info)
            if length > limit:
                return render(
                    request,
                    "core/too_large.html",
                    {"limit_mb": limit // (1024 * 1024)},
                    status=413,
                )
        return self.get_response(request)


def allows_large_uploads(limit):
    """A view decorator: requests to this view may declare up to `limit()` bytes (a callable,
    read per request, e.g. from settings) instead of MAX_REQUEST_BYTES; the view checks each
    file itself and names the one too large. Put it outermost."""

    def decorate(view):
        view.max_request_bytes = limit
        return view

    return decorate


def view_limit(path: str) -> int:
    """The largest body the view at `path` accepts (only asked for a body over the default)."""
    try:
        view = resolve(path).func
    except Resolver404:
        return settings.MAX_REQUEST_BYTES
    limit = getattr(view, "max_request_bytes", None)
    return max(settings.MAX_REQUEST_BYTES, limit()) if limit else settings.MAX_REQUEST_BYTES


class PrivateCacheMiddleware:
    """`Cache-Control: private, no-store` (Django's never-cache headers) on every answer to a
    signed-in person and on every download: no browser cache, proxy or shared computer keeps
    a copy of personal data. Public pages keep whatever caching their views chose, and so does
    an answer its view marked `public`; static files never get here (WhiteNoise answers first).

    Pages opened by a secret link without an account (a draft application, a meeting's comment
    form) carry personal data too: their views are marked `@never_cache`.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        signed_in = bool(user is not None and user.is_authenticated)
        download = response.get("Content-Disposition", "").startswith("attachment")
        # A view that declared its answer public (the registry's GeoJSON: the same for everyone)
        # keeps its caching, also for a signed-in person; a download never does.
        public = "public" in response.get("Cache-Control", "")
        if download or (signed_in and not public):
            add_never_cache_headers(response)
        return response


# Text that compresses well and that a browser reads as it comes; downloads are left alone.
COMPRESSIBLE = {"text/html", "application/json", "application/geo+json"}


class CompressionMiddleware(GZipMiddleware):
    """gzip for pages, JSON and GeoJSON when the browser accepts it; never for downloads
    (`Content-Disposition: attachment`: the exports, letters and the like, XLSX and DOCX being
    ZIP archives already) nor other types. Static files are WhiteNoise's (above this one).

    BREACH: a compressed page that reflects a secret next to text an attacker chooses may leak
    it through its length. The one secret our pages carry is the CSRF token, which Django masks
    anew in every answer, and Django's gzip adds random bytes to every compressed answer
    ("Heal the Breach"); secret links (an application's edit token, a meeting's comment form)
    are in the address the visitor already holds, not guessable by reflection."""

    def process_response(self, request, response):
        content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
        if content_type not in COMPRESSIBLE:
            return response
        if response.get("Content-Disposition", "").startswith("attachment"):
            return response
        return super().process_response(request, response)
