"""Acceptance 1: nothing a user writes reaches the disk in readable form.

A thousand reflections carry a random marker word in the title, the body, a tag,
a person's and an organisation's name. Neither the marker's UTF-8 nor its UTF-16
bytes may appear in any file of the journal's folder (journal.db, its -wal and
-shm files, journal.keys and its .bak) or of the temporary folder, while the
journal is open and after it is locked.

SQLite reads SQLITE_TMPDIR and TMPDIR once, when the library starts, so pointing
them at a test folder from inside this process only steers Python's own
temporary files. The writer-process test therefore also runs the vault in a
child process whose temporary folder is the test's from the start, and reads
every regular file that process holds open, which includes temporary files
SQLite deletes as soon as it creates them.
"""

from __future__ import annotations

import os
import select
import sqlite3
import stat
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from reflect.calendar_import import CalendarAttendee, CalendarEvent
from reflect.drafts import Draft
from reflect.followups import FollowUp
from reflect.frameworks import Lens
from reflect.importers import Attachment, ImportedEntry, ImportPreview
from reflect.meetings import Meeting
from reflect.model import NewReflection, Section
from reflect.prompt_library import Signer
from reflect.query import Filters
from reflect.sharing import encode, new_share, payload_to_dict, signed_bytes
from reflect.storylines import Storyline
from reflect.trust import TrustRating
from storage.entry_import import import_entries
from storage.share_files import (
    encrypt_to,
    ensure_identity,
    export_share,
    import_share,
    my_party,
    new_identity,
    party_of,
)
from storage.vault import Vault

REPO = Path(__file__).resolve().parents[2]
ON_LINUX = sys.platform.startswith("linux")
CHILD_TIMEOUT = 120.0  # seconds; generous for a loaded machine, and a hang still fails


def new_marker() -> str:
    return "zq" + uuid.uuid4().hex[:12]


def encodings(marker: str) -> dict[str, bytes]:
    return {name: marker.encode(name) for name in ("utf-8", "utf-16-le", "utf-16-be")}


def files_under(*roots: Path) -> Iterator[Path]:
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.is_file() and not path.is_symlink():
                yield path


def leaks(marker: str, files: Iterable[Path | str]) -> list[str]:
    """Each file (and encoding) whose bytes contain the marker; [] when none does."""
    patterns = encodings(marker)
    found = []
    for path in files:
        try:
            data = Path(path).read_bytes()
        except FileNotFoundError:  # a file that went away while we looked
            continue
        found += [f"{path} ({name})" for name, pattern in patterns.items() if pattern in data]
    return found


def open_regular_files(pid: int | str = "self") -> dict[str, str]:
    """/proc/PID/fd/N -> what it points at, for each regular file the process has open.

    Reading /proc/PID/fd/N reads the file even after it was deleted.
    """
    folder = Path(f"/proc/{pid}/fd")
    found = {}
    for entry in folder.iterdir():
        try:
            if stat.S_ISREG(entry.stat().st_mode):
                found[str(entry)] = str(entry.readlink())
        except OSError:  # closed meanwhile
            continue
    return found


def marked(marker: str, i: int) -> NewReflection:
    return NewReflection(
        sections=(
            Section(f"Reflection {i}. In the meeting {marker} said what nobody else would."),
            Section(f"Looking back, {marker} was right.", lens=Lens.SAGE),
        ),
        title=f"Talk with {marker} #{i}",
        tags=[marker],
        people=[f"Ada {marker}"],
        organisations=[f"{marker} Ltd"],
    )


