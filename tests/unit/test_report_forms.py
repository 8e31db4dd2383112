"""One report, every form: the app's report screen, `run`, `show`, `rescore` and the Markdown
export show the same sections, in the same order, with the same figures and labels.

One real headless run (an estimate right, one a hundred times off, a whiteboard, a hint)
is graded offline; each form is then read as a user would read it.
"""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from interview.cli import cli
from interview.store import Store
from interview.text.report_sections import report_sections
from interview.tui.widgets.report_text import report_markdown

ANSWERS = """How many new URLs per month, and how long do we keep links?
---
/board client -> api -> kv
---
About 40 writes per second. Reads are 100 times that, so 400000 redirects per second.
---
/hint
---
We store each link in a key-value store keyed by the short code, with a cache in front.
---
/end
"""
WIDE = {"COLUMNS": "1000"}  # no table cell is wrapped, so each can be found whole


def cli_out(*args: object) -> str:
    result = CliRunner(env=WIDE).invoke(cli, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def forms(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    tmp = tmp_path_factory.mktemp("forms")
    answers = tmp / "answers.txt"
    answers.write_text(ANSWERS, encoding="utf-8")
    db = tmp / "interview.db"
    run = cli_out("run", "url-shortener", "--answers", answers, "--db", db)
    with Store(db) as store:
        (summary,) = store.list_sessions()
        record = store.get_session(summary.id)
        report = store.latest_report(record.id)
    assert report is not None
    return {
        "sections": report_sections(report, record),
        "app": report_markdown(report, record),
        "run": run,
        "show": cli_out("show", record.id, "--db", db),
        "export": cli_out("export", record.id, "--format", "md", "--db", db),
        "rescore": cli_out("rescore", record.id, "--offline", "--as-run", "--db", db),
    }


FORMS = ("app", "run", "show", "export", "rescore")


def titles_in(text: str, titles: list[str]) -> list[str]:
    """The section titles as a reader meets them: Markdown `## Title` or a rule `Title ───`."""
    found = []
    for line in text.splitlines():
        heading = re.fullmatch(r"#{2} (.+)", line) or re.fullmatch(r"(.+?) ─{3,}", line)
        if heading and heading.group(1).strip() in titles:
            found.append(heading.group(1).strip())
    return found


def flat(text: str) -> str:
    return " ".join(text.replace("\\|", "|").split())


@pytest.mark.parametrize("form", FORMS)
def test_every_form_has_the_same_sections_in_the_same_order(forms, form) -> None:
    titles = [s.title for s in forms["sections"]]
    assert {"Score", "Criteria", "Estimates", "Time per phase", "Whiteboard"} <= set(titles)
    assert titles_in(forms[form], titles) == titles


@pytest.mark.parametrize("form", FORMS)
def test_every_form_has_the_same_figures_and_labels(forms, form) -> None:
    shown = flat(forms[form])
    for section in forms["sections"]:
        for block in section.blocks:
            for header in block.headers:
                assert header.lower() in shown.lower(), (section.title, header)
            for row in block.rows:
                for cell in row:  # every figure: scores, estimates, tolerance, derivation, minutes
                    assert flat(cell) in shown, (section.title, cell)
            for item in block.items:
                assert flat(item.text) in shown, (section.title, item.text)
                for note in item.notes:
                    assert flat(note) in shown
            if block.kind == "text":
                assert flat(block.text) in shown, (section.title, block.text)


def test_the_wrong_figure_shows_its_derivation_everywhere(forms) -> None:
    (estimates,) = [s for s in forms["sections"] if s.id == "estimates"]
    rows = estimates.blocks[0].rows
    wrong = [row for row in rows if row[3].startswith("no")]
    assert wrong and all(row[4] for row in wrong)  # a wrong figure says how the reference is derived
    for form in FORMS:
        assert all(flat(row[4]) in flat(forms[form]) for row in wrong)
