"""The documented backup, restored on PostgreSQL: backup_portal on the test database, then
restore_portal in its own process into a new, empty database and MEDIA_ROOT, which must then
hold every record and every file."""

import io
import os
import secrets
import subprocess
import sys
from pathlib import Path

import psycopg2
import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from tests import portal_contents

pytestmark = pytest.mark.services
ROOT = Path(__file__).resolve().parents[2]


def connect(name: str):
    database = settings.DATABASES["default"]
    return psycopg2.connect(
        dbname=name,
        user=database["USER"],
        password=database["PASSWORD"],
        host=database["HOST"],
        port=database["PORT"] or 5432,
    )


def database_url(name: str) -> str:
    database = settings.DATABASES["default"]
    return (
        f"postgres://{database['USER']}:{database['PASSWORD']}@{database['HOST']}:"
        f"{database['PORT'] or 5432}/{name}"
    )


@pytest.fixture
def empty_database():
    if connection.vendor != "postgresql":
        pytest.fail("Service tests need a PostgreSQL DATABASE_URL: see .ci/run")
    name = f"imag_backup_restore_{secrets.token_hex(4)}"
    admin = connect("postgres")
    admin.autocommit = True
    try:
        with admin.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{name}"')
        yield name
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        admin.close()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def restore(archive: Path, database: str, media_root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "restore_portal", str(archive)],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": database_url(database), "MEDIA_ROOT": str(media_root)},
        capture_output=True,
        text=True,
        timeout=300,
    )


# pg_dump sees only committed data: no test transaction around this one.
@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_into_an_empty_database_with_every_record_and_file(
    story, momd, tmp_path, empty_database
):
    portal_contents.fill(story, momd)
    folder = tmp_path / "backups"
    folder.mkdir()
    call_command("backup_portal", str(folder), stdout=io.StringIO())
    (archive,) = folder.iterdir()

    result = restore(archive, empty_database, tmp_path / "restored-media")
    assert result.returncode == 0, result.stderr
    assert "Restored" in result.stdout

    with connection.cursor() as cursor:
        original = portal_contents.snapshot(cursor)
    restored = connect(empty_database)
    try:
        with restored.cursor() as cursor:
            copy = portal_contents.snapshot(cursor)
    finally:
        restored.close()
    portal_contents.assert_restored(original, copy, tmp_path / "restored-media")

    # The portal recognises the restored database: nothing left to migrate.
    check = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--check"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": database_url(empty_database)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert check.returncode == 0, check.stdout + check.stderr

    # A second restore into the now filled database is refused and touches nothing.
    again = restore(archive, empty_database, tmp_path / "second-media")
    assert again.returncode == 1
    assert f"The postgresql database {empty_database} is not empty" in again.stderr
    assert not any((tmp_path / "second-media").glob("*"))
