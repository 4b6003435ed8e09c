from akademia.core.errors import DomainError


def add_domain_error(form, error: DomainError) -> None:
    """Show a service's refusal on the form, at its field when it names one."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)
