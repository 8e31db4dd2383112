"""What a sentence does, read from its wording: explains, compares, handles failure, asks.

These are the patterns an interviewer listens for. They only count in sentences that read
like reasoning (see `Sentence.substantive`), so a list of the right words earns nothing here.
"""

from __future__ import annotations

import re


class Lowered:
    """A case-insensitive pattern that matches on lowercased text.

    Python's `re.IGNORECASE` folds case at every step; lowercasing the text once and matching
    a lowercase pattern is 5-10x faster for these long alternations (measured: 6 ms -> 0.7 ms
    for one pattern over a 60-turn session). Only truthiness of the result is used.
    """

    __slots__ = ("pattern",)

    def __init__(self, pattern: str) -> None:
        self.pattern = re.compile(pattern)

    def search(self, text: str) -> re.Match[str] | None:
        return self.pattern.search(text.lower())

    def match(self, text: str) -> re.Match[str] | None:
        return self.pattern.match(text.lower())


# A reason, consequence or comparison: what turns a buzzword into an explanation.
EXPLAINS = Lowered(
    r"(?:[,;]\s*(?:and\s+)?so\b|\band\s+so\b|->|→|=>|\{)|"
    r"\b(?:because|since|so\s+that|so\s+(?:we|the|it|they|that|each|every|a|reads|writes|any|no|our)|"
    r"returns?|responds?\s+with|keyed\s+by|partitioned\s+by|sorted\s+by|consists\s+of|made\s+of|"
    r"which\s+(?:means|lets|gives|keeps|makes|avoids|is\s+why)|which\s+(?!is\b|was\b|has\b|does\b)[a-z]{3,}s\b|"
    r"that\s+means|this\s+means|meaning|"
    r"to\s+(?:avoid|keep|make\s+sure|ensure|handle|reduce|prevent|absorb|protect|spread|serve|guarantee|"
    r"get|stay|survive|support|cut|bound|limit|detect|recover|tolerate|isolate|decouple|smooth)|"
    r"in\s+order\s+to|in\s+case|otherwise|that\s+way|this\s+way|lets\s+us|let\s+us|allows?|enables?|given\s+(?:that|the)|"
    r"due\s+to|thanks\s+to|keeps?|ensures?|guarantees?|avoids?|prevents?|reduces?|absorbs?|protects?|"
    r"trade-?offs?|downside|drawback|the\s+cost|costs?\s+(?:us|more|less)|at\s+the\s+cost|benefit|advantage|"
    r"the\s+catch|the\s+risk|instead\s+of|rather\s+than|versus|vs\.?|compared\s+(?:to|with)|as\s+opposed\s+to|"
    r"(?:better|cheaper|faster|slower|simpler|safer|easier|harder)\s+than|unlike|the\s+reason|"
    r"(?:if|unless|whenever)\s+\w+[^.;!?]{3,}|when\s+[^.;!?]{1,60}?(?:fails?|goes\s+down|dies|is\s+down|"
    r"crash\w*|times?\s+out|restarts?|expires?|misses|is\s+full|falls\s+behind)|"
    r"so\s+(?!much\b|many\b|far\b|on\b|yeah\b|ok\b|okay\b)[a-z]+|to\s+(?:stop|block|catch|speed\s+up|save|free|"
    r"scale|serve|cope|deal|survive|recover|rebuild|replay|retry|track|count|detect|fix|bound|cap))",
)

ALTERNATIVE = Lowered(
    r"\b(?:instead\s+of|rather\s+than|versus|vs\.?|compared\s+(?:to|with)|as\s+opposed\s+to|"
    r"over\s+[\w\- ]{1,30}\b(?:because|since|as)\b|trade-?offs?|downside|drawbacks?|the\s+cost\s+is|"
    r"at\s+the\s+cost\s+of|"
    r"costs?\s+us|the\s+catch|on\s+the\s+other\s+hand|pros\s+and\s+cons|upside|the\s+price|"
    r"but\s+(?:it|that|this|then)\s+(?:means|costs|loses|adds|makes|needs|requires|gives\s+up)|"
    r"(?:better|worse|cheaper|simpler|faster|slower|safer|harder|easier|more\s+\w+|less\s+\w+)\s+than|"
    r"either\s+[^.;!?]{1,50}\s+or|i'?d\s+(?:pick|choose|go\s+with|prefer|rather)|we\s+could\s+[^.;!?]{1,60}\s+but|"
    r"the\s+alternative|alternatively|option\s+(?:a|b|1|2|one|two)|wins?\s+(?:over|because)|"
    r",?\s+not\s+(?:a\s+|an\s+|the\s+)?[\w.\-/]+(?:\s*[:;,—(]|\s+because|\s+since|\s+as\b)|"
    r"i\s+would\s+(?:pick|choose|go\s+with|prefer)|"
    r"(?:pick|choose|chose|prefer)\s+[\w\- ]{1,30}\s+(?:over|because))",
)

