import json

from django.core.management.base import BaseCommand, CommandError

from akademia.core.errors import DomainError
from akademia.planning.problem import build_problem
from akademia.recruitment.models import Project


class Command(BaseCommand):
    help = "Write a project's planning problem (akademia-plan/1 JSON) to stdout."

    def add_arguments(self, parser):
        parser.add_argument("project", type=int, help="the project's id")

    def handle(self, *args, project: int, **options):
        found = Project.objects.filter(pk=project).first()
        if found is None:
            raise CommandError(f"no project with id {project}")
        try:
            data = build_problem(found)
        except DomainError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
