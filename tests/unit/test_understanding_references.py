"""What each figure of a turn estimates (understanding/references.attempts)."""

from __future__ import annotations

from interview.catalog import load_catalog
from interview.understanding.references import attempts


def test_an_average_item_size_is_not_an_attempt_at_a_monthly_total() -> None:
    """ "Average page maybe 100 KB" is the size of one page: it must not be shown as an off figure for the
    month's storage (the report listed it as a slip beside the right 100 TB)."""
    crawler = load_catalog().scenario("web-crawler")
    text = (
        "1 billion pages a month is about 400 pages a second on average. Average page maybe 100 KB so that "
        "is 40 MB/s of download, and 100 TB a month of raw HTML."
    )
    said = {(a.estimate.id, a.raw) for a in attempts(text, crawler)}
    assert ("monthly_storage", "100 KB") not in said
    assert ("monthly_storage", "100 TB a month") in said
    assert [a.raw for a in attempts("On average storage is 50 TB a month.", crawler)] == ["50 TB a month"]
