"""Backup and restore of the whole portal: the database and every uploaded file in one archive
(the backup_portal and restore_portal commands).

An archive is a gzip-compressed tar file whose members are, in this order:

    manifest.json      read first by a restore, before anything is changed
    database.pgdump    PostgreSQL: pg_dump's custom format, restored by pg_restore
    database.sqlite3   SQLite: a copy made with SQLite's online backup API
    media/...          every file under MEDIA_ROOT, under its stored (random) name

The manifest records the format version, when and from what the archive was made, the applied
migrations, the number of records of every model, and the size and SHA-256 of every other
member. A restore goes only into an empty database and an empty MEDIA_ROOT, checks every member
against the manifest before it changes anything, and counts the records again afterwards.
"""

import contextlib
import datetime
import gzip
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import django
from django.apps import apps
from django.conf import settings
from django.db import connection, models
from django.db.backends.postgresql.client import DatabaseClient
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader

FORMAT = "imag-portal-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MEDIA_PREFIX = "media/"
DATABASE_MEMBERS = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}
# A manifest lists every uploaded file; a million of them is still far below this.
MANIFEST_MAX_BYTES = 256 * 1024 * 1024
CHUNK = 1024 * 1024


class BackupError(Exception):
    """Why a backup or a restore was refused or failed, in words for the operator."""


@dataclass
class DatabaseState:
    """What a database holds, as recorded in a manifest and checked after a restore."""

    migrations: list[str]
    records: dict[str, int]
    file_references: list[str]


@dataclass
class BackupResult:
    path: Path
    manifest: dict
    seconds: float


@dataclass
class RestoreResult:
    manifest: dict
    state: DatabaseState
    files: int
    bytes: int
    pending_migrations: list[str]
    seconds: float


# --- What a database holds ---------------------------------------------------------------


# Models that moved to another app, with the label and table they had before: an archive made
# before the move names them so, and its restored database holds them so until it is migrated.
FORMER_PLACES = {
    "reporting.QuarterlyReport": ("strategy.QuarterlyReport", "strategy_quarterlyreport"),
}


def counted_models() -> list[type[models.Model]]:
    """Every model with a table of its own, many-to-many tables included."""
    return sorted(
        (
            model
            for model in apps.get_models(include_auto_created=True)
            if model._meta.managed and not model._meta.proxy and not model._meta.swapped
        ),
        key=lambda model: model._meta.label,
    )


def read_state(cursor) -> DatabaseState:
    """Migrations, record counts and stored file names, read through ``cursor``: a Django
    cursor, or a sqlite3 cursor on a copy (the SQL is the same)."""
    quote = connection.ops.quote_name
    existing = set(connection.introspection.table_names(cursor))
    if "django_migrations" not in existing:
        raise BackupError("The database holds no portal tables: it was never migrated.")
    cursor.execute("SELECT app, name FROM django_migrations")
    migrations = sorted(f"{app}.{name}" for app, name in cursor.fetchall())
    records = {}
    file_references = []
    for model in counted_models():
        label, table = model._meta.label, model._meta.db_table
        if table not in existing and label in FORMER_PLACES:
            # An archive made before the model moved, restored but not yet migrated.
            label, table = FORMER_PLACES[label]
        if table not in existing:
            continue
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608 (model table names)
        records[label] = cursor.fetchone()[0]
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField):
                cursor.execute(
                    f"SELECT {quote(field.column)} FROM {quote(table)} "  # noqa: S608
                    f"WHERE {quote(field.column)} <> ''"
                )
                file_references.extend(row[0] for row in cursor.fetchall())
    return DatabaseState(migrations, records, sorted(set(file_references)))


def known_migrations() -> set[str]:
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return {f"{app}.{name}" for app, name in loader.disk_migrations}


def pending_migrations() -> list[str]:
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _ in plan]


def database_tables() -> list[str]:
    return connection.introspection.table_names(include_views=True)


def database_label() -> str:
    return f"{connection.vendor} database {connection.settings_dict['NAME']}"


# --- PostgreSQL and SQLite ----------------------------------------------------------------


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


# --- Files --------------------------------------------------------------------------------


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


class HashingReader:
    """Hashes what tarfile reads, so a file that changes while it is archived is noticed."""

    def __init__(self, file):
        self.file = file
        self.digest = hashlib.sha256()

    def read(self, size=-1):
        data = self.file.read(size)
        self.digest.update(data)
        return data


def media_root() -> Path:
    return Path(settings.MEDIA_ROOT).resolve()


