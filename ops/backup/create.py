"""Writing a new archive of the database and every uploaded file (backup_portal)."""

import datetime
import hashlib
import io
import json
import os
import tarfile
import tempfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import django

from ops.backup import BackupError
from ops.backup.archive import (
    CHUNK,
    DATABASE_MEMBERS,
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    MEDIA_PREFIX,
    media_root,
)
from ops.backup.database import DUMPERS, require_supported_vendor, server_version


@dataclass
class BackupResult:
    path: Path
    manifest: dict
    seconds: float


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
