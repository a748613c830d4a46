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

    state.py      what a database holds: migrations, record counts, stored file names
    database.py   dumping and restoring the database, per vendor
    archive.py    the archive's format: member names, the manifest, reading and checking
    create.py     writing a new archive (backup_portal)
    restore.py    restoring an archive (restore_portal)
"""


class BackupError(Exception):
    """Why a backup or a restore was refused or failed, in words for the operator."""


def human_size(size: float) -> str:
    for unit in ("bytes", "KB", "MB"):
        if size < 1024:
            return f"{size:.0f} bytes" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.1f} GB"