def write_every_other_record(vault: Vault, marker: str, reflection_id: uuid.UUID) -> None:
    """Meetings, people, trust scores, follow-ups and storylines, all carrying the marker."""
    when = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
    vault.meetings.save(
        Meeting.new(
            f"Board {marker}",
            when,
            people=[f"Bea {marker}"],
            organisations=[f"{marker} Trust"],
            location=f"Room {marker}",
            programme=f"Programme {marker}",
        )
    )
    vault.meetings.import_events(
        [
            CalendarEvent(
                key=f"uid-{marker}",
                uid=f"uid-{marker}",
                title=f"Imported {marker}",
                starts_at=when,
                ends_at=None,
                all_day=False,
                location=f"Hall {marker}",
                attendees=(CalendarAttendee(f"Cal {marker}", f"{marker}@example.org"),),
                organiser=None,
                cancelled=False,
            )
        ]
    )
    person = vault.directory.find_person(f"Bea {marker}")
    assert person is not None
    vault.directory.save_person(replace(person, role=f"Chair {marker}", notes=f"Notes on {marker}"))
    vault.directory.add_rating(
        TrustRating(uuid.uuid4(), person.id, when, 7, 3, f"issue {marker}", f"note {marker}")
    )
    vault.directory.rename("person", person.id, f"Beatrice {marker}")
    vault.follow_ups.add(
        FollowUp(uuid.uuid4(), reflection_id, f"Call {marker} back", when, date(2026, 3, 9))
    )
    storyline = vault.storylines.save(
        Storyline(uuid.uuid4(), f"Discharge {marker}", when, f"About {marker}")
    )
    vault.storylines.set_member(storyline.id, reflection_id, True)
    # Prompt packs: an imported pack's text, its signer, the leader's marks, an identity.
    source = f'title = "Pack {marker}"\n[[prompts]]\ntext = "Ask {marker}"\n'
    vault.prompt_packs.save(
        f"p-{marker}", 1, source, Signer(f"Sam {marker}", bytes(32)), when.date()
    )
    vault.prompt_packs.set_pinned(f"p-{marker}/q-{marker}", True)
    vault.prompt_packs.save_identity(f"Enabler {marker}", bytes(32))
    # Buddy pairs: this journal's card, a buddy, a share sent to them (the file too).
    ensure_identity(vault, f"Me {marker}")
    buddy_keys = new_identity(f"Buddy {marker}")
    buddy = vault.buddies.add(party_of(buddy_keys))
    shared = vault.get(reflection_id)
    outbox = vault.paths.folder / "outbox.age"
    export_share(vault, buddy.id, [shared], outbox, note=f"Note {marker}")
    # ... and one received from that buddy, opened and kept.
    incoming = new_share(party_of(buddy_keys), my_party(vault), [shared], note=f"Hi {marker}")
    content = payload_to_dict(incoming)
    signature = Ed25519PrivateKey.from_private_bytes(buddy_keys.signing_private).sign(
        signed_bytes(content)
    )
    inbox = encrypt_to(encode(content, signature), my_party(vault))
    assert import_share(vault, inbox, "inbox.age").payload.note == f"Hi {marker}"
    # An entry brought in from another journal, with a photo whose bytes carry the marker.
    photo = Attachment(f"{marker}.png", f"photo {marker}".encode(), "image/png")
    entry = ImportedEntry(
        f"test:{marker}", when, f"Imported {marker}", f"Body {marker}", (), False, (photo,)
    )
    assert import_entries(vault, ImportPreview((entry,), ()), map_tags=False).attachments == 1


@pytest.fixture
def temp_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """This test's own temporary folder, for Python and (where it still listens) SQLite."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    for name in ("TMPDIR", "SQLITE_TMPDIR", "TEMP", "TMP"):
        monkeypatch.setenv(name, str(folder))
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


# --- the scanner can fail ---------------------------------------------------------------


def test_the_scanner_finds_a_marker_wherever_it_is(tmp_path: Path) -> None:
    marker = new_marker()
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    (tmp_path / "clean.bin").write_bytes(os.urandom(4096))
    (nested / "utf8.txt").write_bytes(b"\x00" * 5000 + f"dear diary, {marker}".encode())
    (tmp_path / "utf16.txt").write_bytes(f"x{marker}x".encode("utf-16-le"))
    (tmp_path / ".hidden").write_bytes(f"{marker}".encode("utf-16-be"))
    # An unencrypted SQLite database written the way a careless journal would be.
    plain = sqlite3.connect(tmp_path / "plain.db")
    plain.execute("CREATE TABLE note (text TEXT)")
    plain.execute("INSERT INTO note VALUES (?)", (f"about {marker}",))
    plain.commit()
    plain.close()

    found = leaks(marker, files_under(tmp_path))

    expected = [
        f"{nested / 'utf8.txt'} (utf-8)",
        f"{tmp_path / 'utf16.txt'} (utf-16-le)",
        f"{tmp_path / '.hidden'} (utf-16-be)",
        f"{tmp_path / 'plain.db'} (utf-8)",
    ]
    assert set(expected) <= set(found)  # ASCII in UTF-16-LE also holds its -BE bytes
    assert {f.rsplit(" (", 1)[0] for f in found} == {e.rsplit(" (", 1)[0] for e in expected}
    assert leaks(new_marker(), files_under(tmp_path)) == []


@pytest.mark.skipif(not ON_LINUX, reason="reads /proc")
def test_the_scanner_reads_files_that_were_deleted_while_open(tmp_path: Path) -> None:
    marker = new_marker()
    with tempfile.TemporaryFile(dir=tmp_path) as handle:  # unlinked at once on Linux
        handle.write(marker.encode())
        handle.flush()
        assert list(tmp_path.iterdir()) == []
        assert leaks(marker, open_regular_files()) != []


# --- in this process: the SQLAlchemy engine and the direct connection ------------------


@pytest.mark.parametrize(("backend", "count"), [("engine", 1000), ("direct", 200)])
def test_no_reflection_text_reaches_any_file(
    journal_dir: Path, recovery_key: str, temp_dir: Path, backend: str, count: int
) -> None:
    marker = new_marker()
    already_open = set(open_regular_files().items()) if ON_LINUX else set()
    vault = Vault.unlock(journal_dir, recovery_key=recovery_key, direct=backend == "direct")
    try:
        for i in range(count):  # one write transaction each, as a user adds them
            vault.add(marked(marker, i))
        first = vault.newest(limit=1)[0]
        vault.update(first.with_first_section_text(f"Edited: {marker} again."))
        vault.save_draft(
            Draft(uuid.uuid4(), f"half-written {marker}", (Section(marker),), first.written_at)
        )
        write_every_other_record(vault, marker, first.id)

        # The text went in: it is there to be found by someone with the key.
        assert vault.count(Filters(tags=(marker,))) == count
        assert len(vault.search(marker, limit=5)) == 5
        assert (journal_dir / "journal.db-wal").stat().st_size > 0

        # (a) While it is open, with the write-ahead log still holding recent pages.
        assert leaks(marker, files_under(journal_dir, temp_dir)) == []
        if ON_LINUX:
            opened = dict(set(open_regular_files().items()) - already_open)
            assert any(t.endswith("journal.db") for t in opened.values()), opened
            assert leaks(marker, opened) == [], opened
    finally:
        vault.lock()

    # (b) After it is locked.
    assert not (journal_dir / "journal.db-wal").exists()
    assert leaks(marker, files_under(journal_dir, temp_dir)) == []


# --- in a writer process whose temporary folder is the test's from the start ----------

CHILD_CODE = r"""
import sys
from pathlib import Path