def media_files(root: Path) -> tuple[dict[str, Path], list[str]]:
    """Every regular file under MEDIA_ROOT by its stored name (relative, with slashes), and
    what was left out: links and special files, which uploads never are."""
    found = {}
    skipped = []
    for directory, subdirectories, names in os.walk(root):
        subdirectories.sort()
        for name in list(subdirectories):
            if Path(directory, name).is_symlink():
                subdirectories.remove(name)
                skipped.append(str(Path(directory, name)))
        for name in sorted(names):
            path = Path(directory, name)
            if path.is_symlink() or not path.is_file():
                skipped.append(str(path))
                continue
            found[path.relative_to(root).as_posix()] = path
    return found, skipped


def is_within(path: Path, directory: Path) -> bool:
    return path == directory or directory in path.parents


def human_size(size: float) -> str:
    for unit in ("bytes", "KB", "MB"):
        if size < 1024:
            return f"{size:.0f} bytes" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.1f} GB"


# --- Backup -------------------------------------------------------------------------------


def archive_path(destination: Path, now: datetime.datetime) -> Path:
    if destination.is_dir():
        return destination / f"imag-backup-{now:%Y%m%dT%H%M%SZ}.tar.gz"
    if not destination.parent.is_dir():
        raise BackupError(f"The folder {destination.parent} does not exist.")
    return destination


def tar_info(name: str, size: int, mtime: float) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.size = size
    info.mtime = int(mtime)
    info.mode = 0o600
    return info


def add_checked(archive: tarfile.TarFile, name: str, path: Path, expected: dict) -> None:
    with path.open("rb") as file:
        reader = HashingReader(file)
        archive.addfile(tar_info(name, expected["size"], path.stat().st_mtime), reader)
    if reader.digest.hexdigest() != expected["sha256"]:
        raise BackupError(f"{path} changed while it was being archived; run the backup again.")


def publish(temporary: Path, path: Path) -> None:
    """Give the finished archive its name, unless that name was taken meanwhile."""
    try:
        os.link(temporary, path)
    except FileExistsError as error:
        raise BackupError(f"{path} already exists; backups are never overwritten.") from error
    except OSError:
        # Some network and removable file systems have no hard links.
        if path.exists():
            raise BackupError(f"{path} already exists; backups are never overwritten.") from None
        os.rename(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    directory = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


def create_archive(destination: Path) -> BackupResult:
    """Write the database and every uploaded file to one new archive at ``destination`` (a
    folder, or the archive's file name)."""
    started = datetime.datetime.now(datetime.UTC)
    vendor = require_supported_vendor()
    path = archive_path(Path(destination).absolute(), started)
    root = media_root()
    if is_within(path.resolve(), root):
        raise BackupError(
            f"{path} is inside MEDIA_ROOT ({root}): the next backup would contain this one. "
            "Write backups elsewhere."
        )
    if path.exists():
        raise BackupError(f"{path} already exists; backups are never overwritten.")
    database_member = DATABASE_MEMBERS[vendor]
    with tempfile.TemporaryDirectory(prefix="imag-backup-") as work:
        dump = Path(work, database_member)
        state = DUMPERS[vendor](dump)
        uploads, skipped = media_files(root) if root.is_dir() else ({}, [])
        sources = {database_member: dump} | {
            MEDIA_PREFIX + name: file for name, file in uploads.items()
        }
        files = {
            name: {"size": source.stat().st_size, "sha256": sha256_of(source)}
            for name, source in sources.items()
        }
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "created_at": started.isoformat(timespec="seconds"),
            "portal_version": portal_version(),
            "django_version": django.get_version(),
            "database": {
                "vendor": vendor,
                "server_version": server_version(),
                "member": database_member,
            },
            "migrations": state.migrations,
            "records": state.records,
            # Stored names the database refers to whose file was already gone.
            "missing_files": sorted(set(state.file_references) - set(uploads)),
            "skipped": skipped,
            "files": files,
        }
        manifest_bytes = json.dumps(manifest, indent=1, ensure_ascii=False).encode()
        descriptor, temporary = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=".partial", dir=path.parent
        )
        try:
            with os.fdopen(descriptor, "wb") as raw:
                with tarfile.open(fileobj=raw, mode="w:gz", compresslevel=6) as archive:
                    info = tar_info(MANIFEST, len(manifest_bytes), started.timestamp())
                    archive.addfile(info, io.BytesIO(manifest_bytes))
                    for name, source in sources.items():
                        add_checked(archive, name, source, files[name])
                raw.flush()
                os.fsync(raw.fileno())
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        publish(Path(temporary), path)
    seconds = (datetime.datetime.now(datetime.UTC) - started).total_seconds()
    return BackupResult(path=path, manifest=manifest, seconds=seconds)


def portal_version() -> str | None:
    try:
        return metadata.version("imag-portal")
    except metadata.PackageNotFoundError:
        return None


def server_version() -> str:
    if connection.vendor != "postgresql":
        return sqlite3.sqlite_version
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return cursor.fetchone()[0]


