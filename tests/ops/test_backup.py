"""backup_portal writes the database and every upload to one archive; restore_portal puts them
back into an empty database and MEDIA_ROOT, and refuses anything else. These run on SQLite;
tests/services/test_backup_restore.py does the round trip on PostgreSQL."""

import gzip
import hashlib
import io
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from strategy.models import Evidence
from tests import portal_contents
from tests.documents import PDF_BYTES

# Backups refuse to run inside a transaction: the data must be committed, as in production.
pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parents[2]
# These restore into a new SQLite file; on PostgreSQL (CI's second run) the services test does.
sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="restores into SQLite; see tests/services"
)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def portal(story, momd):
    portal_contents.fill(story, momd)


@pytest.fixture
def archive(portal, tmp_path) -> Path:
    folder = tmp_path / "backups"
    folder.mkdir()
    call_command("backup_portal", str(folder), stdout=io.StringIO())
    (path,) = folder.iterdir()
    return path


def members(archive: Path) -> dict[str, bytes]:
    with tarfile.open(archive) as tar:
        return {member.name: tar.extractfile(member).read() for member in tar.getmembers()}


def rewrite(archive: Path, target: Path, change) -> Path:
    """A copy of ``archive`` whose members ``change(contents, manifest)`` altered."""
    contents = members(archive)
    manifest = json.loads(contents.pop("manifest.json"))
    change(contents, manifest)
    with tarfile.open(target, "w:gz") as tar:
        for name, data in {"manifest.json": json.dumps(manifest).encode(), **contents}.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return target


