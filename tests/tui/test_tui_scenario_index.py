"""Home lists the scenarios from the index of the last load, before the catalog is loaded again."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest
from textual.widgets import DataTable, Static

import interview.catalog
from interview.tui.app import InterviewApp
from interview.tui.scenario_index import index_path, search_dirs
from interview.tui.services import StartOptions
from tests.tui.conftest import DATA
from tests.tui.helpers import wait_for


def _listed(app: InterviewApp) -> list[str]:
    table = app.screen.query_one("#scenario-table", DataTable)
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


@pytest.fixture
def slow_catalog(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Loading the catalog waits until the test lets it go."""
    release = threading.Event()
    real = interview.catalog.load_catalog

    def waiting(extra_dirs=()):  # noqa: ANN001, ANN202
        release.wait(20)
        return real(extra_dirs)

    monkeypatch.setattr(interview.catalog, "load_catalog", waiting)
    return release


async def test_the_list_comes_from_the_index_until_a_catalog_file_changes(
    make_services, tmp_path: Path, slow_catalog: threading.Event
) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    shutil.copy(DATA / "scenarios" / "url-mini.yaml", mine / "extra.yaml")
    services = lambda: make_services(catalog=None, scenario_dirs=(mine,))  # noqa: E731

    slow_catalog.set()  # the first start loads and writes the index
    first = InterviewApp(StartOptions("home"), services())
    async with first.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: first.prepared and len(_listed(first)) == 2, what="the list")
        loaded = _listed(first)
    assert index_path().is_file()

    slow_catalog.clear()  # the next start: the catalog takes its time ...
    second = InterviewApp(StartOptions("home"), services())
    async with second.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert not second.prepared
        assert _listed(second) == loaded  # ... and the list is there already
        assert "Loading" in str(second.screen.query_one("#brief", Static).render())
        slow_catalog.set()
        await wait_for(pilot, lambda: second.prepared, what="the catalog")
        assert _listed(second) == loaded
        await wait_for(
            pilot, lambda: "Loading" not in str(second.screen.query_one("#brief", Static).render())
        )

    stat = (mine / "extra.yaml").stat()
    os.utime(mine / "extra.yaml", ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    slow_catalog.clear()  # a file changed: no list until the catalog says what it is now
    third = InterviewApp(StartOptions("home"), services())
    async with third.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert _listed(third) == []
        slow_catalog.set()
        await wait_for(pilot, lambda: third.prepared and _listed(third) == loaded, what="the list")


def test_the_index_searches_the_folders_the_catalog_searches(tmp_path: Path) -> None:
    from interview.catalog.catalog import search_dirs as catalog_dirs

    for kind in ("scenarios", "rubrics", "personas"):
        assert search_dirs(kind, [tmp_path]) == [d.directory for d in catalog_dirs(kind, [tmp_path])]
