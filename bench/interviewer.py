"""A scorecard for the offline interviewer: scripted candidates of many kinds, binary criteria.

Run:  .venv/bin/python bench/interviewer.py [--show NAME] [--library | --unseen]

Plays each script in tests/support/candidates.py headless (VirtualClock, offline voice) and
checks the interviewer's turns against binary criteria; `-` marks a criterion that does not
apply to a script. Also prints the share of interviewer replies that reference the candidate's
own words (two consecutive words of the candidate's last turn, one of them a content word).
Targets: >= 90% of applicable cells pass; >= 60% of replies reference the candidate's words.

--library plays instead the strong and weak answers files of every built-in scenario (the original
three from tests/fixtures/calibration, the others from tests/fixtures/library_answers) and reports
the pass rate of the original three beside that of the rest: does the interviewer generalise?
--unseen plays the answers files of tests/fixtures/scenarios_unseen (scenarios nothing was tuned on).
"""

from __future__ import annotations

import argparse
import asyncio
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from interview.catalog import load_catalog  # noqa: E402
from interview.catalog.models import PHASE_TITLES, Scenario  # noqa: E402
from interview.engine import VirtualClock, new_session  # noqa: E402
from interview.engine.answers import read_answers  # noqa: E402
from interview.engine.planner_state import answered, content_words, similar  # noqa: E402
from interview.text.numbers import find_figures  # noqa: E402
from interview.text.units import convert  # noqa: E402
from tests.support.candidates import SCRIPTS, Script, t  # noqa: E402

ORIGINAL = ("url-shortener", "chat", "payment-rail")
FIXTURES = ROOT / "tests" / "fixtures"

CRITERIA = (
    "no_repeat",
    "no_leak",
    "follows_up",
    "challenges_numbers",
    "pushes_numbers",
    "probes_failure",
    "trade_offs",
    "not_stuck",
    "transitions",
    "natural",
    "persona",
)
_STOP = frozenset(
    "a an and are as at be but by do does for from how i if in is it its i'm of on or so that the their "
    "them then there this to we what when where which who why will with would you your me my just can "
    "about i'd we'd it's that's".split()
)
_WORD = re.compile(r"[a-z0-9][a-z0-9'.:/-]*[a-z0-9]|[a-z0-9]")
_POSITIVE = re.compile(r"^(?:good|great|yes|sure|right|correct|exactly|that holds|that matches)\b", re.I)
_PRAISE = re.compile(  # an acknowledgement that agrees: never in the same turn as a challenge
    r"\b(?:good, |that's in the right range|look sane|that matches|that holds|fair enough|makes sense|"
    r"that's reasonable|i can work with that)",
    re.I,
)
_ASYNC = re.compile(r"\b(?:kafka|queue|queues|async|asynchronous|workers?|consumers?|event bus)\b", re.I)
_DLQ_SAID = re.compile(r"dead[- ]letter|\bdlq\b|poison|parking lot", re.I)
_DLQ_ASKED = re.compile(r"dead[- ]letter|fails every retry|fails processing every time|keeps failing", re.I)
_FAILURE = re.compile(
    r"\b(?:fails?|failing|failure|goes down|go down|dies|crash\w*|dark|unreachable|outage|lose|loses|lost|"
    r"breaks?|disagree|restarts?|slows? down|never reaches|heard nothing|times? out|timeout|twice)\b",
    re.I,
)
_CLARIFY = re.compile(
    r"before we draw|what exactly are we building|requirements first|clarify|"
    r"what (?:are|is) the requirements|who (?:is|are) (?:it|this) for",
    re.I,
)


@dataclass
class Reply:
    text: str
    move: dict
    phase: str
    after: str | None  # the candidate text this replies to (None: a command or the opening)
    tags: frozenset[str] = frozenset()


@dataclass
class Played:
    script: Script
    scenario: Scenario
    replies: list[Reply] = field(default_factory=list)
    candidate: list[str] = field(default_factory=list)
    phases: list[str] = field(default_factory=list)