FAILURE = Lowered(
    r"\b(?:(?:if|when|once|should|whenever)\s+[^.;!?]{0,80}?\b(?:fails?|failed|failing|goes\s+down|go\s+down|"
    r"dies|die|crash\w*|is\s+down|are\s+down|unavailable|unreachable|times?\s+out|timed\s+out|lost|loses|"
    r"partitioned|restarts?|outage|overloaded|falls\s+behind|disconnects?|drops?|offline)|in\s+case\s+[^.;!?]{0,40}"
    r"(?:fails?|goes\s+down|dies|crash\w*|is\s+down|breaks?)|fail\s*-?over|failovers?|"
    r"retr(?:y|ies|ied|ying)|back\s*-?off|dead[\s-]*letter|dlq|replicas?|replicat\w+|circuit[\s-]*breakers?|"
    r"degrad\w+|fall\s*back|fallbacks?|idempoten\w+|health[\s-]*checks?|heartbeats?|redundan\w+|"
    r"multi[\s-]*(?:az|region|datacenter)|standby|backups?|rpo|rto|quorum|leader\s+election|alerts?|alerting|"
    r"monitor\w*|spof|single\s+points?\s+of\s+failure|at[\s-]+least[\s-]+once|exactly[\s-]+once|dedup\w*|"
    r"durab\w+|poison\s+messages?|reconcil\w+|compensat\w+|rollback|roll\s+back)\b",
)