# --- Restore ------------------------------------------------------------------------------


def check_member_name(name: str) -> None:
    """Only names a backup writes: the database, or a relative path under media/ without
    '..', so that nothing can be written outside the restore's own folders."""
    if name in DATABASE_MEMBERS.values():
        return
    parts = name.split("/")
    if (
        name.startswith(MEDIA_PREFIX)
        and len(parts) > 1
        and all(part not in ("", ".", "..") for part in parts)
        and "\\" not in name
        and "\x00" not in name
    ):
        return
    raise BackupError(f"The archive's manifest lists an unsafe or unknown name: {name!r}.")


def parse_manifest(data: bytes) -> dict:
    try:
        manifest = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BackupError(f"The archive's manifest is damaged: {error}.") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError("This is not an archive made by backup_portal.")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            f"This archive has format version {manifest.get('format_version')!r}; this version "
            f"of the portal reads version {FORMAT_VERSION}. Restore it with the version that "
            "made it."
        )
    try:
        vendor = manifest["database"]["vendor"]
        files = manifest["files"]
        ok = (
            DATABASE_MEMBERS.get(vendor) == manifest["database"]["member"]
            and manifest["database"]["member"] in files
            and isinstance(manifest["records"], dict)
            and isinstance(manifest["migrations"], list)
            and isinstance(manifest["missing_files"], list)
            and all(
                isinstance(entry["size"], int) and isinstance(entry["sha256"], str)
                for entry in files.values()
            )
        )
    except (KeyError, TypeError, AttributeError) as error:
        raise BackupError(f"The archive's manifest is incomplete ({error!r}).") from error
    if not ok:
        raise BackupError("The archive's manifest is inconsistent.")
    for name in files:
        check_member_name(name)
    return manifest


DAMAGED = (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile)


@contextlib.contextmanager
def reading(path: Path):
    """Errors of a damaged or truncated archive, in words."""
    try:
        yield
    except DAMAGED as error:
        raise BackupError(
            f"{path} is damaged or truncated ({error}). Use another backup."
        ) from error


class ArchiveReader:
    """Reads an archive once, from start to end, checking each member as it goes."""

    def __init__(self, path: Path):
        self.path = Path(path)
        if not self.path.is_file():
            raise BackupError(f"{self.path} is not a file.")

    def __enter__(self):
        with reading(self.path):
            self.archive = tarfile.open(self.path, mode="r|gz")  # noqa: SIM115 (see __exit__)
        try:
            with reading(self.path):
                first = self.archive.next()
                if first is None or first.name != MANIFEST or not first.isfile():
                    raise BackupError(f"{self.path} does not begin with a backup manifest.")
                if first.size > MANIFEST_MAX_BYTES:
                    raise BackupError("The archive's manifest is implausibly large.")
                self.manifest = parse_manifest(self.archive.extractfile(first).read())
        except BaseException:
            self.archive.close()
            raise
        return self

    def __exit__(self, *exc):
        self.archive.close()

    def check_members(self, staging: Path | None) -> None:
        """Check every member against the manifest, copying it under ``staging`` if given;
        a BackupError on the first problem."""
        expected = self.manifest["files"]
        seen = set()
        with reading(self.path):
            # next(), not iteration: iterating a stream starts again from the manifest.
            while (member := self.archive.next()) is not None:
                name = member.name
                if name not in expected or name in seen:
                    raise BackupError(
                        f"The archive holds {name!r}, which its manifest does not list: it was "
                        "altered, or not made by backup_portal."
                    )
                if not member.isfile():
                    raise BackupError(f"The archive's member {name!r} is not a plain file.")
                seen.add(name)
                target = staging / name if staging is not None else None
                digest, size = copy_and_hash(self.archive.extractfile(member), target)
                if size != expected[name]["size"] or digest != expected[name]["sha256"]:
                    raise BackupError(
                        f"{name} in the archive does not match its checksum in the manifest: "
                        "the archive is damaged. Use another backup."
                    )
                if target is not None:
                    os.utime(target, (member.mtime, member.mtime))
        missing = sorted(set(expected) - seen)
        if missing:
            raise BackupError(
                f"The archive is incomplete: {len(missing)} file(s) listed in its manifest are "
                f"missing, e.g. {', '.join(missing[:5])}."
            )


def copy_and_hash(source, target: Path | None) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    output = None
    if target is not None:
        target.parent.mkdir(parents=True, exist_ok=True)
        output = target.open("xb")
    try:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
            if output is not None:
                output.write(chunk)
    finally:
        if output is not None:
            output.close()
    return digest.hexdigest(), size


def check_archive(path: Path) -> dict:
    """The manifest of an intact archive: every member read and checked, nothing written."""
    with ArchiveReader(path) as reader:
        reader.check_members(staging=None)
        return reader.manifest


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
