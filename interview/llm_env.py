"""Prepare the process for litellm before its (lazy, ~2 s) import.

Call `prepare()` and then `import litellm` only where a model is actually used; the offline
path never imports litellm.
"""

from __future__ import annotations

import logging
import os
from types import ModuleType

_LOGGERS = ("LiteLLM", "LiteLLM Router", "LiteLLM Proxy", "litellm", "httpx", "openai")


def prepare() -> None:
    """Set the environment so importing litellm makes no network call and loads no .env."""
    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
    os.environ.setdefault("LITELLM_MODE", "PRODUCTION")
    os.environ.setdefault("LITELLM_LOG", "CRITICAL")
    for name in _LOGGERS:
        logging.getLogger(name).setLevel(logging.CRITICAL)


def import_litellm() -> ModuleType:
    """Import litellm quietly (first call ~2 s; later calls are free)."""
    prepare()
    import litellm

    litellm.suppress_debug_info = True
    litellm.set_verbose = False
    for name in _LOGGERS:
        logging.getLogger(name).setLevel(logging.CRITICAL)
    return litellm
