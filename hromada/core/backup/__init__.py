"""Резервна копія: one archive holds the database, the media files and a manifest that says what a
correct restore must give back.

The archive is a plain tar (the PostgreSQL dump is already compressed; attachments are mostly PDFs and
images that do not compress). Its members:

- ``database.pgdump`` (``pg_dump --format=custom``) or ``database.sqlite3`` (the SQLite online backup
  API: a consistent copy of a live database, WAL included);
- ``media/…``: every file under MEDIA_ROOT;
- ``manifest.json``, written last because it carries the SHA-256 of every other member, computed
  while the member is written (one pass over each file, no second read).

The manifest's facts about the database — the row count of every table, the migrations applied and a
SHA-256 of the appeals journal — are taken from the very snapshot that is dumped: on PostgreSQL the
dump runs on a snapshot exported by the transaction that counts; on SQLite they are read from the copy.
So a restore can check itself against them even when the council was working during the backup.

Nothing is held in memory whole: pg_dump writes straight to a file, tar members are streamed from
files, the journal is hashed in keyset-paged batches.
"""

from hromada.core.backup.archive import (
    FORMAT_VERSION,
    MANIFEST,
    MEDIA_PREFIX,
    PG_DUMP_MEMBER,
    SQLITE_MEMBER,
    Manifest,
    Report,
    check_archive,
    configured_database_facts,
    create_backup,
    default_archive_name,
    read_manifest,
    restore_backup,
)
from hromada.core.backup.databases import BackupError
from hromada.core.backup.facts import (
    JOURNAL_TABLE,
    applied_migrations,
    compare_facts,
    database_facts,
    journal_checksum,
    list_tables,
    table_counts,
)

__all__ = [
    "FORMAT_VERSION",
    "JOURNAL_TABLE",
    "MANIFEST",
    "MEDIA_PREFIX",
    "PG_DUMP_MEMBER",
    "SQLITE_MEMBER",
    "BackupError",
    "Manifest",
    "Report",
    "applied_migrations",
    "check_archive",
    "compare_facts",
    "configured_database_facts",
    "create_backup",
    "database_facts",
    "default_archive_name",
    "journal_checksum",
    "list_tables",
    "read_manifest",
    "restore_backup",
    "table_counts",
]