def restore_elsewhere(archive: Path, folder: Path) -> subprocess.CompletedProcess:
    """restore_portal in its own process, into a new SQLite file and MEDIA_ROOT in ``folder``."""
    environment = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{folder / 'restored.sqlite3'}",
        "MEDIA_ROOT": str(folder / "media"),
    }
    return subprocess.run(
        [sys.executable, "manage.py", "restore_portal", str(archive)],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


@sqlite_only
def test_the_archive_holds_a_manifest_the_database_and_every_upload(archive):
    assert archive.name.startswith("imag-backup-") and archive.name.endswith(".tar.gz")
    assert archive.stat().st_mode & 0o777 == 0o600
    contents = members(archive)
    assert next(iter(contents)) == "manifest.json"
    manifest = json.loads(contents["manifest.json"])
    assert manifest["format_version"] == 1
    assert manifest["database"]["vendor"] == "sqlite"
    assert "strategy.0003_quarterly_reports" in manifest["migrations"]
    assert "auditlog.0001_initial" in manifest["migrations"]
    assert manifest["records"]["strategy.Evidence"] == 2
    assert manifest["records"]["meetings.BriefingDocument"] == 1
    assert manifest["records"]["meetings.MeetingUserObjectPermission"] == 1
    assert manifest["records"]["strategy.PriorityAction_supporting_ministries"] == 2
    assert manifest["records"]["coordination.User"] == 6
    assert manifest["missing_files"] == []
    uploads = sorted(path for path in contents if path.startswith("media/"))
    on_disk = portal_contents.stored_files(settings.MEDIA_ROOT)
    assert len(on_disk) == 3
    assert uploads == sorted(f"media/{name}" for name in on_disk)
    assert set(manifest["files"]) == set(contents) - {"manifest.json"}
    for name, entry in manifest["files"].items():
        assert entry == {
            "size": len(contents[name]),
            "sha256": hashlib.sha256(contents[name]).hexdigest(),
        }
    evidence = Evidence.objects.get(original_name="Minutes Q3.pdf")
    assert contents[f"media/{evidence.file.name}"] == PDF_BYTES


@sqlite_only
def test_the_archived_database_is_a_copy_of_the_portals(archive, tmp_path):
    copy = tmp_path / "copy.sqlite3"
    copy.write_bytes(members(archive)["database.sqlite3"])
    with connection.cursor() as cursor:
        original = portal_contents.snapshot(cursor)
    archived = sqlite3.connect(copy)
    try:
        assert portal_contents.snapshot(archived.cursor()) == original
    finally:
        archived.close()


@sqlite_only
def test_an_archive_restores_into_an_empty_database_with_every_record_and_file(archive, tmp_path):
    restored_folder = tmp_path / "restored"
    restored_folder.mkdir()
    result = restore_elsewhere(archive, restored_folder)
    assert result.returncode == 0, result.stderr
    assert "Restored" in result.stdout
    assert "strategy.Evidence: 2" in result.stdout
    with connection.cursor() as cursor:
        original = portal_contents.snapshot(cursor)
    restored = sqlite3.connect(restored_folder / "restored.sqlite3")
    try:
        portal_contents.assert_restored(
            original, portal_contents.snapshot(restored.cursor()), restored_folder / "media"
        )
    finally:
        restored.close()


def test_a_file_missing_from_media_root_is_reported_not_hidden(portal, tmp_path):
    evidence = Evidence.objects.get(original_name="Minutes Q3.pdf")
    Path(evidence.file.path).unlink()
    errors = io.StringIO()
    call_command("backup_portal", str(tmp_path / "b.tar.gz"), stdout=io.StringIO(), stderr=errors)
    manifest = json.loads(members(tmp_path / "b.tar.gz")["manifest.json"])
    assert manifest["missing_files"] == [evidence.file.name]
    assert f"the database refers to the file {evidence.file.name}" in errors.getvalue()


def test_links_in_media_root_are_left_out(portal, tmp_path):
    secret = tmp_path / "outside.txt"
    secret.write_text("not an upload")
    (settings.MEDIA_ROOT / "documents" / "link").symlink_to(secret)
    (settings.MEDIA_ROOT / "linked-folder").symlink_to(tmp_path, target_is_directory=True)
    errors = io.StringIO()
    call_command("backup_portal", str(tmp_path / "b.tar.gz"), stdout=io.StringIO(), stderr=errors)
    names = set(members(tmp_path / "b.tar.gz"))
    assert not any("link" in name for name in names)
    assert len([name for name in names if name.startswith("media/")]) == 3
    assert "documents/link is a link or a special file, not an upload: left out" in (
        errors.getvalue()
    )
    assert "linked-folder is a link" in errors.getvalue()


def test_an_archive_is_never_overwritten(portal, tmp_path):
    target = tmp_path / "backup.tar.gz"
    target.write_bytes(b"an older backup")
    with pytest.raises(CommandError, match="already exists; backups are never overwritten"):
        call_command("backup_portal", str(target), stdout=io.StringIO())
    assert target.read_bytes() == b"an older backup"
    assert [path.name for path in tmp_path.iterdir() if "backup" in path.name] == [target.name]


def test_an_archive_is_not_written_inside_media_root(portal):
    with pytest.raises(CommandError, match="is inside MEDIA_ROOT"):
        call_command("backup_portal", str(settings.MEDIA_ROOT), stdout=io.StringIO())


def test_a_restore_refuses_a_database_that_is_not_empty(archive):
    before = portal_contents.stored_files(settings.MEDIA_ROOT)
    evidence = Evidence.objects.count()
    with pytest.raises(CommandError, match="is not empty.*only restores into an empty database"):
        call_command("restore_portal", str(archive), stdout=io.StringIO())
    assert Evidence.objects.count() == evidence
    assert portal_contents.stored_files(settings.MEDIA_ROOT) == before


@sqlite_only
def test_a_restore_refuses_an_empty_database_with_files_in_media_root(archive, tmp_path):
    restored_folder = tmp_path / "restored"
    (restored_folder / "media").mkdir(parents=True)
    (restored_folder / "media" / "someone-elses.pdf").write_bytes(PDF_BYTES)
    result = restore_elsewhere(archive, restored_folder)
    assert result.returncode == 1
    assert "MEDIA_ROOT" in result.stderr and "is not empty" in result.stderr
    assert os.listdir(restored_folder / "media") == ["someone-elses.pdf"]


@sqlite_only
def test_a_file_that_does_not_match_its_checksum_stops_the_restore_before_it_writes(
    archive, tmp_path
):
    def damage_an_upload(contents, manifest):
        name = next(name for name in contents if name.startswith("media/"))
        contents[name] = contents[name][:-1] + b"!"

    damaged = rewrite(archive, tmp_path / "damaged.tar.gz", damage_an_upload)
    with pytest.raises(CommandError, match="does not match its checksum"):
        call_command("restore_portal", str(damaged), "--check", stdout=io.StringIO())
    restored_folder = tmp_path / "restored"
    restored_folder.mkdir()
    result = restore_elsewhere(damaged, restored_folder)
    assert result.returncode == 1
    assert "does not match its checksum in the manifest" in result.stderr
    restored = sqlite3.connect(restored_folder / "restored.sqlite3")
    try:
        assert restored.execute("SELECT COUNT(*) FROM sqlite_master").fetchone() == (0,)
    finally:
        restored.close()
    assert list((restored_folder / "media").iterdir()) == []


def test_an_intact_archive_passes_the_check(archive):
    output = io.StringIO()
    call_command("restore_portal", str(archive), "--check", stdout=output)
    assert "The archive is complete and intact: 4 files match" in output.getvalue()


def test_a_truncated_archive_is_refused(archive, tmp_path):
    truncated = tmp_path / "truncated.tar.gz"
    truncated.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    with pytest.raises(CommandError, match="damaged or truncated"):
        call_command("restore_portal", str(truncated), "--check", stdout=io.StringIO())


def test_a_file_that_is_not_an_archive_is_refused(tmp_path):
    not_an_archive = tmp_path / "notes.tar.gz"
    not_an_archive.write_bytes(gzip.compress(b"just some text"))
    with pytest.raises(CommandError, match="damaged or truncated"):
        call_command("restore_portal", str(not_an_archive), "--check", stdout=io.StringIO())


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda contents, manifest: contents.update({"media/extra": b"x"}),
            "which its manifest does not list",
        ),
        (
            lambda contents, manifest: manifest["files"].update(
                {"media/../../escape": {"size": 1, "sha256": "0" * 64}}
            ),
            "unsafe or unknown name: 'media/../../escape'",
        ),
        (
            lambda contents, manifest: manifest["files"].update(
                {"media/documents/gone": {"size": 1, "sha256": "0" * 64}}
            ),
            "The archive is incomplete: 1 file",
        ),
        (
            lambda contents, manifest: manifest.update({"format_version": 2}),
            "format version 2",
        ),
    ],
)
def test_an_altered_archive_is_refused(archive, tmp_path, change, message):
    altered = rewrite(archive, tmp_path / "altered.tar.gz", change)
    with pytest.raises(CommandError, match=message):
        call_command("restore_portal", str(altered), "--check", stdout=io.StringIO())


