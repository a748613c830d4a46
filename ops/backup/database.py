"""Dumping the configured database to a file and restoring it from one: pg_dump and pg_restore
on PostgreSQL, SQLite's online backup API on SQLite."""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connection
from django.db.backends.postgresql.client import DatabaseClient

from ops.backup import BackupError
from ops.backup.state import DatabaseState, read_state


def libpq_environment() -> dict[str, str]:
    """The environment that points pg_dump/pg_restore at the configured database: the
    password travels in PGPASSWORD, never on a command line."""
    database = connection.settings_dict
    _, extra = DatabaseClient.settings_to_cmd_args_env(database, [])
    environment = {**os.environ, **(extra or {})}
    for key, variable in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if database.get(key):
            environment[variable] = str(database[key])
    environment["PGDATABASE"] = str(database["NAME"])
    return environment


def run_client(program: str, arguments: list[str]) -> str:
    executable = shutil.which(program)
    if executable is None:
        raise BackupError(
            f"{program} was not found. Install the PostgreSQL client programs of the server's "
            "major version or newer (Debian: apt-get install postgresql-client)."
        )
    completed = subprocess.run(  # noqa: S603 (fixed program, arguments are not from users)
        [executable, *arguments], env=libpq_environment(), capture_output=True, text=True
    )
    if completed.returncode != 0:
        raise BackupError(f"{program} failed:\n{completed.stderr.strip()}")
    return completed.stdout


def dump_postgresql(path: Path) -> DatabaseState:
    """pg_dump and the manifest's counts read the same snapshot, so they agree even while
    the portal is in use."""
    with connection.cursor() as cursor:
        cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        try:
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            run_client(
                "pg_dump",
                [
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    f"--snapshot={snapshot}",
                    f"--file={path}",
                ],
            )
            return read_state(cursor)
        finally:
            cursor.execute("ROLLBACK")


def dump_sqlite(path: Path) -> DatabaseState:
    """SQLite's online backup API copies a consistent database even while it is written."""
    connection.ensure_connection()
    copy = sqlite3.connect(path)
    try:
        connection.connection.backup(copy)
        return read_state(copy.cursor())
    finally:
        copy.close()


def restore_postgresql(path: Path) -> None:
    # One transaction: a failed restore leaves the database as empty as it was.
    run_client(
        "pg_restore",
        [
            f"--dbname={connection.settings_dict['NAME']}",
            "--single-transaction",
            "--exit-on-error",
            "--no-owner",
            "--no-privileges",
            str(path),
        ],
    )


def restore_sqlite(path: Path) -> None:
    connection.close()
    source = sqlite3.connect(path)
    target = sqlite3.connect(connection.settings_dict["NAME"])
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()


DUMPERS = {"postgresql": dump_postgresql, "sqlite": dump_sqlite}
RESTORERS = {"postgresql": restore_postgresql, "sqlite": restore_sqlite}


def require_supported_vendor() -> str:
    if connection.vendor not in DUMPERS:
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {connection.vendor}.")
    if connection.in_atomic_block:
        raise BackupError("Backups and restores cannot run inside a database transaction.")
    return connection.vendor


def server_version() -> str:
    if connection.vendor != "postgresql":
        return sqlite3.sqlite_version
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return cursor.fetchone()[0]
