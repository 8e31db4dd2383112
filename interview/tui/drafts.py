"""The unsent answer draft of an interview, kept on disk so quitting never loses it.

The engine records everything sent; what is still in the answer box when the user quits
(q, ctrl+c, a closed terminal) lives here until the interview is resumed.
"""

from __future__ import annotations

from pathlib import Path

from interview import paths


def draft_path(session_id: str) -> Path:
    """`$XDG_DATA_HOME/interview/drafts/<session id>.txt`."""
    return paths.data_home() / "drafts" / f"{session_id}.txt"


def save_draft(session_id: str, text: str) -> None:
    """Write the draft atomically; an empty draft removes the file."""
    target = draft_path(session_id)
    if not text:
        target.unlink(missing_ok=True)
        return
    paths.write_private(target, text)  # 0600 in a 0700 folder


def load_draft(session_id: str) -> str:
    """The saved draft, or an empty string."""
    try:
        return draft_path(session_id).read_text(encoding="utf-8")
    except OSError:
        return ""
