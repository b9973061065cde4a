"""In a built wheel, the ontology and schemas are installed here (see pyproject.toml)."""
