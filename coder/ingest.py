"""Read articles from a folder of .txt files, JSONL, CSV, Parquet, or JSONL on standard input.

Every record either becomes an Article or an InputError naming the file and line (or record
number) and what to fix. The caller's error policy decides whether an error stops the run or is
recorded as a skipped document; nothing is dropped silently.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from .errors import InputError

TABLE_SUFFIXES = {".jsonl", ".ndjson", ".csv", ".parquet"}
KNOWN_FIELDS = ("id", "text", "date", "source", "url", "title")
METADATA_FILES = ("metadata.jsonl", "metadata.csv")


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


@dataclass
class Columns:
    """Which input columns hold the id, text and date (users' tables name them differently)."""

    id: str = "id"
    text: str = "text"
    date: str = "date"


def parse_date(value: object, where: str) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        raise InputError("E108", f"date '{text[:40]}' is not YYYY-MM-DD", where) from None


def read_articles(path: str | Path, columns: Columns | None = None) -> Iterator[Article | Skipped]:
    """Articles (or Skipped records) from `path`; `-` reads JSONL from standard input."""
    columns = columns or Columns()
    if str(path) == "-":
        yield from _read_jsonl(sys.stdin, "<stdin>", columns)
        return
    path = Path(path)
    if not path.exists():
        raise InputError("E101", "no such file or folder", str(path))
    if path.is_dir():
        yield from _read_folder(path, columns)
        return
    suffix = path.suffix.lower()
    if suffix not in TABLE_SUFFIXES and suffix != ".txt":
        raise InputError("E106", f"unsupported input '{suffix}': use a folder of .txt, .jsonl, .csv, .parquet or -",
                         str(path))
    if path.stat().st_size == 0:
        raise InputError("E102", "the file is empty", str(path))
    if suffix == ".txt":
        yield _read_txt(path)
    else:
        yield from _read_table(path, columns)


def _read_table(path: Path, columns: Columns) -> Iterator[Article | Skipped]:
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        yield from _read_parquet(path, columns)
        return
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            if suffix == ".csv":
                yield from _read_csv(handle, str(path), columns)
            else:
                yield from _read_jsonl(handle, str(path), columns)
    except UnicodeDecodeError as exc:
        raise InputError("E103", f"not valid UTF-8 (byte {exc.start}): re-save the file as UTF-8", str(path)) from None


def _read_txt(path: Path, meta: dict | None = None) -> Article | Skipped:
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
        with open(path, encoding="utf-8", newline="") as handle:
            rows = csv.DictReader(handle) if name.endswith(".csv") else _json_lines(handle, str(path))
            for number, row in enumerate(rows, start=2 if name.endswith(".csv") else 1):
                if "id" not in row:
                    raise InputError("E105", "metadata row has no 'id'", f"{path}:{number}")
                out[str(row["id"])] = {k: v for k, v in row.items() if k not in ("id", "text", "path")}
    return out


def _json_lines(handle, where: str) -> Iterator[dict]:
    for number, line in enumerate(handle, start=1):
        if line.strip():
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError("E104", f"not valid JSON ({exc.msg} at column {exc.colno})", f"{where}:{number}") from None
            yield row


def _read_jsonl(handle, where: str, columns: Columns) -> Iterator[Article | Skipped]:
    any_line = checked = False
    for number, line in enumerate(handle, start=1):
        if not line.strip():
            continue
        any_line = True
        location = f"{where}:{number}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Skipped(None, InputError("E104", f"not valid JSON ({exc.msg} at column {exc.colno}): "
                                           "each line must be one JSON object", location))
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
    csv.field_size_limit(sys.maxsize)
    reader = csv.DictReader(handle)
    if reader.fieldnames is None:
        raise InputError("E102", "no header row: the CSV is empty", where)
    _check_columns(reader.fieldnames, columns, where)
    for number, row in enumerate(reader, start=2):
        if None in row:
            yield Skipped(row.get(columns.id), InputError("E104", "more fields than the header has", f"{where}:{number}"))
            continue
        yield _article_or_skip(row, f"{where}:{number}", columns)


def _read_parquet(path: Path, columns: Columns) -> Iterator[Article | Skipped]:
    import pyarrow.parquet as pq

    try:
        reader = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises several types for a file that is not Parquet
        raise InputError("E104", f"not a readable Parquet file ({exc})", str(path)) from None
    _check_columns(reader.schema_arrow.names, columns, str(path))
    number = 0
    for batch in reader.iter_batches(batch_size=1024):
        for row in batch.to_pylist():
            number += 1
            yield _article_or_skip(row, f"{path}: record {number}", columns)


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
