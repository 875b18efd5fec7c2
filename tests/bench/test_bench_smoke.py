"""The benchmark harness cannot rot: one tiny benchmark end to end (sandbox in its own process over loopback, a
real store, SyncService), through the runner that writes the JSON. No timing is asserted, only that it measured."""

from __future__ import annotations

import json
import os

import pytest


@pytest.fixture
def restored_environ():
    # The benchmark isolates its process (drops LUMIO_* variables, points at no settings file): undo it for the
    # tests that run after this one.
    saved = dict(os.environ)
    yield
    os.environ.clear()
    os.environ.update(saved)


def test_noop_incremental_benchmark_runs_end_to_end_and_writes_json(tmp_path, capsys, restored_environ):
    from bench import benches  # noqa: F401 - registers the benchmarks
    from bench.runner import BENCHMARKS, run

    assert len(BENCHMARKS) == 9
    out = tmp_path / "bench.json"
    report = run(["3_noop_incremental"], "tiny", out)

    saved = json.loads(out.read_text())
    assert saved["machine"]["cpu_count"] and saved["machine"]["python"]
    (res,) = saved["results"]
    assert res["error"] is None, res["error"]
    figs = res["figures"]
    assert figs["store_records"] > 0
    for provider in ("hubspot", "salesforce", "shopify"):
        assert figs[f"requests {provider}"] >= 1
        assert figs[f"wall_ms {provider}"] >= 0
    assert res["met"] in (True, False)
    assert report["results"][0]["name"] == "3_noop_incremental"
    assert "3_noop_incremental" in capsys.readouterr().out


def test_the_engine_words_benchmark_measures_parsing(tmp_path, restored_environ):
    from bench import benches  # noqa: F401 - registers the benchmarks
    from bench.runner import run

    (res,) = run(["9_engine_words"], "tiny", tmp_path / "b.json")["results"]
    assert res["error"] is None, res["error"]
    assert res["figures"]["sentences"] == 2_000 and res["figures"]["cold_ms"] > 0 and res["figures"]["templates"] > 200
