"""eventcoder: rule-based CAMEO event coding of news text."""
__version__ = "0.1.0"

from .pipeline import Coder, DocResult  # noqa: E402

__all__ = ["Coder", "DocResult", "__version__"]