async def play(script: Script, catalog_dirs: list[Path] | None = None) -> Played:
    catalog = load_catalog(catalog_dirs) if catalog_dirs else load_catalog()
    session = new_session(catalog, script.scenario, seed=7, clock=VirtualClock(), level=script.level)
    played = Played(script, session.scenario)
    async for _ in session.opening():
        pass
    for turn in script.turns:
        if session.finished:
            break
        seen = len(session.events)
        async for _ in session.send(turn.text):
            pass
        is_text = not turn.text.startswith("/")
        if is_text:
            played.candidate.append(turn.text)
        for event in session.events[seen:]:
            if event.role == "interviewer":
                played.replies.append(
                    Reply(
                        event.text, dict(event.data), event.phase, turn.text if is_text else None, turn.tags
                    )
                )
    played.phases = [p for p in dict.fromkeys(e.phase for e in session.events)]
    return played


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def references(reply: str, said: str) -> bool:
    """Whether a reply repeats two consecutive words of what the candidate said (one a content word).

    A turn of one or two content words ("Cassandra.", "How many users?") is referenced by one of them.
    """
    theirs = words(said)
    content = [w for w in theirs if w not in _STOP and len(w) >= 4]
    if len(content) <= 2 and set(content) & set(words(reply)):
        return True
    pairs = {(a, b) for a, b in zip(theirs, theirs[1:], strict=False) if a not in _STOP or b not in _STOP}
    mine = words(reply)
    return any(pair in pairs for pair in zip(mine, mine[1:], strict=False))


def said_already(question: str, said: str) -> bool:
    """Whether a turn already holds most of a question's words, and at least two of them.

    (One shared word is no answer: "time" in "processing time" does not answer "What would you do
    with more time?", which has two content words.)
    """
    asked = content_words(question)
    return answered(question, said) and len(asked & content_words(said)) >= min(2, len(asked))


def _near(value: float, target: float) -> bool:
    return target > 0 and abs(value - target) / target <= 0.05


def leaks(played: Played) -> list[str]:
    """Reference estimate values the interviewer said that neither the candidate nor a fact gave."""
    found: list[str] = []
    facts = " ".join(f.answer for f in played.scenario.facts)
    given = find_figures(facts)
    said_so_far: list = []
    for reply in played.replies:
        if reply.after:
            said_so_far.extend(find_figures(reply.after))
        for fig in find_figures(reply.text):
            if fig.unit is None:
                continue
            for est in played.scenario.estimates:
                value = convert(fig.value, fig.unit, est.unit)
                if value is None or not _near(value, est.value):
                    continue
                known = given + said_so_far
                if any(
                    (v := convert(g.value, g.unit, est.unit)) is not None and _near(v, est.value)
                    for g in known
                ):
                    continue
                found.append(f"{fig.raw!r} ({est.id})")
    return found


_TOPICAL = ("followup", "rule", "probe", "failure_probe", "wrap_up")


def _turns_before(played: Played, reply: Reply) -> int:
    """How many candidate free-text turns came before (and including the one answered by) `reply`."""
    seen = 0
    for r in played.replies:
        if r.after is not None:
            seen += 1
        if r is reply:
            return seen
    return seen


_ASKING = re.compile(r"\b(?:walk me through|take me through|tell me|show me|explain|talk me through)\b", re.I)


def asked(reply: Reply) -> bool:
    """Whether a reply puts something to the candidate (a question, or "walk me through ...")."""
    return "?" in reply.text or bool(_ASKING.search(reply.text))


