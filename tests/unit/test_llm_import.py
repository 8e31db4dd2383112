"""Importing the model interviewer's modules must not import litellm (it costs ~2 s)."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO


def test_importing_llm_voice_does_not_import_litellm() -> None:
    code = (
        "import sys\n"
        "import interview.engine.llm, interview.engine.prompts\n"
        "from interview.engine.llm import LLMVoice\n"
        "voice = LLMVoice('openai/x', api_base='http://127.0.0.1:9/v1')\n"
        "assert voice.available()\n"
        "print('litellm' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == "False"
