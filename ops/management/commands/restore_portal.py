"""Restore a backup_portal archive into an empty database and MEDIA_ROOT (ops/backup/)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ops.backup import BackupError, human_size
from ops.backup.archive import MEDIA_PREFIX, check_archive
from ops.backup.restore import restore_archive


class Command(BaseCommand):
    help = (
        "Restore an archive made by backup_portal into the database of DATABASE_URL and the "
        "folder MEDIA_ROOT, both of which must be empty. Every file is checked against the "
        "manifest's SHA-256 before anything is written, and the records are counted again "
        "afterwards. --check only verifies the archive."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The .tar.gz file written by backup_portal.")
        parser.add_argument(
            "--check",
            action="store_true",
            help="Verify the archive (manifest, size and SHA-256 of every file) and restore "
            "nothing.",
        )

    def handle(self, *args, archive, check, **options):
        try:
            if check:
                self.report_check(check_archive(Path(archive)))
            else:
                self.report_restore(restore_archive(Path(archive)))
        except BackupError as error:
            raise CommandError(str(error)) from error

    def describe(self, manifest):
        database = manifest["database"]
        uploads = sum(1 for name in manifest["files"] if name.startswith(MEDIA_PREFIX))
        self.stdout.write(
            f"Archive made {manifest['created_at']} by portal version "
            f"{manifest['portal_version']} from {database['vendor']} "
            f"{database['server_version']}: {sum(manifest['records'].values())} records, "
            f"{uploads} uploaded files."
        )
        for name in manifest["missing_files"]:
            self.stderr.write(
                f"Warning: the backed-up database referred to the file {name}, which was "
                "already missing when the archive was made."
            )

    def report_check(self, manifest):
        self.describe(manifest)
        self.stdout.write(
            self.style.SUCCESS(
                f"The archive is complete and intact: {len(manifest['files'])} files match "
                "their SHA-256 checksums. Nothing was restored."
            )
        )

    def report_restore(self, result):
        self.describe(result.manifest)
        for label, count in result.state.records.items():
            if count:
                self.stdout.write(f"  {label}: {count}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {sum(result.state.records.values())} records, the same counts as "
                f"the archive's manifest, and {result.files} uploaded files "
                f"({human_size(result.bytes)}), every one matching its SHA-256, "
                f"in {result.seconds:.1f} s."
            )
        )
        if result.pending_migrations:
            self.stdout.write(
                self.style.WARNING(
                    "This version of the portal has migrations the archive's database lacks "
                    f"({', '.join(result.pending_migrations[:5])}): run `manage.py migrate` "
                    "before starting the portal."
                )
            )
