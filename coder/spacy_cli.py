"""spaCy's command-line package, loaded the first time it is used instead of by `import spacy`.

`import spacy` imports `spacy.cli.info` (for `spacy.info`), and with it all of `spacy.cli`: typer,
click, weasel, httpx, requests and some thirty commands. That is 0.2 CPU s, a quarter of the
import, paid by every coder start (each `eventcoder` run, each Dask worker) for code the coder never
runs. `defer_spacy_cli` makes those two modules deferred: the import system creates them as usual,
but their code runs only when something reads a name they do not have yet (`spacy.cli.download`,
`from spacy.cli import app`, a call of `spacy.info()`), and then it runs in full, exactly as an
eager import would have. Only a process that imports `coder` before `spacy` is affected.
spaCy's maintainers made the same change inside spaCy (explosion/spaCy#12962, merged in 2023), but
the 3.x releases still import `.cli.info` eagerly; were one to stop, the finder here would simply
never be asked for those modules.
"""
from __future__ import annotations

import sys
import types
from importlib.machinery import ModuleSpec, PathFinder

_PACKAGE, _INFO = "spacy.cli", "spacy.cli.info"


class _Deferred(types.ModuleType):
    """A module whose code has not run yet: reading a name it lacks runs it. The import system's own
    probes (`__path__`, `__file__`, ...) are answered as for any module; `__all__` (a star import) runs it."""

    def __getattr__(self, name: str):
        if name.startswith("__") and name != "__all__":
            raise AttributeError(name)
        run_deferred(self)
        return getattr(self, name)


def run_deferred(module: types.ModuleType | None) -> None:
    """Run a deferred module's code, once (a module that already ran is left alone)."""
    if type(module) is not _Deferred:
        return
    module.__class__ = types.ModuleType
    if module.__name__ == _PACKAGE:
        # the package imports the `info` command: it must really run, or `spacy info` goes missing
        run_deferred(sys.modules.get(_INFO))
    real = module.__spec__.loader.real
    module.__loader__ = module.__spec__.loader = real
    real.exec_module(module)


# The finder and loader are duck-typed (find_spec; create_module and exec_module), as the import
# system allows: importing importlib.abc would cost `import coder` 13 ms.
class _DeferringLoader:
    def __init__(self, real):
        self.real = real

    def create_module(self, spec: ModuleSpec) -> types.ModuleType:
        return _Deferred(spec.name)

    def exec_module(self, module: types.ModuleType) -> None:
        if module.__name__ == _INFO:
            # spacy/__init__.py runs `from .cli.info import info`: it gets a stand-in that runs the
            # module on first call (the module's own `info` then replaces it there)
            def info(*args, **kwargs):
                run_deferred(module)
                return module.info(*args, **kwargs)

            info.__doc__ = "spaCy's `info` (spacy.cli.info), loaded on first call."
            module.info = info


class _Finder:
    def find_spec(self, name: str, path, target=None) -> ModuleSpec | None:
        if name not in (_PACKAGE, _INFO):
            return None
        spec = PathFinder.find_spec(name, path)
        if spec is None or not hasattr(spec.loader, "exec_module"):
            return None  # not laid out as expected: imported eagerly, as usual
        if name == _INFO:  # both are made now; later imports find them in sys.modules
            sys.meta_path[:] = [finder for finder in sys.meta_path if finder is not self]
        spec.loader = _DeferringLoader(spec.loader)
        return spec


def defer_spacy_cli() -> None:
    """Defer spaCy's command-line package in this process, if spaCy is not imported yet."""
    if "spacy" not in sys.modules and not any(isinstance(finder, _Finder) for finder in sys.meta_path):
        sys.meta_path.insert(0, _Finder())
