"""Read articles from a folder of .txt files, JSONL, CSV, Parquet, or JSONL on standard input.

Every record either becomes an Article or an InputError naming the file and line (or record
number) and what to fix. The caller's error policy decides whether an error stops the run or is
recorded as a skipped document; nothing is dropped silently.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from coder.errors import InputError

TABLE_SUFFIXES = {".jsonl", ".ndjson", ".csv", ".parquet"}
METADATA_FILES = ("metadata.jsonl", "metadata.csv")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")  # a JSON escape that may be half of a pair


@dataclass
class Article:
    id: str
    text: str
    date: dt.date | None = None
    source: str | None = None
    url: str | None = None
    title: str | None = None
    metadata: dict = field(default_factory=dict)
    origin: str = ""  # file:line or file: record N, for error messages


@dataclass
class Skipped:
    """A record that could not be read; it is reported in the run summary, never lost."""

    id: str | None
    error: InputError


def unique_ids(items: Iterable[Article | Skipped]) -> Iterator[Article | Skipped]:
    """The records in order, a repeated id turned into a Skipped record (E107) in its place, so
    every record is still accounted for."""
    seen: set[str] = set()
    for item in items:
        if isinstance(item, Article):
            if item.id in seen:
                item = Skipped(item.id, InputError("E107", f"duplicate document id '{item.id}': ids must be unique",
                                                   item.origin))
            else:
                seen.add(item.id)
        yield item


@dataclass
class Columns:
    """Which input columns hold the id, text and date (users' tables name them differently)."""

    id: str = "id"
    text: str = "text"
    date: str = "date"


DATE_RANGE = (dt.date(1800, 1, 1), dt.date(2100, 12, 31))  # documented in the README
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_date(value: object, where: str) -> dt.date | None:
    """An article date: a date or datetime value, or text that is exactly YYYY-MM-DD or an ISO 8601
    date-time starting with it (2016-10-25T08:30:00Z), between 1800 and 2100. Anything else
    (`2016-10-25garbage`, `9999-12-31`) is E108 rather than a silently wrong date."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    else:
        text = str(value).strip()
        shown = text[:40]
        if not _DATE.match(text) or (len(text) > 10 and not _is_iso_datetime(text)):
            raise InputError("E108", f"date '{shown}' is not YYYY-MM-DD", where)
        try:
            day = dt.date.fromisoformat(text[:10])
        except ValueError:
            raise InputError("E108", f"date '{shown}' is not a calendar date (YYYY-MM-DD)", where) from None
    if not DATE_RANGE[0] <= day <= DATE_RANGE[1]:
        raise InputError("E108", f"date {day.isoformat()} is outside 1800-01-01 to 2100-12-31", where)
    return day


def _is_iso_datetime(text: str) -> bool:
    if text[10] not in "T ":
        return False
    try:
        dt.datetime.fromisoformat(text.replace("Z", "+00:00") if text.endswith("Z") else text)
    except ValueError:
        return False
    return True


def check_input(path: str | Path) -> None:
    """The checks that need no reading: run before the ontology loads, so a mistyped path fails at once."""
    if str(path) == "-":
        return
    path = Path(path)
    if not path.exists():
        raise InputError("E101", "no such file or folder", str(path))
    if path.is_dir():
        return
    suffix = path.suffix.lower()
    if suffix not in TABLE_SUFFIXES and suffix != ".txt":
        raise InputError("E106", f"unsupported input '{suffix}': use a folder of .txt, .jsonl, .csv, .parquet or -",
                         str(path))
    if path.stat().st_size == 0:
        raise InputError("E102", "the file is empty", str(path))


def read_articles(path: str | Path, columns: Columns | None = None) -> Iterator[Article | Skipped]:
    """Articles (or Skipped records) from `path`; `-` reads JSONL from standard input."""
    columns = columns or Columns()
    check_input(path)
    if str(path) == "-":
        # Bytes, decoded line by line like a file's, so one bad byte skips one line.
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:  # a text stream substituted by a caller (tests): its lines are already text
            yield from _read_jsonl(((line, None) for line in sys.stdin), "<stdin>", columns)
        else:
            yield from _read_jsonl(_decoded_lines(stream), "<stdin>", columns)
        return
    path = Path(path)
    if path.is_dir():
        yield from _read_folder(path, columns)
    elif path.suffix.lower() == ".txt":
        yield _read_txt(path)
    else:
        yield from _read_table(path, columns)


def _read_table(path: Path, columns: Columns) -> Iterator[Article | Skipped]:
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        yield from _read_parquet(path, columns)
        return
    with open(path, "rb") as handle:
        if suffix == ".csv":
            yield from _read_csv(handle, str(path), columns)
        else:
            yield from _read_jsonl(_decoded_lines(handle), str(path), columns)


def _lines(handle) -> Iterator[bytes]:
    """Lines ended by \\n, \\r\\n or a lone \\r, as text mode with newline="" splits them (the csv
    module's convention; a file from an old Mac ends lines with \\r)."""
    for chunk in handle:
        if b"\r" in chunk[:-1]:
            yield from chunk.splitlines(keepends=True)
        else:
            yield chunk


def _decoded_lines(handle) -> Iterator[tuple[str, str | None]]:
    """(text, problem) for each line of a binary stream. A line that is not UTF-8 comes with the
    problem (the byte offset within the line) and its text decoded with replacement characters, so
    the reader skips that record only. A byte-order mark (as Excel and Notepad write) is dropped: it
    is not part of the first column name or the first JSON line."""
    for number, raw in enumerate(_lines(handle), start=1):
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            yield raw.decode("utf-8"), None
        except UnicodeDecodeError as exc:
            yield raw.decode("utf-8", "replace"), (f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset "
                                                   f"{exc.start} of the line): re-save the file as UTF-8")


def _read_txt(path: Path, meta: dict | None = None) -> Article | Skipped:
    if not _is_utf8(path.stem):
        # A file name that is not UTF-8 (e.g. Latin-1 bytes from an old archive) reaches Python as
        # lone surrogates, which no UTF-8 manifest or Parquet file can hold: the batch crashed with
        # UnicodeEncodeError (found by tests/test_fuzz.py). Skip it, under a printable id.
        return Skipped(_printable(path.stem), InputError(
            "E103", "file name is not valid UTF-8: rename the file", _printable(str(path))))
    data = path.read_bytes()
    if b"\x00" in data[:4096]:
        return Skipped(path.stem, InputError("E103", "binary file, not text", str(path)))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return Skipped(path.stem, InputError("E103", f"not valid UTF-8 (byte {exc.start}): re-save as UTF-8", str(path)))
    record = dict(meta or {})
    record.update(id=path.stem, text=text)
    try:
        return _article(record, str(path), Columns())
    except InputError as err:
        return Skipped(path.stem, err)


def _read_folder(folder: Path, columns: Columns) -> Iterator[Article | Skipped]:
    meta = _folder_metadata(folder)
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.name not in METADATA_FILES)
    usable = [p for p in files if p.suffix.lower() == ".txt" or p.suffix.lower() in TABLE_SUFFIXES]
    if not usable:
        raise InputError("E102", "the folder has no .txt, .jsonl, .csv or .parquet files", str(folder))
    for path in usable:
        if path.suffix.lower() == ".txt":
            yield _read_txt(path, meta.get(path.stem))
        elif path.stat().st_size:
            yield from _read_table(path, columns)


def _folder_metadata(folder: Path) -> dict[str, dict]:
    """`metadata.jsonl` or `metadata.csv` beside .txt files gives their date, source, url, title."""
    out: dict[str, dict] = {}
    for name in METADATA_FILES:
        path = folder / name
        if not path.exists():
            continue
        # A metadata row that is not an object, or a file that is not UTF-8, crashed with TypeError,
        # AttributeError or UnicodeDecodeError instead of a located error (found by tests/test_fuzz.py).
        try:
            with open(path, encoding="utf-8-sig", newline="") as handle:
                rows = csv.DictReader(handle) if name.endswith(".csv") else _json_lines(handle, str(path))
                for number, row in enumerate(rows, start=2 if name.endswith(".csv") else 1):
                    if not isinstance(row, dict):
                        raise InputError("E104", "each metadata line must be a JSON object with an 'id'",
                                         f"{path}:{number}")
                    if "id" not in row:
                        raise InputError("E105", "metadata row has no 'id'", f"{path}:{number}")
                    out[str(row["id"])] = {k: v for k, v in row.items() if k not in ("id", "text", "path")}
        except UnicodeDecodeError as exc:
            raise InputError("E103", f"not valid UTF-8 (byte {exc.start}): re-save the file as UTF-8", str(path)) from None
    return out


def _loads(line: str, where: str) -> object:
    """One JSON value, or E104. Besides JSONDecodeError, json.loads raises a plain ValueError for an
    integer of more than 4300 digits and RecursionError for deeply nested brackets; both escaped the
    reader as crashes (found by tests/test_fuzz.py)."""
    try:
        return json.loads(line)
    except json.JSONDecodeError as exc:
        # Some messages end in "at" already ("Unterminated string starting at"): no "at at column".
        at = "" if exc.msg.endswith(" at") else " at"
        raise InputError("E104", f"not valid JSON ({exc.msg}{at} column {exc.colno}): "
                         "each line must be one JSON object", where) from None
    except ValueError as exc:
        raise InputError("E104", f"not valid JSON ({str(exc)[:120]}): each line must be one JSON object",
                         where) from None
    except RecursionError:
        raise InputError("E104", "not valid JSON (nested too deeply): each line must be one JSON object",
                         where) from None


def _is_utf8(text: str) -> bool:
    """False if `text` holds lone surrogates (from a JSON \\udXXX escape or undecodable bytes)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _printable(text: str) -> str:
    """`text` with lone surrogates written as \\udXXX, so it can go into the manifest."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _json_lines(handle, where: str) -> Iterator[dict]:
    for number, line in enumerate(handle, start=1):
        if line.strip():
            yield _loads(line, f"{where}:{number}")


def _read_jsonl(lines: Iterable[tuple[str, str | None]], where: str, columns: Columns) -> Iterator[Article | Skipped]:
    any_line = checked = False
    for number, (line, problem) in enumerate(lines, start=1):
        if not line.strip():
            continue
        any_line = True
        location = f"{where}:{number}"
        if problem:
            yield Skipped(None, InputError("E103", problem, location))
            continue
        try:
            row = _loads(line, location)
        except InputError as err:
            yield Skipped(None, err)
            continue
        if not _is_utf8(line) or (_SURROGATE_ESCAPE.search(line) and not _is_utf8(json.dumps(row, ensure_ascii=False))):
            # A lone surrogate (an escape such as \ud800) passed as text and then crashed the batch
            # writing the manifest or Parquet with UnicodeEncodeError (found by tests/test_fuzz.py).
            ident = row.get(columns.id) if isinstance(row, dict) else None
            yield Skipped(None if ident is None else _printable(str(ident)), InputError(
                "E103", "not valid Unicode (a lone surrogate such as \\ud800): fix the text", location))
            continue
        if not isinstance(row, dict):
            yield Skipped(None, InputError("E104", "each line must be a JSON object with id and text", location))
            continue
        if not checked:
            _check_columns(row.keys(), columns, where)
            checked = True
        yield _article_or_skip(row, location, columns)
    if not any_line:
        raise InputError("E102", "no records: the input is empty", where)


def _read_csv(handle, where: str, columns: Columns) -> Iterator[Article | Skipped]:
    """CSV rows from a binary file. A row may span lines (quoted newlines); a row that holds a line
    that is not UTF-8 is skipped, named by that line."""
    csv.field_size_limit(sys.maxsize)
    problems: dict[int, str] = {}

    def lines() -> Iterator[str]:
        for number, (line, problem) in enumerate(_decoded_lines(handle), start=1):
            if problem:
                problems[number] = problem
            yield line

    reader = csv.DictReader(lines())
    if reader.fieldnames is None:
        raise InputError("E102", "no header row: the CSV is empty", where)
    if problems:
        raise InputError("E103", problems[min(problems)], f"{where}:{min(problems)}")
    _check_columns(reader.fieldnames, columns, where)
    last = reader.line_num
    for row in reader:
        first, last = last + 1, reader.line_num
        bad = [n for n in range(first, last + 1) if n in problems]
        if bad:
            yield Skipped(None, InputError("E103", problems[bad[0]], f"{where}:{bad[0]}"))
            continue
        if None in row:
            yield Skipped(row.get(columns.id), InputError("E104", "more fields than the header has", f"{where}:{first}"))
            continue
        yield _article_or_skip(row, f"{where}:{first}", columns)


def _read_parquet(path: Path, columns: Columns) -> Iterator[Article | Skipped]:
    import pyarrow.parquet as pq

    try:
        reader = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises several types for a file that is not Parquet
        raise InputError("E104", f"not a readable Parquet file ({exc})", str(path)) from None
    _check_columns(reader.schema_arrow.names, columns, str(path))
    number = 0
    batches = reader.iter_batches(batch_size=1024)
    while True:
        # Corrupt data pages surface only while reading (OSError / ArrowException): a located error
        # instead of a crash (found by tests/test_fuzz.py).
        try:
            batch = next(batches)
        except StopIteration:
            break
        except Exception as exc:
            raise InputError("E104", f"not a readable Parquet file after record {number} ({str(exc)[:200]})",
                             str(path)) from None
        for index, row in enumerate(_batch_rows(batch)):
            number += 1
            where = f"{path}: record {number}"
            if isinstance(row, Exception):  # a value Python cannot hold; this record only is skipped
                ident = _cell(batch, columns.id, index)
                yield Skipped(None if ident is None else str(ident), InputError(
                    "E104", f"a value cannot be read ({type(row).__name__}: {str(row)[:120]})", where))
                continue
            yield _article_or_skip(row, where, columns)


def _batch_rows(batch) -> list:
    """Rows of an Arrow batch as dicts. A date or duration outside Python's range (e.g. date32
    2**31 - 1 days) made to_pylist() raise OverflowError for the whole batch, a crash (found by
    tests/test_fuzz.py); then rows are converted one by one and a failing row becomes its exception."""
    try:
        return batch.to_pylist()
    except Exception:
        rows: list = []
        for index in range(batch.num_rows):
            try:
                rows.append(batch.slice(index, 1).to_pylist()[0])
            except Exception as exc:
                rows.append(exc)
        return rows


def _cell(batch, name: str, index: int) -> object:
    try:
        return batch.column(name)[index].as_py()
    except Exception:
        return None


def _check_columns(names, columns: Columns, where: str) -> None:
    names = list(names)
    for role, name in (("id", columns.id), ("text", columns.text)):
        if name not in names:
            raise InputError("E105", f"no '{name}' column for the article {role}; columns are: "
                             f"{', '.join(map(str, names[:12]))} (choose one with --{role}-column)", where)


def to_article(row: dict, where: str, columns: Columns | None = None) -> Article | Skipped:
    """One input record (a dict with id, text and optional date, source, url, title) as an Article,
    or Skipped with the reason it cannot be coded."""
    return _article_or_skip(row, where, columns or Columns())


def _article_or_skip(row: dict, where: str, columns: Columns) -> Article | Skipped:
    try:
        return _article(row, where, columns)
    except InputError as err:
        ident = row.get(columns.id)
        return Skipped(None if ident is None else str(ident), err)


def _article(row: dict, where: str, columns: Columns) -> Article:
    ident, text = row.get(columns.id), row.get(columns.text)
    if ident is None or str(ident).strip() == "":
        raise InputError("E104", f"record has no '{columns.id}'", where)
    if text is None:
        raise InputError("E104", f"record '{ident}' has no '{columns.text}'", where)
    if not isinstance(text, str):
        raise InputError("E104", f"record '{ident}': '{columns.text}' must be a string", where)
    taken = {columns.id, columns.text, columns.date, "source", "url", "title"}
    extra = {k: v for k, v in row.items() if k not in taken}
    return Article(
        id=str(ident), text=text, date=parse_date(row.get(columns.date), where),
        source=_opt(row.get("source")), url=_opt(row.get("url")), title=_opt(row.get("title")),
        metadata=extra, origin=where)


def _opt(value: object) -> str | None:
    return None if value is None or value == "" else str(value)
