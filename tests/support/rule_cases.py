"""Candidate turns and the persona rules that should (and should not) fire on them.

Each case: (scenario id, phase, turn, rules that must fire, rules that must not fire). A rule
firing that no case expects is judged by `must_not`; bench/facts.py reports the share of
firings judged appropriate. The unseen scenarios (pastebin with principal, file-sync with
backend) and the template's rate limiter come first: the issue's nonsense firings were there.
"""

from __future__ import annotations

RuleCase = tuple[str, str, str, set[str], set[str]]

CASES: list[RuleCase] = [
    # ---- a rate limiter written from the template (principal): the firings the issue reported
    (
        "rate-limiter",
        "high_level_design",
        "Counters live in a Redis counter store, sharded by API key.",
        {"single_point_of_failure"},
        {"cache_eviction"},
    ),
    (
        "rate-limiter",
        "high_level_design",
        "A limited client gets a 429 with a Retry-After header.",
        set(),
        {"retries_and_backoff", "idempotent_requests"},
    ),
    (
        "rate-limiter",
        "estimation",
        "10M keys x 100 bytes per counter = 1 GB of memory for the counters.",
        set(),
        {"single_point_of_failure", "cache_eviction"},
    ),
    (
        "rate-limiter",
        "deep_dive",
        "Each node keeps a local token bucket and syncs its counters to Redis every 100 ms.",
        {"single_point_of_failure"},
        {"cache_eviction"},
    ),
    (
        "rate-limiter",
        "deep_dive",
        "If Redis times out, the gateway retries the call once and then fails open.",
        {"retries_and_backoff"},
        set(),
    ),
    # ---- pastebin (principal)
    (
        "pastebin",
        "high_level_design",
        "Paste bodies go to S3 and a Redis cache sits in front of it for hot pastes.",
        {"cache_eviction"},
        {"dead_letter"},
    ),
    (
        "pastebin",
        "deep_dive",
        "Expired pastes are put on an SQS queue and a worker deletes them in batches.",
        {"dead_letter"},
        {"cache_eviction"},
    ),
    (
        "pastebin",
        "high_level_design",
        "Metadata lives in a single Postgres database.",
        {"single_point_of_failure"},
        set(),
    ),
    (
        "pastebin",
        "high_level_design",
        "The API server uses async/await to stream large pastes.",
        set(),
        {"dead_letter"},
    ),
    (
        "pastebin",
        "estimation",
        "5M pastes a day / 86,400 s = about 58 writes per second, so storage is 18 TB a year.",
        set(),
        {"single_point_of_failure", "quantify"},
    ),
    ("pastebin", "high_level_design", "It has to be massively scalable.", {"quantify"}, set()),
    (
        "pastebin",
        "deep_dive",
        "The primary key is the paste id, base62-encoded.",
        set(),
        {"single_point_of_failure"},
    ),
    # ---- file-sync (backend)
    (
        "file-sync",
        "deep_dive",
        "If the upload times out, the client retries the request with the same chunk.",
        {"idempotent_requests"},
        set(),
    ),
    (
        "file-sync",
        "high_level_design",
        "A user writes from a laptop, then reads the file list from a read replica.",
        {"read_consistency"},
        set(),
    ),
    (
        "file-sync",
        "high_level_design",
        "The sync service returns 429 with Retry-After when a client polls too often.",
        set(),
        {"idempotent_requests"},
    ),
    (
        "file-sync",
        "deep_dive",
        "Chunks are hashed, and the block store keeps a counter of references per chunk.",
        set(),
        {"read_consistency"},
    ),
    (
        "file-sync",
        "high_level_design",
        "The metadata tables are users, files, versions and chunks.",
        {"api_first"},
        set(),
    ),
    # ---- built-ins (payments persona)
    (
        "payment-rail",
        "high_level_design",
        "We keep a double-entry ledger: every payment is two journal lines.",
        set(),
        {"money_representation", "double_entry"},
    ),
    (
        "payment-rail",
        "high_level_design",
        "The load balancer spreads credit transfers across the nodes.",
        set(),
        {"double_entry"},
    ),
    (
        "payment-rail",
        "high_level_design",
        "We subtract the amount from the balance column.",
        {"double_entry"},
        set(),
    ),
    (
        "payment-rail",
        "deep_dive",
        "Amounts are stored as a double in the payments table.",
        {"money_representation"},
        set(),
    ),
    (
        "payment-rail",
        "deep_dive",
        "Payment messages go onto Kafka and a consumer posts them to the ledger.",
        {"dead_letter"},
        set(),
    ),
]
