"""Where a candidate hands work off: async paths (queues, topics, streams) and external parties.

`handoffs(text)` finds, sentence by sentence, each asynchronous path the turn names ("Kafka for
click events", "an SQS queue for webhooks") and each external party work is handed to (a
payment provider, a bank, an email or SMS provider, a third-party API, a webhook), with the
candidate's words for it, an identity (`slug`) that is the same when the path is named again,
and whether the turn already says where its failed messages go (async) or what happens when
the party is slow, down or its callback is lost (external). Pure, linear in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BRANDS = {
    "kafka": ("Kafka", "topic"), "kinesis": ("Kinesis", "stream"), "sqs": ("SQS", "queue"),
    "rabbitmq": ("RabbitMQ", "queue"), "pub/sub": ("Pub/Sub", "topic"), "pubsub": ("Pub/Sub", "topic"),
    "celery": ("Celery", "queue"), "nats": ("NATS", "subject"), "eventbridge": ("EventBridge", "bus"),
    "sns": ("SNS", "topic"), "redis streams": ("Redis Streams", "stream"),
}  # fmt: skip
_GENERIC = (
    "message queue|job queue|task queue|work queue|retry queue|event queue|queue|event stream|"
    "message stream|event bus|message bus|background jobs?|background workers?"
)
_ASYNC = re.compile(
    r"(?<![\w-])(?:(?P<brand>redis\s+streams|kafka|kinesis|sqs|rabbitmq|pub/?sub|celery|nats|eventbridge|sns)"
    r"(?:\s+(?P<after>topics?|queues?|streams?|cluster))?|(?P<generic>" + _GENERIC + r")s?)(?![\w-])",
    re.IGNORECASE,
)
_NOT_A_PATH = re.compile(r"(?:dead[\s-]*letter|dlq|poison|priority|parking[\s-]*lot)\W*$", re.IGNORECASE)
_PURPOSE_AFTER = re.compile(
    r"^\s+(?:for|of|carrying)\s+((?:the\s+|all\s+|our\s+)?[a-z][\w-]*(?:\s+[a-z][\w-]*)?)", re.IGNORECASE
)
_BEFORE_WORD = re.compile(r"([a-z][\w-]*)\s+$", re.IGNORECASE)
_ARTICLES = frozenset(
    "a an the one our their its this that another second separate single each every some "
    "and or to into onto on in via through then so with from".split()
)
_PURPOSE_STOP = frozenset(  # "for webhooks in front of the sender" carries webhooks, not "webhooks in"
    "a an the all our and or to them it each every in on at from with into onto via through between before "
    "after behind by".split()
)

DLQ_SAID = re.compile(
    r"dead[\s-]*letter|\bdlq\b|poison|parking[\s-]*lot|quarantine|failed\s+(?:messages?|events?|jobs?)\s+"
    r"(?:go|are\s+(?:moved|sent|parked))|after\s+\w+\s+(?:retries|attempts)\s*,?\s*(?:we\s+)?(?:move|park|send)",
    re.IGNORECASE,
)

_PARTIES = {
    "stripe": "Stripe", "adyen": "Adyen", "paypal": "PayPal", "braintree": "Braintree",
    "checkout.com": "Checkout.com", "twilio": "Twilio", "sendgrid": "SendGrid", "mailgun": "Mailgun",
    "postmark": "Postmark", "ses": "SES", "apns": "APNs", "fcm": "FCM", "plaid": "Plaid",
}  # fmt: skip
_PARTY = re.compile(
    r"(?<![\w-])(?:(?P<brand>stripe|adyen|paypal|braintree|checkout\.com|twilio|sendgrid|mailgun|postmark|"
    r"ses|apns|fcm|plaid)|(?P<generic>(?:payment|card|email|e-mail|sms|push|identity|shipping|tax|"
    r"notification)\s+(?:provider|processor|gateway|network|vendor|service\s+provider)s?|psp|acquirer|"
    r"(?:the|a|our|their|partner|receiving|sending|issuing)\s+banks?|third[\s-]party\s+(?:apis?|services?|"
    r"providers?)|external\s+(?:apis?|services?|providers?)|partner\s+apis?)|(?P<callback>webhooks?|"
    r"callbacks?))(?![\w-])",
    re.IGNORECASE,
)
_OUR_OWN = re.compile(
    r"\b(?:we\s+(?:send|expose|offer|deliver)|our\s+own|to\s+(?:merchants|customers|clients))\b", re.I
)
HANDLED = re.compile(
    r"\b(?:time\s*outs?|timeouts?|retr(?:y|ies|ied)|backoff|back\s+off|circuit\s+breaker|fall\s*back|"
    r"fallback|poll(?:s|ing)?|reconcil\w*|idempoten\w*|dedup\w*|de-dup\w*|second\s+provider|failover|"
    r"fail\s+over|(?:is|goes|are)\s+(?:down|slow)|duplicates?|lost)\b",
    re.IGNORECASE,
)
# A cheap first look (substrings of the lowered text): a sentence without any names no handoff.
_ANY = (
    "kafka kinesis sqs rabbit pubsub pub/sub celery nats eventbridge sns queue stream bus background stripe "
    "adyen paypal braintree checkout.com twilio sendgrid mailgun postmark ses apns fcm plaid provider "
    "processor gateway network vendor psp acquirer bank third external partner webhook callback"
).split()


def _may_name(text: str) -> bool:
    low = text.lower()
    return any(word in low for word in _ANY)


_SENTENCE = re.compile(r"(?:[^.!?\n;]|[.!?](?=[^\s.!?]))+[.!?;]*")


@dataclass(frozen=True, slots=True)
class Handoff:
    """One async path or external party a turn names."""

    kind: str  # "async" or "party"
    slug: str  # identity: "kafka:click-events", "stripe", "queue:webhooks"
    name: str  # said in a question: "the Kafka topic for click events", "Stripe"
    words: tuple[str, ...]  # words that name it again ("kafka", "click", "events")
    start: int  # where the turn names it
    end: int
    handled: bool  # DLQ said (async) / slowness, outage or lost callback handled (party)
    callback: bool = False  # party: a webhook or callback comes back from it


def _purpose(text: str, end: int, start: int) -> str:
    """What the path carries: "for click events" after it, or "the email queue" before it."""
    m = _PURPOSE_AFTER.match(text[end : end + 40])
    if m:
        said = [w for w in m.group(1).split() if w.lower() not in _PURPOSE_STOP]
        return " ".join(w if w.isupper() else w.lower() for w in said)
    b = _BEFORE_WORD.search(text[max(0, start - 30) : start])
    if b and b.group(1).lower() not in _ARTICLES and b.group(1).lower() not in _BRANDS:
        return b.group(1) if b.group(1).isupper() else b.group(1).lower()
    return ""


def _async(text: str, sentence: tuple[int, int]) -> list[Handoff]:
    s_start, s_end = sentence
    clause = text[s_start:s_end]
    handled = bool(DLQ_SAID.search(clause))
    found: list[Handoff] = []
    brands = [m for m in _ASYNC.finditer(clause) if m.group("brand")]
    for m in _ASYNC.finditer(clause):
        if m.group("generic") and brands:
            continue  # "Kafka ... and workers pull from the queue": the brand names the path
        if _NOT_A_PATH.search(clause[: m.start()]) or re.match(r"\s*(?:dlq|dead)", clause[m.end() :], re.I):
            continue  # the dead-letter queue is the answer, not another path
        purpose = _purpose(clause, m.end(), m.start())
        if m.group("brand"):
            raw = re.sub(r"\s+", " ", m.group("brand").lower())
            brand, noun = _BRANDS.get(raw, _BRANDS.get(raw.replace("/", ""), (raw, "queue")))
            after = (m.group("after") or "").lower().rstrip("s")
            noun = after if after and after != "cluster" else noun
            name = f"the {brand} {noun}"
            slug = brand.lower() + (f":{purpose.lower().replace(' ', '-')}" if purpose else "")
            words = (raw, *purpose.lower().split())
        else:
            noun = re.sub(r"\s+", " ", m.group("generic").lower()).rstrip("s")
            if noun.startswith("background"):
                noun = "background job queue"
            before = purpose and not _PURPOSE_AFTER.match(clause[m.end() : m.end() + 40])
            name = f"the {purpose} {noun}" if before else f"the {noun}"
            slug = "queue" + (f":{purpose.lower().replace(' ', '-')}" if purpose else "")
            words = tuple(purpose.lower().split()) or (noun.split()[-1],)
        if purpose and not name.endswith(purpose) and purpose not in name:
            name += f" for {purpose}"
        found.append(Handoff("async", slug, name, words, s_start + m.start(), s_start + m.end(), handled))
    return found


def _parties(text: str, sentence: tuple[int, int]) -> list[Handoff]:
    s_start, s_end = sentence
    clause = text[s_start:s_end]
    handled = bool(HANDLED.search(clause))
    found: list[Handoff] = []
    for m in _PARTY.finditer(clause):
        if m.group("callback"):
            if _OUR_OWN.search(clause):
                continue  # webhooks we send to merchants are our own delivery, not a party's callback
            found.append(
                Handoff("party", "callback", "the webhook", ("webhook", "callback"), s_start + m.start(),
                        s_start + m.end(), handled, callback=True)
            )  # fmt: skip
            continue
        said = m.group(0).lower()
        if m.group("brand"):
            name = _PARTIES[said]
            words: tuple[str, ...] = (said,)
        else:
            said = re.sub(r"^(?:the|a|our|their)\s+", "", re.sub(r"\s+", " ", said)).rstrip("s")
            said = "bank" if said.endswith("bank") and " " not in said else said
            name = "the " + ("PSP" if said == "psp" else said)
            words = tuple(w for w in said.split() if w not in ("provider", "service", "api", "gateway"))
            words = words or (said.split()[-1],)
        slug = re.sub(r"[^a-z0-9]+", "-", said).strip("-")
        found.append(Handoff("party", slug, name, words, s_start + m.start(), s_start + m.end(), handled))
    return found


def handoffs(text: str) -> list[Handoff]:
    """Every async path and external party the turn names, in order (a webhook in the same turn
    as a party is that party's callback, not a party of its own)."""
    found: list[Handoff] = []
    if not _may_name(text):
        return found  # most turns name no queue and no party: one look, then done
    for m in _SENTENCE.finditer(text):
        if not _may_name(m.group(0)):
            continue
        bounds = (m.start(), m.end())
        found += _async(text, bounds) + _parties(text, bounds)
    parties = [h for h in found if h.kind == "party" and h.slug != "callback"]
    carried = {w for h in found if h.kind == "async" for w in h.words}
    callbacks = [h for h in found if h.slug == "callback"]
    found = [h for h in found if h.slug != "callback"]
    if parties and callbacks:
        called = parties[0]
        found[found.index(called)] = Handoff(
            "party", called.slug, called.name, called.words, called.start, called.end, called.handled, True
        )
    elif callbacks and not carried & {"webhook", "webhooks", "callback", "callbacks"}:
        found.append(callbacks[0])  # a webhook from someone unnamed (not the load of a queue)
    return found


def names(handoff_words: tuple[str, ...], text: str) -> bool:
    """Whether `text` names a handoff again (any of its words, whole)."""
    lowered = text.lower()
    return any(re.search(rf"(?<![\w-]){re.escape(w)}", lowered) for w in handoff_words)
