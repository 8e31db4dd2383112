"""Browsing a library of thirteen scenarios: filters by tag, level and text, and the next suggestion."""

from __future__ import annotations

import json

from click.testing import CliRunner

from interview.catalog import load_catalog
from interview.catalog.browse import Query, filter_scenarios, parse_query, suggest
from interview.cli import cli


def ids(query: Query) -> list[str]:
    scenarios = sorted((e.model for e in load_catalog().scenarios.values()), key=lambda s: s.id)
    return [s.id for s in filter_scenarios(scenarios, query)]


def test_the_filter_box_reads_tags_level_and_words() -> None:
    assert parse_query("tag:Caching level:senior  Feed ") == Query(("caching",), "senior", ("feed",))
    assert parse_query("").empty


def test_tags_level_and_words_narrow_the_list() -> None:
    assert ids(Query(tags=("caching",))) == ["news-feed", "search-autocomplete", "url-shortener"]
    assert ids(Query(tags=("caching", "social"))) == ["news-feed"]
    assert ids(Query(words=("seat",))) == ["ticket-booking"]
    assert ids(Query(level="mid")) == []
    assert len(ids(Query())) >= 13


def test_search_never_reveals_the_hidden_facts() -> None:
    # "celebrity accounts" is in the news feed's hidden facts, not its brief: a search must not find it
    catalog = load_catalog()
    assert "celebrit" in " ".join(f.answer for f in catalog.scenario("news-feed").facts).lower()
    assert ids(Query(words=("celebrity",))) == []


def test_suggest_picks_an_untried_scenario_first_then_the_weakest_last_score() -> None:
    order = ["chat", "news-feed", "url-shortener"]
    assert suggest(order, {"chat": 80.0}).scenario_id == "news-feed"
    tried = suggest(order, {"chat": 80.0, "news-feed": 35.0, "url-shortener": 60.0})
    assert tried is not None and tried.scenario_id == "news-feed" and "35" in tried.reason
    # an attempt without a score still counts as tried
    assert suggest(order, {"chat": None, "news-feed": 50.0}).scenario_id == "url-shortener"
    assert suggest(order, {s: None for s in order}) is None


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_scenarios_list_filters_by_tag_level_and_search() -> None:
    code, out, _ = invoke("scenarios", "list", "--tag", "caching", "--json")
    rows = json.loads(out)
    assert code == 0 and [r["id"] for r in rows] == ["news-feed", "search-autocomplete", "url-shortener"]
    assert all("caching" in r["tags"] for r in rows)
    code, out, _ = invoke("scenarios", "list", "--search", "seat holds")
    assert code == 0 and "ticket-booking" in out and "news-feed" not in out and "TAGS" in out
    code, out, err = invoke("scenarios", "list", "--tag", "no-such-tag")
    assert code == 0 and out == "" and "No scenario matches" in err and "caching" in err
    code, _, err = invoke("scenarios", "list", "--level", "expert")
    assert code != 0 and "expert" in err
