"""Who may do what in recruitment, in the words of the views: each rule is a capability of
`accounts/roles.py`. Which rows a user sees is decided by the selectors, never here."""

from akademia.accounts.roles import Capability, has_capability


def can_run_recruitment(user) -> bool:
    """Review applications, ask for corrections, score, run and publish selection (in scope)."""
    return has_capability(user, Capability.RUN_RECRUITMENT)


def can_create_projects(user) -> bool:
    """Projects (the pilot and the regional ones) are set up by the national operator."""
    return has_capability(user, Capability.CREATE_RECRUITMENT_PROJECTS)


def can_follow_own_applications(user) -> bool:
    """A JST coordinator follows, withdraws and completes their JST's applications."""
    return has_capability(user, Capability.FOLLOW_OWN_APPLICATIONS)


def can_see_applications(user) -> bool:
    return can_run_recruitment(user) or can_follow_own_applications(user)
