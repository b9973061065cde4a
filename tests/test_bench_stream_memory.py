"""bench/stream_memory.py follows a run by the parts it renames into its run folder (the manifest
is written only at the end), reading each part's manifest lines once."""
import json

import pyarrow as pa
import pyarrow.parquet as pq

from coder.runs.batch import MANIFEST_KEY
from tests.conftest import load_script

stream_memory = load_script("bench/stream_memory.py")


def write_part(path, doc_ids):
    """A part as the batch engine writes it: its manifest lines in the file's metadata."""
    rows = "\n".join(json.dumps({"doc_id": d, "status": "coded"}) for d in doc_ids)
    table = pa.table({"x": [1]}).replace_schema_metadata({MANIFEST_KEY: rows.encode()})
    pq.write_table(table, path)


def test_documents_done_counts_the_parts_renamed_into_the_run_folder(tmp_path):
    run_dir = tmp_path / "events.parquet.run"
    counted = {}
    assert stream_memory.documents_done(run_dir, counted) == 0  # not made yet
    run_dir.mkdir()
    write_part(run_dir / "part-000000.parquet", ["a", "b", "c"])
    (run_dir / ".part-000001.parquet.tmp-1").write_bytes(b"half")  # being written: not a part yet
    assert stream_memory.documents_done(run_dir, counted) == 3
    write_part(run_dir / "part-000001.parquet", ["d", "e"])
    (run_dir / "part-000000.parquet").write_bytes(b"not read again")
    assert stream_memory.documents_done(run_dir, counted) == 5
    assert counted == {"part-000000.parquet": 3, "part-000001.parquet": 2}


def test_deep_bytes_counts_an_object_once_over_the_calls_that_share_seen():
    text = "x" * 10_000
    seen: set[int] = set()
    first = stream_memory.deep_bytes({"a": text, "b": [text, (text,)]}, seen)
    assert first > 10_000 and first < 11_000
    assert stream_memory.deep_bytes([text], seen) < 100  # the string was counted already


def test_memo_rows_show_what_the_coder_remembers():
    from coder import Coder

    coder = Coder()
    coder.code_text("Iraqi troops attacked Islamic State fighters in Mosul on Monday.", date="2016-10-17")
    rows = stream_memory.memo_rows(coder)
    assert {"places: the name in a run of capitalised words", "ACLED: the cue lists a word is in"} <= {
        row[0] for row in rows}
    # (other tests' coders may be alive too, each with memos of the same names)
    assert any(entries >= 2 and limit == 50_000 and mb > 0
               for name, entries, limit, mb in rows if name == "actors: what a chain of actor words codes")


def test_proportional_memory_is_read_and_at_most_the_resident():
    import os

    rss, pss = stream_memory.tree_rss_mb(os.getpid()), stream_memory.tree_pss_mb(os.getpid())
    assert 0 < pss <= rss * 1.05  # (read a moment apart)
    assert stream_memory.tree_rss_mb(2**22 + 12345) == 0  # no such process: nothing, no error