@sqlite_only
def test_an_archive_from_another_kind_of_database_is_refused(archive, tmp_path):
    def from_postgresql(contents, manifest):
        contents["database.pgdump"] = contents.pop("database.sqlite3")
        manifest["files"]["database.pgdump"] = manifest["files"].pop("database.sqlite3")
        manifest["database"].update(vendor="postgresql", member="database.pgdump")

    altered = rewrite(archive, tmp_path / "postgresql.tar.gz", from_postgresql)
    with pytest.raises(CommandError, match="holds a postgresql database, but DATABASE_URL"):
        call_command("restore_portal", str(altered), stdout=io.StringIO())


def test_an_archive_from_a_newer_portal_is_refused(archive, tmp_path):
    def newer(contents, manifest):
        manifest["migrations"].append("strategy.9999_from_the_future")

    altered = rewrite(archive, tmp_path / "newer.tar.gz", newer)
    with pytest.raises(CommandError, match="newer version of the portal.*9999_from_the_future"):
        call_command("restore_portal", str(altered), stdout=io.StringIO())


# Made by backup_portal on SQLite before the quarterly report moved from strategy to reporting:
# one ready report with its PDF, an audit entry and an object permission on it.
ARCHIVE_BEFORE_REPORTING_APP = ROOT / "tests" / "fixtures" / "backup-before-reporting-app.tar.gz"


@sqlite_only
def test_an_archive_made_before_the_reporting_app_restores_and_migrates(tmp_path):
    folder = tmp_path / "restored"
    folder.mkdir()
    result = restore_elsewhere(ARCHIVE_BEFORE_REPORTING_APP, folder)
    assert result.returncode == 0, result.stderr
    assert "strategy.QuarterlyReport: 1" in result.stdout
    environment = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{folder / 'restored.sqlite3'}",
        "MEDIA_ROOT": str(folder / "media"),
    }
    migrated = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert migrated.returncode == 0, migrated.stderr
    database = sqlite3.connect(folder / "restored.sqlite3")
    try:
        (report_id, file_name, state) = database.execute(
            "SELECT id, file, state FROM reporting_quarterlyreport"
        ).fetchone()
        (content_type_id,) = database.execute(
            "SELECT id FROM django_content_type "
            "WHERE app_label = 'reporting' AND model = 'quarterlyreport'"
        ).fetchone()
        assert not database.execute(
            "SELECT 1 FROM django_content_type WHERE model = 'quarterlyreport' "
            "AND app_label <> 'reporting'"
        ).fetchall()
        assert database.execute(
            "SELECT object_pk FROM auditlog_logentry WHERE content_type_id = ?",
            [content_type_id],
        ).fetchall() == [(str(report_id),)]
        assert database.execute(
            "SELECT p.content_type_id, p.codename, g.object_pk "
            "FROM guardian_userobjectpermission g JOIN auth_permission p ON p.id = g.permission_id"
        ).fetchall() == [(content_type_id, "view_quarterlyreport", str(report_id))]
    finally:
        database.close()
    assert state == "ready"
    assert (folder / "media" / file_name).read_bytes() == PDF_BYTES
