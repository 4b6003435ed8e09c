from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo data for `make demo`, written through every app's services; nothing imports it."""

    name = "akademia.demo"
    label = "demo"
