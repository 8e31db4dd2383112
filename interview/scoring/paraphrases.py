"""Common system-design paraphrases: a meaning family per canonical term.

A candidate who says "keep the popular links in memory" means a cache; "three copies in
separate zones" means replication. Each concept matches its phrases, its authored synonyms
and the paraphrases of any canonical term among its phrases, so a strong answer in its own
words is heard as strong.
"""

from __future__ import annotations

from functools import lru_cache

from interview.catalog.models import Concept

PARAPHRASES: dict[str, tuple[str, ...]] = {
    "cache": ("in-memory store", "in memory", "kept in memory", "hold in memory", "memory layer"),
    "replica": ("copies of the data", "three copies", "read copies", "copy in another zone"),
    "replication": ("copied to", "kept in copies", "copies in separate zones"),
    "failover": ("takes over", "switch over", "switches over", "promoted to leader"),
    "sharding": ("split the data", "split across machines", "split by key", "spread across nodes"),
    "partition": ("slice of data", "slices of the data"),
    "consistent hashing": ("hash ring", "on a ring"),
    "queue": ("event log", "append-only log", "onto a log", "message log"),
    "async": ("off the request path", "in the background", "answers immediately"),
    "rate limit": ("limit how many", "cap requests per", "requests per minute per"),
    "load balancer": ("load spreader", "spreads requests"),
    "websocket": ("connection that stays open", "open line", "two-way connection"),
    "heartbeat": ("ping every", "pings every", "keep-alive"),
    "idempotency": ("applied once", "only once", "once-only"),
    "deduplicate": ("drop repeats", "drop duplicates", "ignore repeats", "discard repeats"),
    "unique constraint": ("insert-if-absent", "put-if-absent", "forbid duplicates"),
    "sequence number": ("per-conversation counter", "counter per conversation", "next number"),
    "push notification": ("wake the phone", "wake-up service"),
    "state machine": ("explicit statuses", "status transitions"),
    "append-only": ("only ever added", "never updated in place", "never edited"),
    "reconciliation": ("compare our books", "compare our ledger"),
    "ttl": ("end date", "expiry date"),
    "bloom filter": ("probabilistic set",),
    "snowflake": ("time-ordered ids",),
}


@lru_cache(maxsize=512)
def _family(phrases: tuple[str, ...], synonyms: tuple[str, ...]) -> tuple[str, ...]:
    out = list(dict.fromkeys([*phrases, *synonyms]))
    lowered = {p.lower() for p in phrases}
    for canonical, family in PARAPHRASES.items():
        if canonical in lowered:
            out.extend(p for p in family if p not in out)
    return tuple(out)


def phrases_for(concept: Concept) -> tuple[str, ...]:
    """Every wording that names a concept: its phrases, synonyms and shared paraphrases."""
    return _family(tuple(concept.phrases), tuple(concept.synonyms))