QUESTION_START = Lowered(
    r"^\s*(?:so\s+|and\s+|ok(?:ay)?,?\s+|also,?\s+|first,?\s+)?(?:what|what's|how|who|which|when|where|why|"
    r"do|does|did|is|are|can|could|should|will|would|may|must|roughly\s+how)\b",
)
NON_FUNCTIONAL = Lowered(
    r"\b(?:availability|available|uptime|latency|p9\d|response\s+time|consistency|consistent|durab\w+|"
    r"throughput|sla|slo|nines|fault[\s-]+toleran\w+|reliab\w+|security|privacy|compliance|retention|"
    r"non-?functional)\b",
)
ASSUMPTION = Lowered(
    r"\b(?:assum\w+|let'?s\s+say|let\s+us\s+say|i'?ll\s+take|i'?d\s+guess|ballpark|i'?ll\s+go\s+with|"
    r"working\s+number|round\s+(?:it\s+)?(?:up|down|to))\b",
)
SCOPE = Lowered(
    r"\b(?:out\s+of\s+scope|in\s+scope|not\s+in\s+scope|won'?t\s+cover|leave\s+(?:\w+\s+)?out|for\s+now|"
    r"focus\s+on|(?:core|main|key)\s+(?:features?|flows?|use\s+cases?)|features\s+(?:are|would\s+be)|mvp|v1|"
    r"must[\s-]+haves?|nice[\s-]+to[\s-]+haves?|"
    r"non-?goals?|functional\s+requirements?|non-?functional|priorit\w+)\b",
)
ARITHMETIC = Lowered(
    r"(?:\s[x×*÷]\s|\btimes\b|divided\s+by|multiplied|\s=\s|\bequals\b|\bgives\b|comes?\s+to|works?\s+out|"
    r"that'?s\s+(?:about|roughly|around|~)?|which\s+is|so\s+(?:about|roughly|around|~)|\bover\b|/\s*\d)",
)
ENDPOINT = re.compile(
    r"\b(?:GET|POST|PUT|PATCH|DELETE)\s+/[\w/{}:.\-?=&]*|\b(?:get|post|put|patch|delete)\s+/[\w/{}:.\-]*|"
    r"\b[a-z][a-z0-9_]*(?:[A-Z][a-z0-9]+)*\([a-z_][\w\s,:=?\[\]]{0,80}\)|\b(?:rpc|grpc|endpoints?|websocket\s+frames?)\b|"
    r"\b(?:sends?|submits?|publish(?:es)?|emits?|acks?|answers?|replies|responds?)\s+(?:\w+\s+){0,3}\{|"
    r"\b[a-z]{3,5}\.\d{3}\b|"
    # an operation described in words: "a create call that takes the long URL and returns the code"
    r"(?i:\b(?:create|lookup|look-up|read|write|get|fetch|list|update|delete|send|shorten|redirect|follow|submit|"
    r"query|search|upload|download)\s+(?:call|endpoint|request|operation|method|rpc)s?\b"
    r"(?=[^.;]{0,80}\b(?:takes?|returns?|answers?|responds?|accepts?|replies)\b))",
)
CONTRACT = Lowered(
    r"\b(?:[2345]\d\d|returns?|request\s+body|response|payload|json|paginat\w+|cursor|idempoten\w+[\s-]*keys?|"
    r"acks?\s+(?:\w+\s+)?with|replies|responds|error\s+codes?|status\s+codes?|rejects?|accepts?|"
    r"versioned|versioning|/v1|api\s+keys?|auth\w*|headers?)\b",
)
SCHEMA = Lowered(
    r"\b(?:tables?|schema|primary\s+key|partition\s+key|sort\s+key|clustering\s+key|indexe?s?|indices|"
    r"columns?|fields?|rows?|documents?|composite\s+key|foreign\s+key|keyed\s+by|key\s+is|partitioned\s+by|"
    r"clustered\s+by|sorted\s+by|unique\s+constraint|journal|entries)\b",
)
IDENTIFIER = re.compile(r"\b[a-z]+_[a-z_]+\b|\b[a-z]+[A-Z][a-zA-Z]+\b")
COMPONENTS: dict[str, Lowered] = {
    name: Lowered(pattern)
    for name, pattern in {
        "load balancer": r"\b(?:load[\s-]*balanc\w+|lbs?|nginx|haproxy|envoy)\b",
        "gateway": r"\b(?:api[\s-]*gateway|gateways?|edge\s+proxy|reverse\s+proxy)\b",
        "service": r"\b(?:app(?:lication)?\s+servers?|services?|microservices?|web\s+servers?|"
        r"api\s+servers?|backend)\b",
        "database": r"\b(?:databases?|db|dbs|postgres\w*|mysql|cassandra|dynamo\w*|scylla\w*|spanner|"
        r"cockroach\w*|mongo\w*|hbase|datastore|kv\s+store|key[\s-]*value\s+store|ledger)\b",
        "cache": r"\b(?:cach\w+|redis|memcached?)\b",
        "queue": r"\b(?:queues?|kafka|pub[\s/-]*sub|sqs|kinesis|rabbitmq|event\s+log|streams?|topics?|"
        r"outbox)\b",
        "cdn": r"\b(?:cdn|edge\s+(?:cache|servers?|nodes?|locations?))\b",
        "object storage": r"\b(?:object\s+stor\w+|s3|blob\s+stor\w+|gcs)\b",
        "workers": r"\b(?:workers?|consumers?|background\s+jobs?|cron|batch\s+jobs?|processors?)\b",
        "connections": r"\b(?:websockets?|connection\s+(?:servers?|gateways?|tier)|long[\s-]*poll\w*|"
        r"sse|mqtt)\b",
        "clients": r"\b(?:clients?|browsers?|mobile\s+apps?|apps?|users?)\b",
    }.items()
}
FLOW = Lowered(
    r"(?:->|→|=>|\b(?:goes\s+to|go\s+to|sends?|sent\s+to|writes?\s+(?:it\s+)?(?:to|into)|reads?\s+from|forwards?|"
    r"routes?|routed|calls?|looks?\s+up|returns?|hits?|fetch(?:es)?|publish(?:es)?|consumes?|pushes|push\s+it|"
    r"pulls?|stores?\s+(?:it\s+)?in|persists?|lands?\s+in|hands?\s+(?:it\s+)?off|passes|delivers?|"
    r"talks?\s+to|connects?\s+to|fans?\s+out|emits?|enqueues?|checks?|first|then|next)\b)",
)
BOTTLENECK = Lowered(
    r"\b(?:bottlenecks?|hot\s+(?:keys?|spots?|partitions?|shards?|links?|rows?|accounts?|groups?)|hotspots?|"
    r"contention|saturat\w+|throughput|headroom|capacity|scale\s+(?:out|horizontally)|backpressure|"
    r"thundering\s+herd|stampede|fan[\s-]*out|limits?|per\s+(?:node|server|shard|box|machine)|tail\s+latency|"
    r"p99|memory|cpu|iops|bandwidth)\b",
)
# "second" as a step ("second, the cache"), not a unit of time ("per second", "once a second")
SIGNPOST = Lowered(
    r"\b(?:first(?:ly)?|(?<!per\s)(?<!\ba\s)(?<!each\s)(?<!every\s)(?<!/)second(?:ly)?|next|then|finally|"
    r"let\s+me\s+(?:start|begin|walk|recap|summari[sz]e|"
    r"go\s+through|sketch)|to\s+(?:summari[sz]e|recap|sum\s+up)|in\s+summary|step\s+\d|moving\s+on|so\s+far|"
    r"overall|i'?ll\s+(?:start|cover|go)|let'?s\s+(?:start|move|go|look))\b",
)
CHECK_IN = Lowered(
    r"(?:does\s+that\s+(?:make\s+sense|sound|work)|should\s+i|shall\s+i|would\s+you\s+like|do\s+you\s+want\s+me|"
    r"is\s+that\s+(?:ok|okay|fine|reasonable|right|a\s+fair)|any\s+(?:questions|concerns)|sounds?\s+(?:good|ok|reasonable)|"
    r"want\s+me\s+to|(?:ok|okay)\s+with\s+you|happy\s+to\s+go|which\s+(?:part|area)\s+(?:would|should|do)|"
    r"are\s+you\s+(?:ok|okay|happy)|correct\s+me|fair\s+assumption)",
)
