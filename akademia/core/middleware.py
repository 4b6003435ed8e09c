from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers


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
