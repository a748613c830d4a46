"""Restoring an archive into an empty database and an empty MEDIA_ROOT (restore_portal)."""

import datetime
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.db import connection

from ops.backup import BackupError
from ops.backup.archive import MEDIA_PREFIX, ArchiveReader, media_root
from ops.backup.database import RESTORERS, require_supported_vendor
from ops.backup.state import (
    DatabaseState,
    database_label,
    database_tables,
    known_migrations,
    pending_migrations,
    read_state,
)


@dataclass
class RestoreResult:
    manifest: dict
    state: DatabaseState
    files: int
    bytes: int
    pending_migrations: list[str]
    seconds: float


def refuse_unless_empty(root: Path) -> None:
    tables = database_tables()
    if tables:
        raise BackupError(
            f"The {database_label()} is not empty: it has {len(tables)} tables "
            f"({', '.join(tables[:3])}...). restore_portal only restores into an empty database, "
            "so that it can never overwrite data. Create a new, empty database (PostgreSQL: "
            "createdb) and point DATABASE_URL at it, or drop and recreate this one if you are "
            "sure it holds nothing you need."
        )
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise BackupError(
            f"MEDIA_ROOT ({root}) is not empty. restore_portal only restores uploaded files into "
            "an empty folder, so that it can never mix two portals' files. Point MEDIA_ROOT at "
            "a new folder, or empty this one if you are sure it holds nothing you need."
        )


def refuse_incompatible(manifest: dict) -> None:
    vendor = manifest["database"]["vendor"]
    if vendor != connection.vendor:
        raise BackupError(
            f"The archive holds a {vendor} database, but DATABASE_URL points to a "
            f"{connection.vendor} database. Restore into the same kind of database."
        )
    unknown = sorted(set(manifest["migrations"]) - known_migrations())
    if unknown:
        raise BackupError(
            "The archive was made by a newer version of the portal: its database has migrations "
            f"this version does not know ({', '.join(unknown[:5])}). Restore it with the version "
            "that made it."
        )


def restore_archive(path: Path) -> RestoreResult:
    """Restore an archive into the configured (empty) database and (empty) MEDIA_ROOT."""
    started = datetime.datetime.now(datetime.UTC)
    require_supported_vendor()
    root = media_root()
    with ArchiveReader(path) as reader:
        manifest = reader.manifest
        refuse_incompatible(manifest)
        refuse_unless_empty(root)
        root.mkdir(parents=True, exist_ok=True)
        # Inside MEDIA_ROOT: the same file system, so the files are moved into place by rename.
        staging = Path(tempfile.mkdtemp(prefix=".restoring-", dir=root))
        try:
            reader.check_members(staging)
            refuse_unless_empty_database()
            RESTORERS[manifest["database"]["vendor"]](staging / manifest["database"]["member"])
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    files, size = place_media(staging, root, manifest)
    shutil.rmtree(staging)
    state = check_restored(manifest, root)
    seconds = (datetime.datetime.now(datetime.UTC) - started).total_seconds()
    return RestoreResult(manifest, state, files, size, pending_migrations(), seconds)


def refuse_unless_empty_database() -> None:
    # Again, right before writing: someone may have run migrate meanwhile.
    tables = database_tables()
    if tables:
        raise BackupError(
            f"The {database_label()} received tables while the archive was being checked "
            f"({', '.join(tables[:3])}...); nothing was restored."
        )


def place_media(staging: Path, root: Path, manifest: dict) -> tuple[int, int]:
    count = size = 0
    for name, entry in manifest["files"].items():
        if not name.startswith(MEDIA_PREFIX):
            continue
        target = root / name.removeprefix(MEDIA_PREFIX)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.rename(staging / name, target)
        except OSError as error:
            raise BackupError(
                f"The database was restored, but moving the uploaded files into MEDIA_ROOT "
                f"failed at {target}: {error}. The remaining files are in {staging}."
            ) from error
        count += 1
        size += entry["size"]
    return count, size


def check_restored(manifest: dict, root: Path) -> DatabaseState:
    """Count again in the restored database, and look for every file it refers to."""
    with connection.cursor() as cursor:
        state = read_state(cursor)
    problems = [
        f"{label}: {manifest['records'].get(label)} in the archive, {state.records.get(label)} "
        "restored"
        for label in sorted(set(manifest["records"]) | set(state.records))
        if manifest["records"].get(label) != state.records.get(label)
    ]
    if state.migrations != sorted(manifest["migrations"]):
        problems.append("the applied migrations differ from the archive's")
    absent = [
        name
        for name in state.file_references
        if name not in manifest["missing_files"] and not (root / name).is_file()
    ]
    if absent:
        problems.append(f"{len(absent)} referenced file(s) are missing, e.g. {absent[0]}")
    if problems:
        raise BackupError("The restored portal does not match the archive: " + "; ".join(problems))
    return state
