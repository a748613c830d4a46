"""A portal holding something of every kind a backup must keep, and what a restored copy must
show of it: per-table counts, translated names, password hashes, object permissions, audit
entries, many-to-many rows and the uploaded files' bytes."""

import json
from pathlib import Path

from django.apps import apps
from django.conf import settings

from coordination.uploads import DOCX, PDF, PNG, CheckedUpload, store_documents
from meetings.models import BriefingDocument
from meetings.services.meetings import invite_person
from strategy.models import Evidence
from tests import factories
from tests.documents import DOCX_BYTES, PDF_BYTES, PNG_BYTES, upload

# Plain SQL, the same on PostgreSQL and SQLite, so that a restored database can be read
# without Django (it is not the test database).
QUERIES = {
    "ministries": (
        "SELECT code, name_ar, name_en, name_ckb FROM coordination_ministry ORDER BY code"
    ),
    "passwords": "SELECT username, password FROM coordination_user ORDER BY username",
    "meeting_permissions": (
        "SELECT user_id, permission_id, content_object_id "
        "FROM meetings_meetinguserobjectpermission ORDER BY id"
    ),
    "ministry_permissions": (
        "SELECT group_id, permission_id, content_object_id "
        "FROM coordination_ministrygroupobjectpermission ORDER BY id"
    ),
    "audit": "SELECT id, object_pk, action, changes FROM auditlog_logentry ORDER BY id",
    "supporting": (
        "SELECT priorityaction_id, ministry_id "
        "FROM strategy_priorityaction_supporting_ministries ORDER BY 1, 2"
    ),
    "evidence": "SELECT file, original_name, content_type, size FROM strategy_evidence ORDER BY id",
    "briefings": "SELECT file, original_name FROM meetings_briefingdocument ORDER BY id",
}


def fill(story, momd) -> None:
    """Reports with evidence files, a briefing paper, an audited change and a per-meeting
    permission, on top of the shared story."""
    report = factories.ProgressUpdateFactory(
        action=story["action_momd"], ministry=momd, narrative="MoMD opened two desks"
    )
    report.narrative = "MoMD opened three desks"
    report.save()
    store_documents(
        Evidence,
        [
            CheckedUpload(upload("Minutes Q3.pdf", PDF_BYTES), PDF),
            CheckedUpload(upload("صورة.png", PNG_BYTES), PNG),
        ],
        user=story["fp_momd"],
        report=report,
    )
    item = factories.AgendaItemFactory(meeting=story["meeting_momd"])
    store_documents(
        BriefingDocument,
        [CheckedUpload(upload("brief.docx", DOCX_BYTES), DOCX)],
        user=story["secretariat"],
        agenda_item=item,
    )
    invite_person(user=story["secretariat"], meeting=story["meeting_moi"], person=story["fp_momd"])


def table_counts(cursor) -> dict[str, int]:
    counts = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.managed and not model._meta.proxy:
            table = model._meta.db_table
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608 (model tables)
            counts[table] = cursor.fetchone()[0]
    return counts


def snapshot(cursor) -> dict:
    """What the database behind ``cursor`` holds, in comparable form."""
    result = {"counts": table_counts(cursor)}
    for name, sql in QUERIES.items():
        cursor.execute(sql)
        result[name] = [tuple(row) for row in cursor.fetchall()]
    # JSON comes back as text or as a dict, depending on the database and its driver.
    result["audit"] = [
        (*row[:3], json.loads(row[3]) if isinstance(row[3], str) else row[3])
        for row in result["audit"]
    ]
    return result


def stored_files(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in Path(root).rglob("*")
        if path.is_file()
    }


def assert_restored(original: dict, restored: dict, restored_media: Path) -> None:
    """The restored copy holds every record and file of the original, and the original held
    what fill() made (so that an empty copy of an empty portal cannot pass)."""
    assert restored == original
    assert restored["counts"]["strategy_evidence"] == 2
    assert restored["counts"]["meetings_briefingdocument"] == 1
    assert ("MoMD", "وزارة الهجرة والمهجرين", "Ministry of Migration and Displacement", None) in (
        restored["ministries"]
    )
    assert len(restored["meeting_permissions"]) == 1
    assert restored["ministry_permissions"]
    assert any(
        entry[3].get("narrative") == ["MoMD opened two desks", "MoMD opened three desks"]
        for entry in restored["audit"]
    )
    assert {name for _, name, *_ in restored["evidence"]} == {"Minutes Q3.pdf", "صورة.png"}
    files = stored_files(restored_media)
    assert files == stored_files(settings.MEDIA_ROOT)
    contents = {original_name: files[stored] for stored, original_name, *_ in restored["evidence"]}
    assert contents == {"Minutes Q3.pdf": PDF_BYTES, "صورة.png": PNG_BYTES}
    assert files[restored["briefings"][0][0]] == DOCX_BYTES
