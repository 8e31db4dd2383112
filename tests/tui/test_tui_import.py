"""Import hygiene: the TUI must not pull in litellm (about 2 s) before a model is used."""

from __future__ import annotations

import subprocess
import sys

CHECK = """
import sys
import interview.tui.app
import interview.tui.screens.home, interview.tui.screens.interview, interview.tui.screens.report
import interview.tui.screens.history, interview.tui.screens.scenarios
import interview.cli
loaded = sorted(name for name in sys.modules if name == "litellm" or name.startswith("litellm."))
print(len(loaded))
"""


def test_importing_the_tui_does_not_import_litellm() -> None:
    result = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "0"


def test_the_check_would_notice_litellm() -> None:
    """The same probe reports litellm once something imports it (so the test above can fail)."""
    probe = CHECK.replace("import interview.cli\n", "import interview.cli\nimport litellm\n")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.strip()) > 0
