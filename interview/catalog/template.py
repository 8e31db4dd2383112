"""The commented scenario template written by `interview scenarios new`."""

from __future__ import annotations

import json
import re

TEMPLATE = """\
# A scenario for `interview`. Every key below is checked: a typo is an error with its line.
# Check this file any time with:  interview scenarios validate {path_hint}
id: {id}                       # unique, kebab-case; the file name does not matter
# The title is what the candidate sees in lists ("Design a rate limiter"); make it your own.
title: {title}
level: senior                  # mid | senior | staff: the default bar
minutes: 45                    # total; the phase minutes below must add up to it
rubric: system-design          # id of a rubric (interview rubrics list)
persona: principal             # default interviewer (interview personas list)
summary: A distributed rate limiter for a public API.
prompt: |                      # what the candidate is told at the start
  Design a rate limiter that sits in front of a public HTTP API and stops clients
  from sending more requests than their plan allows.

phases:                        # ordered; ids: requirements, estimation, high_level_design, deep_dive, wrap_up
  - id: requirements
    minutes: 5
    goals: [clarify who is limited and by what key, the request volume and the latency it may add, agree on limits and how they are reported]
  - id: estimation
    minutes: 5
    goals: [requests per second at peak, memory for the counters]
  - id: high_level_design
    minutes: 15
    goals: [where the limiter sits, the algorithm, where counters live]
  - id: deep_dive
    minutes: 15
    goals: [distributed counting, failure of the counter store]
  - id: wrap_up
    minutes: 5
    goals: [bottlenecks, what changes at 10x]

facts:                         # hidden: revealed when a question asks about the fact's topic
  - id: scale
    topic: request volume      # the short noun phrase this fact answers
    about: [traffic, requests, qps, volume, load, api keys]   # other words for it (no "how many")
    answer: "About 1 million requests per second at peak, from 10 million API keys."
  - id: limits
    topic: limits per plan
    about: [limit, limits, plan, quota, tier]
    answer: "Plans allow 10 to 1,000 requests per second per API key."
  - id: latency
    topic: added latency
    about: [latency, overhead, slow, fast]
    answer: "The limiter may add at most 5 ms at p99."

estimates:                     # reference figures the candidate's numbers are checked against
  - id: peak_rps
    label: requests per second at peak
    value: 1000000
    unit: per_second           # per_second | per_day | bytes | count | connections | servers ...
    tolerance: 3               # within a factor of 3 counts as right
    about: [requests, rps, qps, peak]
    derivation: Given in the requirements.
  - id: counter_memory
    label: memory for the counters
    value: 1000000000
    unit: bytes
    tolerance: 5
    about: [memory, ram, counters, storage]
    derivation: 10M keys x ~100 bytes per counter = 1 GB.
    formula: 10e6 * 100         # optional: the derivation as arithmetic; lint checks it against value

concepts:                      # what a strong answer covers; criterion = a rubric criterion id
  - id: token_bucket
    criterion: high_level_design
    phrases: [token bucket, leaky bucket, sliding window, fixed window]
    probe: Which algorithm do you use, and what does it allow that the others don't?
    strong_answer: A token bucket per key allows short bursts up to the bucket size while holding the average rate.
    synonyms: [refill rate, tokens per second]          # other wordings that name the concept
    reasons: ["burst|average|refill|per key"]            # lowercase regexes: what a right reason mentions
    misconceptions:                                       # wrong claims: every part in one sentence
      - says: ["fixed window", "no bursts|smooth"]
        correction: A fixed window lets through up to twice the limit at a window edge; it does not smooth bursts.
  - id: shared_counters
    criterion: deep_dive
    phrases: [redis, shared counter, centralised counter, atomic increment]
    probe: Your limiter runs on many nodes. Where do the counters live?
    strong_answer: Counters live in a shared in-memory store with atomic increments (e.g. a Redis Lua script), sharded by key.
    reasons: ["every node|all nodes|shared|atomic|race|consistent"]
  - id: fail_open
    criterion: reliability
    phrases: [fail open, fail closed, fail-open]
    probe: The counter store is down. Do you let traffic through or block it?
    strong_answer: Fail open with a local fallback limit, because blocking every customer is worse than a short burst of overuse.
    reasons: ["outage|unavailable|block(ing)? (every|all)|overuse|fallback|customers"]
  - id: rate_limit_headers
    criterion: api_and_data_model
    phrases: ["429", retry-after, x-ratelimit]
    probe: What does a client see when it is limited?
    strong_answer: HTTP 429 with Retry-After and X-RateLimit-Remaining headers so clients can back off.
    reasons: ["back off|retry|when to|how long|remaining"]

followups:                     # asked when the candidate brings up `when`
  - when: [redis, memcached]
    unless: [replica, replicas, failover]   # optional: skip it when they already covered it
    ask: What happens to the limits if that Redis cluster loses a shard?
  - when: [sliding window]
    ask: How much memory does a sliding window log cost per key compared with a counter?

failure_probes:                # "what happens when X goes down?"
  - What happens when the counter store is unreachable for thirty seconds?
  - One limiter node is slow. How does that show up for clients?
"""


def default_title(scenario_id: str) -> str:
    """A title from the id, for when the author gives none: "rate-limiter" -> "Rate limiter"."""
    words = scenario_id.replace("-", " ")
    return words[:1].upper() + words[1:]


def scenario_template(scenario_id: str, path_hint: str | None = None, title: str | None = None) -> str:
    """The template text for a new scenario with this id and title."""
    shown = title or default_title(scenario_id)
    if not re.fullmatch(r"[A-Za-z][\w ,.()'/-]*", shown) or shown.lower() in ("yes", "no", "on", "off"):
        shown = json.dumps(shown, ensure_ascii=False)  # a JSON string is a YAML string
    return TEMPLATE.format(id=scenario_id, title=shown, path_hint=path_hint or f"{scenario_id}.yaml")
