"""The archive's format: its member names and manifest, and reading an archive back with every
member checked against the manifest (restore_portal, and restore_portal --check)."""

import contextlib
import gzip
import hashlib
import json
import os
import tarfile
import zlib
from pathlib import Path

from django.conf import settings

from ops.backup import BackupError

FORMAT = "imag-portal-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MEDIA_PREFIX = "media/"
DATABASE_MEMBERS = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}
# A manifest lists every uploaded file; a million of them is still far below this.
MANIFEST_MAX_BYTES = 256 * 1024 * 1024
CHUNK = 1024 * 1024


def media_root() -> Path:
    return Path(settings.MEDIA_ROOT).resolve()


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
