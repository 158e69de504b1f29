"""The API's routers: system (health, readiness), saved queries, entities, style."""

__all__: list[str] = []
