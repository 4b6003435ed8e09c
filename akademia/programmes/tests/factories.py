from akademia.programmes import services


def make_version(
    expert, national, status: str, *, title: str = "Finanse JST", module: str = "Budżet"
):
    """A programme by `expert` with one module, moved by `national` to `status`."""
    draft = services.programme_create(
        actor=expert, title=title, goal="Lepsze budżety", target_kinds=["rural"]
    )
    row = {"title": module, "hours": 8, "methods": ["lecture"]}
    row |= {"learning_outcomes": "", "intersession_task": ""}
    draft = services.version_update(actor=expert, version=draft, fields={}, modules=[row])
    return services.version_set_status(actor=national, version=draft, status=status)
