"""Look for a string in every table and every column of every SQLite file under a folder."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path


def sqlite_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.read_bytes()[:16] == b"SQLite format 3\x00")


def where_found(folder: Path, text: str) -> list[str]:
    """'file:table.column' for every column holding ``text`` (as text, case-insensitive)."""
    hits = []
    for path in sqlite_files(folder):
        with closing(sqlite3.connect(path, timeout=10)) as db:
            tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
            for table in tables:
                for column in [r[1] for r in db.execute(f'PRAGMA table_info("{table}")')]:
                    (count,) = db.execute(f'SELECT COUNT(*) FROM "{table}" WHERE CAST("{column}" AS TEXT) LIKE ?',
                                          (f"%{text}%",)).fetchone()
                    if count:
                        hits.append(f"{path.name}:{table}.{column}")
    return hits