def check(played: Played) -> dict[str, bool | None]:
    """Each criterion: True (pass), False (fail) or None (does not apply)."""
    replies = played.replies
    tags = {tag for turn in played.script.turns for tag in turn.tags}
    replied = [r for r in replies if r.after is not None]
    out: dict[str, bool | None] = {}

    keys = [r.move.get("key") for r in replies if r.move.get("key")]
    # Estimate labels share words by design ("... per second (average)" / "... at peak"): not compared.
    topical = [r for r in replies if r.move.get("question") and r.move.get("move") in _TOPICAL]
    questions = [r.move["question"] for r in topical]
    dupe_text = any(similar(a, b) for i, a in enumerate(questions) for b in questions[i + 1 :])
    # ... nor asks what the candidate has already said (in any earlier turn, or the one it answers).
    said_before = any(
        any(said_already(r.move["question"], c) for c in played.candidate[: _turns_before(played, r)])
        for r in topical
    )
    out["no_repeat"] = len(keys) == len(set(keys)) and not dupe_text and not said_before
    out["no_leak"] = not leaks(played)

    quotable = [r for r in replied if not r.tags & {"idk", "off", "inject"}]
    if quotable:
        share = sum(references(r.text, r.after or "") for r in quotable) / len(quotable)
        out["follows_up"] = share >= 0.5
    else:
        out["follows_up"] = None

    if "wrong" in tags:
        out["challenges_numbers"] = all(
            any(r.move.get("move") == "challenge" for r in replied[i : i + 2])
            for i, r in enumerate(replied)
            if "wrong" in r.tags
        )
    else:
        out["challenges_numbers"] = None

    est = [r for r in replies if r.phase == "estimation"]
    if est and any(r.after for r in est):
        out["pushes_numbers"] = any(
            r.move.get("move") in ("ask_estimate", "challenge") or "number" in r.text.lower() for r in est
        )
    else:
        out["pushes_numbers"] = None

    deep = [r for r in replies if r.phase == "deep_dive"]
    async_said = any(_ASYNC.search(c) for c in played.candidate)
    dlq_said = any(_DLQ_SAID.search(c) for c in played.candidate)
    if deep or async_said:
        failure = any(
            _FAILURE.search(r.text) and asked(r) for r in replies if r.phase in ("deep_dive", "wrap_up")
        )
        dlq_ok = dlq_said or not async_said or any(_DLQ_ASKED.search(r.text) for r in replies)
        out["probes_failure"] = (failure or not deep) and dlq_ok
    else:
        out["probes_failure"] = None

    # Only design turns with a design in them (not "I don't know", small talk, "just tell me").
    empty = {"idk", "off", "give", "inject"}
    design = [r for r in replied if r.phase in ("high_level_design", "deep_dive") and not r.tags & empty]
    if len(design) >= 2:
        out["trade_offs"] = any(re.search(r"trade[- ]?offs?", r.text, re.I) for r in replies)
    else:
        out["trade_offs"] = None

    stuck = any(a.text == b.text for a, b in zip(replies, replies[1:], strict=False))
    kinds = [r.move.get("move") for r in replied]
    idle = {"listen", "nothing_new", "assume", "hint_used"}
    stuck = stuck or any(
        kinds[i] == kinds[i + 1] == kinds[i + 2] and kinds[i] in idle for i in range(len(kinds) - 2)
    )
    out["not_stuck"] = not stuck

    order = [p.id for p in played.scenario.phases]
    visited = [order.index(p) for p in played.phases if p in order]
    in_order = visited == list(range(len(visited)))
    named = all(
        PHASE_TITLES.get(r.phase, r.phase).lower() in r.text.lower()
        for r in replies
        if r.move.get("transition_from")
    )
    out["transitions"] = in_order and named

    challenges = [c.lower().rstrip(".") for c in _persona_lines(played, "challenge")]
    natural = True
    for r in replies:
        low = r.text.lower()
        if not r.text.strip() or "{" in r.text or len(r.text) > 900 or re.search(r"\b(\w+) \1\b", low):
            natural = False
        if _PRAISE.search(r.text) and any(c in low for c in challenges):
            natural = False
    out["natural"] = natural

    out["persona"] = persona_faithful(played)
    return out


def _persona_lines(played: Played, slot: str) -> list[str]:
    catalog = load_catalog()
    persona = catalog.persona(played.scenario.persona)
    return list(getattr(persona.voice, slot))


def persona_faithful(played: Played) -> bool:
    """Each tagged candidate turn gets the response its kind calls for."""
    replied = [r for r in played.replies if r.after is not None]
    ok = True
    for i, r in enumerate(replied):
        low = r.text.lower()
        if "idk" in r.tags and (not asked(r) or r.move.get("move") in ("listen", "nothing_new")):
            ok = False
        if "give" in r.tags and not asked(r):
            ok = False
        if "approval" in r.tags and (_POSITIVE.match(r.text) or "that's right" in low or not asked(r)):
            ok = False
        if "off" in r.tags and not asked(r):
            ok = False
        if "repeat" in r.tags and not re.search(r"\b(?:already|again|same|said that)\b", low):
            ok = False
        if "bare" in r.tags and "why" not in low:
            ok = False
        if "dodge" in r.tags and not asked(r):
            ok = False
        if "jump" in r.tags and not any(_CLARIFY.search(x.text) for x in replied[i : i + 2]):
            ok = False
        if "inject" in r.tags and re.search(r"\b(?:rubric|debug mode|strong hire|reference estimate)", low):
            ok = False
    return ok


