"""What the benchmark runs in a fresh child process, one measurement per process; each prints one JSON line.

    python -m bench.probes baseline PDF                 plain pdfplumber extract_words, page by page, pages closed
    python -m bench.probes ingest SRC OUT [--workers N] [--warm]
                                                        pipeline.run.ingest, timed around the call; --warm runs
                                                        it first on a few of SRC's files, untimed, so the timed
                                                        run starts with the forkserver and imports warm
    python -m bench.probes stages OUT FILE|DIR          every library stage timed on its own, in this one process

Each reports wall seconds and CPU seconds. CPU time hardly changes when other work shares the machine (wall time
does), so it is the steadier measure of cost on a busy machine; wall time is what parallelism improves. A fresh
process per measurement keeps one run's memory and warm caches out of the next; the parent (bench.run_bench)
samples the memory of the whole process tree from outside. Profile any of them with
`python -m pyinstrument -m bench.probes ...` or `py-spy record --subprocesses -- python -m bench.probes ...`.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import multiprocessing.forkserver
import resource
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

# Files of the source folder that a --warm ingest runs on first (a few, of whatever kinds the folder begins with).
WARM_FILES = 3
# Stage names in pipeline order, as the benchmark table prints them.
STAGES = ("hash", "read", "normalise", "structure", "nlp", "extract_mentions", "extract_figures",
          "extract_recommendations", "resolve", "validate", "publish", "report")


def baseline(pdf_path: Path) -> dict:
    """pdfplumber's own word extraction over every page, each page closed after use (the floor we compare to)."""
    import pdfplumber

    started, cpu = time.perf_counter(), time.process_time()
    pages = words = 0
    with pdfplumber.open(pdf_path) as pdf:
        for page in pdf.pages:
            words += len(page.extract_words())
            page.close()
            pages += 1
    return {"seconds": time.perf_counter() - started, "cpu_s": time.process_time() - cpu, "pages": pages,
            "words": words}


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _stop_forkserver() -> None:
    """Stop and reap the workers' forkserver, so its CPU time and that of every worker it reaped (and their peak
    RSS) count in this process's RUSAGE_CHILDREN. Private API: skipped if multiprocessing changes it."""
    server = getattr(multiprocessing.forkserver, "_forkserver", None)
    stop = getattr(server, "_stop", None)
    if callable(stop) and getattr(server, "_forkserver_pid", None):
        stop()


