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


OFFLINE_INTERVIEW = """
import asyncio, sys
from interview.tui.app import InterviewApp
from interview.tui.screens.interview import InterviewScreen
from interview.tui.screens.report import ReportScreen
from interview.tui.services import Services, StartOptions


async def main():
    app = InterviewApp(StartOptions("practice", scenario_id="url-shortener"), Services(db_path=sys.argv[1]))
    async with app.run_test(size=(120, 40)) as pilot:
        async def until(condition):
            for _ in range(1500):
                if condition():
                    return
                await pilot.pause(0.02)
            raise SystemExit("timed out")
        await until(lambda: isinstance(app.screen, InterviewScreen) and app.screen.query("#answer"))
        await until(lambda: not app.screen.speaking)
        await pilot.press(*"scale?")
        await pilot.press("ctrl+s")
        await until(lambda: not app.screen.speaking)
        await pilot.press("f9", "y")
        await until(lambda: isinstance(app.screen, ReportScreen) and app.screen.report is not None)
    print(any(name == "litellm" or name.startswith("litellm.") for name in sys.modules))


asyncio.run(main())
"""


def test_an_offline_interview_in_the_app_never_imports_litellm(tmp_path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", OFFLINE_INTERVIEW, str(tmp_path / "offline.db")],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().splitlines()[-1] == "False"
