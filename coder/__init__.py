"""eventcoder: rule-based CAMEO event coding of news text.

The package is laid out by pipeline stage: `coding/` (segment, actors, triggers, roles, events,
where and when, the `Coder`), `ontology/` (YAML model, loading, cache, check, stats, suggest,
PETRARCH import), `places/`, `dates/`, `io/` (read, schema, write), `runs/` (batch, progress,
Dask) and `report/` (explain, evaluate). Importing `coder` is cheap: `Coder` (and with it spaCy)
loads on first use, so `import coder.dates` stays a standard-library import.
"""
__version__ = "0.1.0"

from coder.spacy_cli import defer_spacy_cli  # noqa: E402

defer_spacy_cli()  # spaCy's command-line package loads when used, not with `import spacy`

__all__ = ["Coder", "DocResult", "__version__"]


def __getattr__(name: str):
    if name in ("Coder", "DocResult"):
        from coder.coding import coder as _coder

        return getattr(_coder, name)
    raise AttributeError(f"module 'coder' has no attribute {name!r}")
