"""Filters of the API's lists, by query parameter: each view names its own in `filters`,
`{parameter: (lookup, type, allowed values or None)}`; the schema lists them with their types.
They narrow rows the selector already scoped, so no filter reaches beyond the person's scope."""

from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.filters import BaseFilterBackend

TYPES = {
    int: {"type": "integer", "minimum": 0, "maximum": 2**63 - 1},
    str: {"type": "string"},
    "negated-bool": {"type": "boolean"},
}


def _value(name: str, raw: str, kind, allowed):
    if "\x00" in raw:
        raise ValidationError({name: [_("Remove the NUL character.")]})
    if kind is int:
        try:
            number = int(raw)
        except ValueError as error:
            raise ValidationError({name: [_("Give a whole number.")]}) from error
        if not 0 <= number < 2**63:
            raise ValidationError({name: [_("Give a whole number.")]})
        return number
    if kind == "negated-bool":
        if raw.lower() not in ("true", "false"):
            raise ValidationError({name: [_("Give true or false.")]})
        return raw.lower() != "true"
    if allowed is not None and raw not in allowed:
        raise ValidationError(
            {name: _("Give one of: %(values)s.") % {"values": ", ".join(allowed)}}
        )
    return raw


class QueryFilter(BaseFilterBackend):
    def filter_queryset(self, request, queryset, view):
        for name, (lookup, kind, allowed) in getattr(view, "filters", {}).items():
            raw = request.query_params.get(name)
            if raw is None or raw == "":
                continue
            queryset = queryset.filter(**{lookup: _value(name, raw, kind, allowed)})
        return queryset

    def get_schema_operation_parameters(self, view):
        parameters = []
        for name, (_lookup, kind, allowed) in getattr(view, "filters", {}).items():
            schema = dict(TYPES[kind])
            if allowed is not None:
                schema["enum"] = list(allowed)
            parameters.append({"name": name, "in": "query", "required": False, "schema": schema})
        return parameters
