"""What a box on the whiteboard is, from its label: "Redis" is a cache, "Bank API" an external party."""

from __future__ import annotations

import re
from functools import lru_cache

# ------------------------------------------------------------------ node kinds

KINDS = (
    "client", "load_balancer", "gateway", "service", "cache", "database", "queue",
    "worker", "object_store", "cdn", "external",
)  # fmt: skip

KIND_WORDS: dict[str, tuple[str, ...]] = {
    "client": (
        "client",
        "clients",
        "user",
        "users",
        "browser",
        "mobile",
        "ios",
        "android",
        "customer",
        "customers",
        "merchant",
        "merchants",
        "web client",
        "frontend",
        "caller",
        "callers",
    ),
    "load_balancer": (
        "load balancer",
        "load-balancer",
        "loadbalancer",
        "lb",
        "alb",
        "elb",
        "nlb",
        "haproxy",
        "nginx",
        "envoy",
        "balancer",
    ),
    "gateway": ("gateway", "api gateway", "api gw", "gw", "ingress", "edge proxy", "reverse proxy", "proxy"),
    "cache": ("cache", "caches", "redis", "memcached", "memcache", "valkey", "elasticache", "hazelcast"),
    "database": (
        "db",
        "dbs",
        "database",
        "databases",
        "postgres",
        "postgresql",
        "pg",
        "mysql",
        "cassandra",
        "dynamo",
        "dynamodb",
        "mongo",
        "mongodb",
        "sql",
        "rds",
        "aurora",
        "spanner",
        "cockroachdb",
        "cockroach",
        "scylla",
        "bigtable",
        "table",
        "ledger",
        "datastore",
        "store",
        "sqlite",
        "oracle",
        "mariadb",
        "hbase",
        "elasticsearch",
        "opensearch",
        "index",
    ),
    "queue": (
        "queue",
        "queues",
        "kafka",
        "sqs",
        "rabbitmq",
        "rabbit",
        "kinesis",
        "pubsub",
        "pub/sub",
        "stream",
        "streams",
        "topic",
        "topics",
        "event bus",
        "bus",
        "nats",
        "pulsar",
        "sns",
        "events",
        "event stream",
        "event log",
        "log",
        "frontier",
    ),
    "worker": (
        "worker",
        "workers",
        "consumer",
        "consumers",
        "processor",
        "processors",
        "job",
        "jobs",
        "cron",
        "scheduler",
        "sender",
        "senders",
        "dispatcher",
        "fanout",
        "fan-out",
        "fetcher",
        "fetchers",
        "crawler",
        "crawlers",
        "parser",
        "parsers",
        "indexer",
        "indexers",
        "transcoder",
        "transcoders",
    ),
    "object_store": (
        "s3",
        "blob",
        "blobs",
        "object store",
        "object storage",
        "gcs",
        "bucket",
        "buckets",
        "blob store",
        "azure blob",
    ),
    "cdn": ("cdn", "cloudfront", "akamai", "fastly", "edge cache", "edge"),
    "external": (
        "bank",
        "banks",
        "stripe",
        "paypal",
        "adyen",
        "psp",
        "payment provider",
        "card network",
        "visa",
        "mastercard",
        "third party",
        "third-party",
        "external",
        "partner",
        "apns",
        "fcm",
        "twilio",
        "sendgrid",
        "smtp",
        "sms provider",
        "email provider",
        "issuer",
        "acquirer",
    ),
    "service": (
        "service",
        "services",
        "svc",
        "app",
        "apps",
        "api",
        "server",
        "servers",
        "backend",
        "application",
        "web server",
        "microservice",
        "shortener",
        "limiter",
        "handler",
    ),
}
# Decisive words win outright; among the rest the last word of the label wins ("Kafka consumer"
# is a worker, "Job queue" a queue, "User DB" a database); generic service words come last.
_DECISIVE = ("external", "cdn", "object_store", "load_balancer", "gateway")
REDUNDANT = re.compile(
    r"\b(cluster|clustered|replicated|replicas?|replica set|multi[- ]?az|multi[- ]?region|ha|"
    r"highly available|standby|failover|primary\s*[/+&]|leader\s*[/+&]|sentinel|pair|active[- ]active|"
    r"fleet|pool|autoscal\w*|asg|sharded|shards?)\b"
)
# Stores that replicate by design.
REPLICATED_BY_DESIGN = re.compile(
    r"\b(dynamo(db)?|spanner|cassandra|cockroach(db)?|scylla|bigtable|cosmos)\b"
)
DLQ = re.compile(r"\b(dlq|dead[- ]?letters?( queue)?|parking[- ]lot|poison( queue)?|retry queue)\b")
IDEMPOTENCY = re.compile(r"\b(idempoten\w*|dedup\w*|de-dup\w*)\b")
LEDGER = re.compile(r"\bledger\b")


def _word_index() -> tuple[re.Pattern[str], dict[str, str]]:
    owner: dict[str, str] = {}
    for kind, words in KIND_WORDS.items():
        for w in words:
            owner.setdefault(w, kind)
    alternatives = "|".join(re.escape(w) for w in sorted(owner, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])"), owner


_KIND_RE, _KIND_OF = _word_index()


@lru_cache(maxsize=4096)
def infer_kind(label: str) -> str:
    """The kind of box a label names ("Redis" -> cache, "Bank API" -> external); default service."""
    text = label.lower()
    if DLQ.search(text):
        return "queue"
    found = [_KIND_OF[m.group(0)] for m in _KIND_RE.finditer(text)]
    for kind in _DECISIVE:
        if kind in found:
            return kind
    specific = [k for k in found if k != "service"]
    if specific:
        return specific[-1]
    return "service"
