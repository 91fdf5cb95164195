"""The Dask engine gives exactly what the default engine gives, in input order, errors included."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from benchmarks.corpus import articles

from zonewatch.errors import ConfigError, InputError
from zonewatch.model import Document
from zonewatch.pipeline import extract_sources, prepare, run
from zonewatch.scale.dask_engine import connect, extract_distributed, local_client
from zonewatch.serialize import extraction_dict


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    # threads, not processes: quick to start, and the code path (submit, partitions, ordering) is the same
    with local_client(workers=2, processes=False) as c:
        yield c


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    for a in articles(24, seed=11):
        (folder / f"{a.stem}.txt").write_text(a.text, encoding="utf-8")
    return folder


def test_same_extractions_as_the_default_engine_in_input_order(client: Any, corpus: Path) -> None:
    default = [extraction_dict(o.extraction) for o in extract_sources([str(corpus)]) if o.extraction]
    # a small partition size so the 24 documents cross several partitions and the window refills
    dask = [extraction_dict(o.extraction) for o in extract_distributed([str(corpus)], client, partition_size=5, window=2)
            if o.extraction]  # fmt: skip
    assert len(dask) == 24
    assert dask == default


def test_documents_in_memory_and_a_bad_path_keep_their_place(client: Any, corpus: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    first = sorted(corpus.glob("*.txt"))[0]
    doc = Document("Nothing to see.", source="mem")
    outs = list(extract_distributed([str(first), str(tmp_path / "missing.txt"), doc, str(empty)], client))
    assert [o.source for o in outs] == [str(first), str(tmp_path / "missing.txt"), "mem", str(empty)]
    assert outs[0].extraction is not None and outs[2].extraction is not None
    assert isinstance(outs[1].error, InputError) and "no such file" in str(outs[1].error)
    assert isinstance(outs[3].error, InputError) and "is empty" in str(outs[3].error)
    assert outs[2].extraction.document.language == "en"
    assert extraction_dict(outs[2].extraction) == extraction_dict(run(prepare(doc)))


def test_worker_processes_give_the_same_result(corpus: Path) -> None:
    paths = [str(p) for p in sorted(corpus.glob("*.txt"))[:6]]
    with local_client(workers=1, processes=True) as c:
        dask = [extraction_dict(o.extraction) for o in extract_distributed(paths, c, partition_size=4) if o.extraction]
    assert dask == [extraction_dict(o.extraction) for o in extract_sources(paths) if o.extraction]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"scheduler": "tcp://127.0.0.1:8786", "workers": 2}, "not both"), ({"workers": 0}, "at least 1")],
)
def test_bad_engine_options_are_config_errors(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(ConfigError, match=message), connect(**kwargs):
        pass


def test_unreachable_scheduler_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="cannot reach"), connect(scheduler="tcp://127.0.0.1:1"):
        pass


def _worker_state(dask_worker: Any) -> dict[str, Any]:
    import sys

    return {
        "warm_up_cpu_s": getattr(dask_worker, "zonewatch_warm_up_cpu_s", None),
        "extractors_loaded": {"zonewatch.extract.zh.projects", "zonewatch.extract.en.frames"} <= set(sys.modules),
        "profiler": "profile" in dask_worker.periodic_callbacks,
    }


def test_connect_warms_each_worker_process_and_turns_the_profiler_off() -> None:
    with connect(workers=1) as c:
        (state,) = c.run(_worker_state).values()
    assert state["warm_up_cpu_s"] is not None and state["warm_up_cpu_s"] > 0
    assert state["extractors_loaded"]
    assert state["profiler"] is False
