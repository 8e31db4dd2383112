"""Credentials taken out of text that is written down (the crash log, error lines).

A crash log is quoted in bug reports, so it must not keep an API key given on the command
line (`--api-base http://user:key@host`, `--api-key sk-…`), found in the environment
(`OPENAI_API_KEY=…`) or echoed in an HTTP error (`Authorization: Bearer …`).
"""

from __future__ import annotations

import re

HIDDEN = "***"

_SECRET_NAMES = r"(?:api[_-]?key|access[_-]?key|secret(?:[_-]?key)?|token|password|passwd)"

_RULES: list[tuple[re.Pattern[str], str]] = [
    # scheme://user:password@host and scheme://token@host
    (re.compile(r"(?i)\b([a-z][a-z0-9+.\-]*://)[^\s/@'\"<>]+@"), rf"\1{HIDDEN}@"),
    # Authorization: Bearer xxx / "authorization": "Basic xxx" / Proxy-Authorization
    (
        re.compile(r"(?i)((?:proxy-)?authorization['\"]?\s*[:=]\s*['\"]?)[^'\"\r\n,}]+"),
        rf"\1{HIDDEN}",
    ),
    (re.compile(r"(?i)\b(bearer|basic|token)\s+[A-Za-z0-9._~+/=\-]{8,}"), rf"\1 {HIDDEN}"),
    # NAME_API_KEY=value, api_key: value, "token": "value", password=...
    (
        re.compile(
            rf"(?i)((?:[a-z0-9_]*[_-])?{_SECRET_NAMES}['\"]?\s*[=:]\s*['\"]?)(?!\*\*\*)[^\s'\",}}&]+"
        ),
        rf"\1{HIDDEN}",
    ),
    # --api-key value on a command line, or as logged: '--api-key', 'value'
    (
        re.compile(rf"(?i)(--[a-z0-9-]*{_SECRET_NAMES}(?:\s+|['\"],\s*['\"]))(?!\*\*\*)[^\s'\",]+"),
        rf"\1{HIDDEN}",
    ),
    # well-known key shapes wherever they appear
    (re.compile(r"\b(sk|rk|pk)-(?:[A-Za-z0-9]+-)*[A-Za-z0-9_\-]{12,}"), rf"\1-{HIDDEN}"),
    (re.compile(r"\b(AIza)[0-9A-Za-z_\-]{20,}"), rf"\1{HIDDEN}"),
    (re.compile(r"\b(gh[pousr]_|hf_|xox[abpors]-|glpat-)[A-Za-z0-9_\-]{10,}"), rf"\1{HIDDEN}"),
    (re.compile(r"\b(AKIA)[0-9A-Z]{16}\b"), rf"\1{HIDDEN}"),
    # ?key=… in a URL
    (re.compile(r"(?i)([?&](?:key|api_key|apikey|token|access_token|sig)=)[^&\s'\"]+"), rf"\1{HIDDEN}"),
]


def scrub(text: str) -> str:
    """`text` with every credential-looking value replaced by `***`."""
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    return text