from reflect.frameworks import Lens
from reflect.model import NewReflection, Section
from storage.vault import Vault

folder, recovery, marker, count, backend = sys.argv[1:]
vault = Vault.unlock(Path(folder), recovery_key=recovery, direct=backend == "direct")
for i in range(int(count)):
    vault.add(
        NewReflection(
            sections=(
                Section(f"Reflection {i}. In the meeting {marker} said what nobody else would."),
                Section(f"Looking back, {marker} was right.", lens=Lens.SAGE),
            ),
            title=f"Talk with {marker} #{i}",
            tags=[marker],
            people=[f"Ada {marker}"],
            organisations=[f"{marker} Ltd"],
        )
    )
hits = vault.search(marker, limit=5)
print("open", len(hits), flush=True)
if sys.stdin.readline().strip() == "lock":
    vault.lock()
    print("locked", flush=True)
"""


def read_line(proc: subprocess.Popen[bytes], deadline: float) -> str:
    """One line from the child's stdout, or a failure once the deadline passes."""
    assert proc.stdout is not None
    fd = proc.stdout.fileno()
    line = b""
    while not line.endswith(b"\n"):
        left = deadline - time.monotonic()
        if left <= 0:
            pytest.fail(f"the writer process sent no line in time (got {line!r})")
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            chunk = os.read(fd, 1)
            if not chunk:
                pytest.fail(f"the writer process ended early (exit {proc.wait(10)})")
            line += chunk
    return line.decode().strip()


@pytest.mark.skipif(not ON_LINUX, reason="reads the writer's open files through /proc")
@pytest.mark.parametrize("backend", ["engine", "direct"])
def test_no_reflection_text_reaches_any_file_of_a_writer_process(
    journal_dir: Path, recovery_key: str, tmp_path: Path, backend: str
) -> None:
    marker = new_marker()
    temp_dir = tmp_path / "child-tmp"
    temp_dir.mkdir()
    env = {**os.environ, "TMPDIR": str(temp_dir), "SQLITE_TMPDIR": str(temp_dir)}
    env.update(TEMP=str(temp_dir), TMP=str(temp_dir))
    stderr_path = tmp_path / "child-stderr.txt"
    with stderr_path.open("wb") as stderr:
        proc = subprocess.Popen(
            [sys.executable, "-W", "error", "-c", CHILD_CODE,
             str(journal_dir), recovery_key, marker, "300", backend],
            cwd=REPO, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr,
            bufsize=0,
        )  # fmt: skip
        try:
            deadline = time.monotonic() + CHILD_TIMEOUT
            try:
                assert read_line(proc, deadline) == "open 5"
            except BaseException:
                proc.kill()
                proc.wait(10)
                print(stderr_path.read_text(errors="replace"), file=sys.stderr)
                raise

            # (a) While the writer has the journal open.
            opened = open_regular_files(proc.pid)
            assert any(t.endswith("journal.db-wal") for t in opened.values()), opened
            assert leaks(marker, opened) == [], opened
            assert leaks(marker, files_under(journal_dir, temp_dir)) == []

            assert proc.stdin is not None
            proc.stdin.write(b"lock\n")
            proc.stdin.flush()
            assert read_line(proc, deadline) == "locked"
            assert proc.wait(timeout=max(deadline - time.monotonic(), 1)) == 0
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait(10)
            for pipe in (proc.stdin, proc.stdout):
                if pipe is not None:
                    pipe.close()

    # (b) After it locked the journal and ended.
    assert stderr_path.read_bytes() == b""
    assert leaks(marker, files_under(journal_dir, temp_dir)) == []