def library_scripts() -> list[Script]:
    """Untagged scripts from the strong and weak answers files of every built-in scenario."""
    out: list[Script] = []
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        folder = FIXTURES / ("calibration" if path.stem in ORIGINAL else "library_answers") / path.stem
        for quality in ("strong", "weak"):
            answers = folder / f"{quality}.txt"
            if answers.exists():
                turns = tuple(t(a) for a in read_answers(answers))
                out.append(Script(f"{path.stem}/{quality}", path.stem, turns))
    return out


UNSEEN = FIXTURES / "scenarios_unseen"


def unseen_scripts() -> list[Script]:
    """Strong and weak answers for the scenarios nothing was tuned on (tests/fixtures/scenarios_unseen)."""
    out: list[Script] = []
    for path in sorted(UNSEEN.glob("*.yaml")):
        for quality in ("strong", "weak"):
            answers = UNSEEN / "answers" / path.stem / f"{quality}.txt"
            if answers.exists():
                turns = tuple(t(a) for a in read_answers(answers))
                out.append(Script(f"{path.stem}/{quality}", path.stem, turns))
    return out


def _rate(results: list[tuple[str, dict[str, bool | None], int, int]]) -> str:
    cells = [v for _, row, _, _ in results for v in row.values() if v is not None]
    return f"{sum(cells)}/{len(cells)} = {100 * sum(cells) / max(1, len(cells)):.0f}%"


def main() -> None:
    parser = argparse.ArgumentParser(description="scorecard of the offline interviewer")
    parser.add_argument("--show", help="print the transcript of one script")
    parser.add_argument("--library", action="store_true", help="play every scenario's answers files")
    parser.add_argument("--unseen", action="store_true", help="play the unseen scenarios' answers files")
    args = parser.parse_args()
    results = []
    total_refs = total_replies = 0
    scripts = unseen_scripts() if args.unseen else library_scripts() if args.library else SCRIPTS
    dirs = [UNSEEN] if args.unseen else None  # extra dirs: the built-ins load as well
    for s in scripts:
        played = asyncio.run(play(s, dirs))
        if args.show == s.name:
            for r in played.replies:
                if r.after:
                    print(f"  C: {r.after}")
                print(f"  I[{r.move.get('move')}]: {r.text}\n")
        replied = [r for r in played.replies if r.after is not None]
        refs = sum(references(r.text, r.after or "") for r in replied)
        total_refs += refs
        total_replies += len(replied)
        results.append((s.name, check(played), refs, len(replied)))
    head = f"{'script':<30}" + "".join(f"{c[:10]:>11}" for c in CRITERIA) + "   refs"
    print(head)
    passed = applicable = 0
    for name, cells, refs, n in results:
        row = f"{name:<30}"
        for c in CRITERIA:
            value = cells[c]
            row += f"{'-' if value is None else ('pass' if value else 'FAIL'):>11}"
            if value is not None:
                applicable += 1
                passed += bool(value)
        print(row + f"  {refs:>2}/{n:<2}")
    print(f"\ncells passed: {passed}/{applicable} = {100 * passed / max(1, applicable):.0f}% (target >= 90%)")
    share = 100 * total_refs / max(1, total_replies)
    said = f"{total_refs}/{total_replies} = {share:.0f}%"
    print(f"replies referencing the candidate's words: {said} (target >= 60%)")
    if args.library:
        original = [r for r in results if r[0].split("/")[0] in ORIGINAL]
        others = [r for r in results if r[0].split("/")[0] not in ORIGINAL]
        print(f"original three: {_rate(original)}; the other {len(others) // 2} scenarios: {_rate(others)}")


if __name__ == "__main__":
    main()
