"""The YAML ontology: model, reading with line numbers, loading and layering, the compiled cache, and the `ontology` commands."""