def ingest(src_dir: Path, out_dir: Path, workers: int | None, warm: bool = False) -> dict:
    """The whole pipeline (plan, worker processes, resolve, validate, publish) as `python -m pipeline ingest`.
    A run that fails validation did all the work but publishing: its time counts, its failures are reported.
    `warm`: first run it, untimed, on copies of a few of the source's files, so the timed run pays no warm-up
    (the forkserver and this process's imports), as if the workers' forkserver had been kept between runs; its
    worker processes are new, as in any run."""
    import pipeline.workers
    from pipeline.run import RunOptions, discover, ingest as run_ingest
    from pipeline.validate import ValidationFailed

    if warm:
        with tempfile.TemporaryDirectory(prefix="bench-warm-") as scratch:
            for path in discover(src_dir)[:WARM_FILES]:
                copy = Path(scratch, "src", path.relative_to(src_dir))
                copy.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(path, copy)
            try:
                run_ingest(Path(scratch, "src"), Path(scratch, "out"), RunOptions(workers=workers))
            except ValidationFailed:  # warm all the same: only the timed run is reported
                pass
    result: dict = {"validation_failures": 0, "extract_s": 0.0, "warm": warm}
    process_isolated = pipeline.workers.process_isolated

    def timed_extraction(*args, **kwargs):  # the per-document phase: what the worker count can speed up
        extraction_started = time.perf_counter()
        try:
            return process_isolated(*args, **kwargs)
        finally:
            result["extract_s"] += time.perf_counter() - extraction_started

    pipeline.workers.process_isolated = timed_extraction
    started, cpu = time.perf_counter(), _cpu(resource.RUSAGE_SELF)
    try:
        summary = run_ingest(src_dir, out_dir, RunOptions(workers=workers))
        result.update(documents=summary.documents, extracted=summary.extracted, statuses=summary.statuses,
                      rows=summary.rows)
    except ValidationFailed as exc:
        result["validation_failures"] = len(exc.failures)
    result["seconds"] = time.perf_counter() - started
    _stop_forkserver()
    # The forkserver, and with it every worker it reaped, counts once it is stopped: after a --warm run that
    # includes the untimed run's processes, so no CPU time is reported for it.
    result["cpu_s"] = None if warm else _cpu(resource.RUSAGE_SELF) - cpu + _cpu(resource.RUSAGE_CHILDREN)
    result["largest_child_rss_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return result


def stages(out_dir: Path, source: Path) -> dict:
    """Wall and CPU seconds spent in each library function on one file or every file of a folder, called directly
    in this process; `report` is the review report that publishing writes into each version."""
    from pipeline.extract import ParsedDocument
    from pipeline.extract.figures import extract_figures
    from pipeline.extract.organisations import extract_mentions
    from pipeline.extract.recommendations import extract_recommendations
    from pipeline.nlp import build_nlp
    from pipeline.incremental import pack_texts, store_texts
    from pipeline.process import NLP_BATCH_SIZE, doc_id_for
    from pipeline.publish import REPORT_DIR, publish
    from pipeline.read import read_document
    from pipeline.records import DocumentResult
    from pipeline.report.build import write_report
    from pipeline.structure import split_blocks
    from pipeline.tables import build_tables
    from pipeline.text import normalise_document
    from pipeline.validate import ValidationFailed, validate_tables

    wall: dict[str, float] = defaultdict(float)
    cpu: dict[str, float] = defaultdict(float)

    def timed(stage: str, function, *args):
        started, started_cpu = time.perf_counter(), time.process_time()
        try:
            return function(*args)
        finally:
            wall[stage] += time.perf_counter() - started
            cpu[stage] += time.process_time() - started_cpu

    def warm_up() -> None:
        import pipeline.worker_preload  # noqa: F401  (what each run's worker forkserver does once)

    timed("warm_up", warm_up)
    nlp = build_nlp()
    results, pages = [], 0
    src_dir = source if source.is_dir() else source.parent
    files = sorted(p for p in source.rglob("*") if p.is_file()) if source.is_dir() else [source]
    for path in files:
        data = path.read_bytes()
        sha256 = timed("hash", lambda: hashlib.sha256(data).hexdigest())
        raw = timed("read", read_document, path, data)
        text = timed("normalise", normalise_document, raw.pages)
        blocks = timed("structure", lambda: tuple(split_blocks(text)))
        docs = timed("nlp", lambda: tuple(nlp.pipe((b.text for b in blocks), batch_size=NLP_BATCH_SIZE)))
        parsed = ParsedDocument(doc_id_for(sha256), text, blocks, docs)
        mentions = timed("extract_mentions", lambda: tuple(extract_mentions(parsed)))
        figures = timed("extract_figures", lambda: tuple(extract_figures(parsed)))
        recommendations = timed("extract_recommendations", lambda: tuple(extract_recommendations(parsed)))
        pages += len(raw.pages)
        result = DocumentResult(parsed.doc_id, path.relative_to(src_dir).as_posix(), sha256, raw.media_type,
                                len(raw.pages), "ok", None, chars=len(text.text), repairs=dict(text.repairs),
                                mentions=mentions, figures=figures, recommendations=recommendations,
                                texts=timed("report", pack_texts, sha256, raw.pages, text.text))
        # As the run does: the texts go to OUT_DIR/state/texts for the report, and leave the result.
        results.append(timed("report", store_texts, out_dir, result))
    tables = timed("resolve", build_tables, results, [])
    failures = 0
    try:
        tables = timed("validate", validate_tables, tables)
    except ValidationFailed as exc:  # reported; the unvalidated tables still show what publishing costs
        failures = len(exc.failures)
    timed("publish", publish, tables, out_dir)
    # Beside the published version (whose report/ link publishing has just made), as run.finish writes it into
    # the version being staged.
    timed("report", write_report, tables, out_dir / f"stage-{REPORT_DIR}", src_dir, None, out_dir)
    return {"seconds": {stage: wall[stage] for stage in STAGES}, "cpu_s": {stage: cpu[stage] for stage in STAGES},
            "warm_up": {"seconds": wall["warm_up"], "cpu_s": cpu["warm_up"]}, "documents": len(results),
            "pages": pages, "validation_failures": failures,
            "rows": {name: len(frame) for name, frame in tables.items()}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.probes", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    probes = parser.add_subparsers(dest="probe", required=True)
    probes.add_parser("baseline").add_argument("pdf", type=Path)
    run = probes.add_parser("ingest")
    run.add_argument("src_dir", type=Path)
    run.add_argument("out_dir", type=Path)
    run.add_argument("--workers", type=int, default=None, help="default: the pipeline's (one per core)")
    run.add_argument("--warm", action="store_true", help="time a second run: the first, untimed, on a few files")
    staged = probes.add_parser("stages")
    staged.add_argument("out_dir", type=Path)
    staged.add_argument("source", type=Path, help="a file, or a folder whose files are all processed")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    if args.probe == "baseline":
        result = baseline(args.pdf)
    elif args.probe == "ingest":
        result = ingest(args.src_dir, args.out_dir, args.workers, args.warm)
    else:
        result = stages(args.out_dir, args.source)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
