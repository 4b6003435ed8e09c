"""The API's resources (`resources.py`) and a person's token pages (`tokens.py`)."""

from akademia.api.views.indicators import IndicatorsView
from akademia.api.views.resources import (
    CallViewSet,
    CommentViewSet,
    DecisionViewSet,
    GroupViewSet,
    MeetingViewSet,
    ProgrammeViewSet,
    ProjectViewSet,
    RoundViewSet,
    VersionViewSet,
    docs,
)
from akademia.api.views.tokens import token_list, token_revoke

__all__ = [
    "CallViewSet",
    "CommentViewSet",
    "DecisionViewSet",
    "GroupViewSet",
    "IndicatorsView",
    "MeetingViewSet",
    "ProgrammeViewSet",
    "ProjectViewSet",
    "RoundViewSet",
    "VersionViewSet",
    "docs",
    "token_list",
    "token_revoke",
]
