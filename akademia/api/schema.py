"""The OpenAPI schema's extras: every operation documents its refusals (401 without a valid
token, 403 for a role without the capability, 404 for a row outside the scope or a page past
the end, 400 for a filter that is not understood), so a client, and schemathesis, know them."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers


class Error(serializers.Serializer):
    detail = serializers.CharField()


ERRORS = {
    401: OpenApiResponse(Error, description="No valid token or session"),
    403: OpenApiResponse(Error, description="The role may not read this resource"),
    404: OpenApiResponse(Error, description="Not found, or outside the caller's scope"),
}
BAD_FILTER = OpenApiResponse(
    {
        "type": "object",
        "additionalProperties": {"type": "array", "items": {"type": "string"}},
    },
    description="A filter's value is not understood",
)


class ApiSchema(AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for status, response in ERRORS.items():
            responses.setdefault(str(status), self._get_response_for_code(response, str(status)))
        if self._is_list_view():
            responses.setdefault("400", self._get_response_for_code(BAD_FILTER, "400"))
        return responses


class TokenScheme(OpenApiAuthenticationExtension):
    target_class = "akademia.api.authentication.TokenAuthentication"
    name = "token"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A token made on the account page (Konto → Tokeny API).",
        }


class SessionScheme(OpenApiAuthenticationExtension):
    target_class = "akademia.api.authentication.SessionAuthentication"
    name = "session"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "cookie", "name": "sessionid"}
