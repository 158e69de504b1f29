"""The API's routers: system (health, readiness), saved queries, entities."""

__all__: list[str] = []
