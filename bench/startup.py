"""Ontology load time and peak memory: the default ontology and the imported PETRARCH production
dictionaries, cold (no compiled cache) and warm (cache present), each in a fresh process.

    .venv/bin/python bench/startup.py

The baseline in the same run is a bare spaCy English tokenizer: what any coder pays anyway.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PETRARCH = ROOT.parent / "shared" / "petrarch" / "production"

PROBE = """
import json, resource, sys, time
started = time.perf_counter()
{body}
print(json.dumps({{"seconds": time.perf_counter() - started,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""
BARE = "import spacy\nnlp = spacy.blank('en')"
CODER = "from coder import Coder\ncoder = Coder(ontology={dirs!r}, geocode=False)"


def run(body: str, cache: str) -> dict:
    env = {**os.environ, "EVENTCODER_CACHE": cache}
    out = subprocess.run([sys.executable, "-c", PROBE.format(body=body)], capture_output=True, text=True,
                         env=env, cwd=ROOT, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    rows = [("bare spaCy tokenizer (baseline)", run(BARE, tempfile.mkdtemp()), "")]
    setups = [("default ontology", None)]
    with tempfile.TemporaryDirectory() as work:
        if PETRARCH.is_dir():
            from coder.ontology.petrarch import import_petrarch

            imported = Path(work) / "petrarch"
            report = import_petrarch([PETRARCH], imported)
            setups.append(("imported PETRARCH production", [str(imported)]))
            print(report.summary().splitlines()[0])
        for name, dirs in setups:
            cache = tempfile.mkdtemp(dir=work)
            rows.append((f"{name}, cold (builds the cache)", run(CODER.format(dirs=dirs), cache), ""))
            rows.append((f"{name}, warm (from the cache)", run(CODER.format(dirs=dirs), cache), ""))
    base = rows[0][1]["seconds"]
    print(f"{'start-up, fresh process':56} {'seconds':>8} {'vs bare':>8} {'peak MB':>8}")
    for name, figures, _ in rows:
        print(f"{name:56} {figures['seconds']:8.2f} {figures['seconds'] / base:7.1f}x {figures['peak_mb']:8.0f}")


if __name__ == "__main__":
    main()
