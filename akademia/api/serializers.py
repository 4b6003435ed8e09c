"""What the API shows of each row: the fields the web pages show the same person, no more.

Comments carry their author as the round's page shows them (the name typed with the comment and
the JST); no e-mail address, account or "created by" is ever serialised. Trainers appear by the
name the groups' pages show to operators, trainers and the JST's people alike.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field, inline_serializer
from rest_framework import serializers

from akademia.consultations.models import Comment, ConsultationRound, Decision
from akademia.planning.models import Meeting, TrainingGroup
from akademia.programmes.models import Module, Programme, ProgrammeVersion
from akademia.recruitment.models import ApplicationStatus, Call, Project


@extend_schema_field({"type": "string", "pattern": "^[0-2][0-9]:[0-5][0-9]$", "example": "09:00"})
class HourField(serializers.TimeField):
    """A local hour of the day, "09:00" (OpenAPI's `time` format would demand a UTC offset)."""

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class ProgrammeSerializer(serializers.ModelSerializer):
    versions = serializers.SerializerMethodField()

    class Meta:
        model = Programme
        fields = ["id", "title", "created_at", "versions"]

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_versions(self, programme) -> list[int]:
        return self.context.get("versions", {}).get(programme.pk, [])


class ModuleSerializer(serializers.ModelSerializer):
    hours = serializers.DecimalField(max_digits=5, decimal_places=1, coerce_to_string=False)

    class Meta:
        model = Module
        fields = ["order", "title", "hours", "learning_outcomes", "intersession_task"]


class VersionSerializer(serializers.ModelSerializer):
    target_kinds = serializers.ListField(child=serializers.CharField())
    weekdays = serializers.ListField(child=serializers.IntegerField())
    modules = ModuleSerializer(many=True)
    start_hour = HourField()
    end_hour = HourField()

    class Meta:
        model = ProgrammeVersion
        fields = [
            "id",
            "programme",
            "number",
            "based_on",
            "status",
            "title",
            "goal",
            "target_kinds",
            "audience",
            "advisory_hours",
            "advisory_mode",
            "group_min",
            "group_max",
            "team_min",
            "team_max",
            "team_min_managers",
            "duration_months",
            "period_start",
            "period_end",
            "days_per_meeting",
            "gap_min_weeks",
            "gap_max_weeks",
            "weekdays",
            "start_hour",
            "end_hour",
            "modules",
            "created_at",
            "updated_at",
        ]


class RoundSerializer(serializers.ModelSerializer):
    programme = serializers.IntegerField(source="version.programme_id")

    class Meta:
        model = ConsultationRound
        fields = ["id", "title", "status", "version", "programme", "created_at"]


class DecisionSerializer(serializers.ModelSerializer):
    comment_round = serializers.IntegerField(source="comment.round_id")
    state = serializers.CharField(source="state.code")
    state_name = serializers.CharField(source="state.name")
    change_paths = serializers.ListField(child=serializers.CharField())

    class Meta:
        model = Decision
        fields = [
            "id",
            "comment",
            "comment_round",
            "state",
            "state_name",
            "rationale",
            "reflection",
            "change_version",
            "change_paths",
            "decided_at",
        ]


class CommentDecisionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    state = serializers.CharField(source="state.code")
    state_name = serializers.CharField(source="state.name")
    rationale = serializers.CharField()
    reflection = serializers.CharField()


class CommentSerializer(serializers.ModelSerializer):
    author = serializers.CharField(source="author_display")
    block = serializers.CharField(source="block.code", allow_null=True, default=None)
    decision = serializers.SerializerMethodField()

    class Meta:
        model = Comment
        fields = [
            "id",
            "round",
            "number",
            "text",
            "proposed_change",
            "author_kind",
            "author",
            "meeting",
            "target_kind",
            "target_module",
            "target_parameter",
            "block",
            "created_at",
            "decision",
        ]

    @extend_schema_field(CommentDecisionSerializer(allow_null=True))
    def get_decision(self, comment):
        decision = getattr(comment, "decision", None) if _has_decision(comment) else None
        return CommentDecisionSerializer(decision).data if decision else None


def _has_decision(comment) -> bool:
    try:
        return comment.decision is not None
    except Decision.DoesNotExist:
        return False


class ProjectSerializer(serializers.ModelSerializer):
    voivodeship = serializers.CharField(source="voivodeship.code", allow_null=True, default=None)
    voivodeship_name = serializers.CharField(
        source="voivodeship.name", allow_null=True, default=None
    )
    calls = serializers.IntegerField(source="call_count")
    figures = serializers.SerializerMethodField()

    class Meta:
        model = Project
        fields = [
            "id",
            "name",
            "voivodeship",
            "voivodeship_name",
            "target_jst",
            "target_people",
            "starts_on",
            "ends_on",
            "calls",
            "figures",
        ]

    @extend_schema_field(
        inline_serializer(
            "ProjectFigures",
            {
                "jst_enrolled": serializers.IntegerField(),
                "people_enrolled": serializers.IntegerField(),
            },
        )
    )
    def get_figures(self, project) -> dict:
        return self.context["figures"][project.pk]


APPLICATION_COUNTS = inline_serializer(
    "ApplicationCounts",
    {status: serializers.IntegerField() for status in ApplicationStatus.values},
)


class CallSerializer(serializers.ModelSerializer):
    voivodeship = serializers.CharField(
        source="project.voivodeship.code", allow_null=True, default=None
    )
    kinds = serializers.ListField(child=serializers.CharField())
    figures = serializers.SerializerMethodField()

    class Meta:
        model = Call
        fields = [
            "id",
            "project",
            "voivodeship",
            "title",
            "status",
            "opens_on",
            "closes_on",
            "kinds",
            "team_min",
            "team_max",
            "published_at",
            "figures",
        ]

    @extend_schema_field(
        inline_serializer(
            "CallFigures",
            {"applications": APPLICATION_COUNTS, "people_applied": serializers.IntegerField()},
        )
    )
    def get_figures(self, call) -> dict:
        return self.context["figures"][call.pk]


class JstSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class GroupSerializer(serializers.ModelSerializer):
    voivodeship = serializers.CharField(
        source="project.voivodeship.code", allow_null=True, default=None
    )
    venue = serializers.CharField(source="venue.name")
    trainer = serializers.CharField(source="trainer.name", allow_null=True, default=None)
    teams = JstSerializer(many=True)

    class Meta:
        model = TrainingGroup
        fields = ["id", "code", "project", "voivodeship", "plan", "venue", "trainer", "teams"]


class MeetingSerializer(serializers.ModelSerializer):
    project = serializers.IntegerField(source="group.project_id")
    voivodeship = serializers.CharField(
        source="group.project.voivodeship.code", allow_null=True, default=None
    )
    venue = serializers.SerializerMethodField()
    trainer = serializers.CharField(source="trainer.name", allow_null=True, default=None)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "group",
            "project",
            "voivodeship",
            "module",
            "start_date",
            "end_date",
            "venue",
            "trainer",
        ]

    @extend_schema_field(OpenApiTypes.STR)
    def get_venue(self, meeting) -> str:
        return (meeting.venue or meeting.group.venue).name
