"""Back up the portal: the database and every uploaded file in one archive (ops/backup/)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ops.backup import BackupError, human_size
from ops.backup.archive import MEDIA_PREFIX
from ops.backup.create import create_archive


class Command(BaseCommand):
    help = (
        "Write the database (pg_dump on PostgreSQL, SQLite's backup API on SQLite) and every "
        "uploaded file under MEDIA_ROOT to one new .tar.gz archive, with a manifest of the "
        "migrations, record counts and SHA-256 checksums. restore_portal restores it."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "destination",
            help="A folder (the archive is named imag-backup-<UTC time>.tar.gz) or the archive's "
            "file name. An existing archive is never overwritten.",
        )

    def handle(self, *args, destination, **options):
        try:
            result = create_archive(Path(destination))
        except BackupError as error:
            raise CommandError(str(error)) from error
        manifest = result.manifest
        database = manifest["database"]
        uploads = [
            entry for name, entry in manifest["files"].items() if name.startswith(MEDIA_PREFIX)
        ]
        self.stdout.write(
            f"Database: {database['vendor']} {database['server_version']}, "
            f"{sum(manifest['records'].values())} records in {len(manifest['records'])} tables, "
            f"{len(manifest['migrations'])} migrations applied."
        )
        self.stdout.write(
            f"Uploaded files: {len(uploads)} "
            f"({human_size(sum(entry['size'] for entry in uploads))})."
        )
        for name in manifest["missing_files"]:
            self.stderr.write(
                f"Warning: the database refers to the file {name}, which is not in MEDIA_ROOT "
                "(it was missing before this backup)."
            )
        for path in manifest["skipped"]:
            self.stderr.write(
                f"Warning: {path} is a link or a special file, not an upload: left out."
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup written to {result.path} "
                f"({human_size(result.path.stat().st_size)}, {result.seconds:.1f} s)."
            )
        )
