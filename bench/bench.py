#!/usr/bin/env python3
"""Times docclean (run, clean --jsonl, check) and ftfy on a large corpus made from the dev set.

    bench/run [--size-mb 200] [--no-build] [--skip-ftfy] [--ftfy-sample-mb MB] [--json PATH]
              [--keep-output]

Builds two corpora under bench/out/ by repeating the dev set until each holds at least
--size-mb MB: MIXED (the raw dumps, bench/out/mixed) and CLEAN (their gold texts,
bench/out/gold). Corpora are reused while their marker file matches, so reruns only time.
Prints a table and writes results.json. bench/README.md says what each figure means.
"""
import argparse
import datetime
import json
import os
import re
import shutil
import subprocess
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(REPO, "bench", "out")
DEVSET = os.path.normpath(os.path.join(REPO, "..", "shared", "devset"))
REALWORLD = os.path.normpath(os.path.join(REPO, "..", "shared", "realworld"))
HISTORY = os.path.join(REPO, "bench", "history")  # every report, one per commit, kept in git
RUNS = os.path.join(OUT, "runs")  # what the timed commands write; removed after each bench
TRASH = os.path.join(OUT, "trash")  # folders to delete once the timing is over
DOCCLEAN = os.path.join(REPO, ".build", "release", "docclean")
FSFLOOR_SOURCE = os.path.join(REPO, "bench", "fsfloor.c")
FSFLOOR = os.path.join(OUT, "fsfloor")
GNU_TIME = "/usr/bin/time"
MB = 1_000_000  # decimal megabytes, as docclean's own summary line counts them
FOLDER_LIMIT = 1000  # files per subfolder, so no folder gets unwieldy
CORPUS_FORMAT = 1  # bump when the corpus layout changes, so old corpora are rebuilt


# ---------------------------------------------------------------- corpora


# The standard stages less boilerplate, for the row that prices it.
NO_BOILERPLATE = "decoding,mojibake,line-endings,lost-punctuation,markup,whitespace,unicode-nfc,reflow,paragraph-layout"

def source_files(folder, sizes=None):
    """A source folder's files as (name, bytes), sorted so every corpus is laid out alike;
    with `sizes` (least, most), only files of that many bytes."""
    names = sorted(n for n in os.listdir(folder) if os.path.isfile(os.path.join(folder, n)))
    files = [(n, open(os.path.join(folder, n), "rb").read()) for n in names]
    return [(n, b) for n, b in files if not sizes or sizes[0] <= len(b) <= sizes[1]]


def corpus_files(root):
    """A corpus folder's files in corpus order: subfolder by subfolder, copy by copy."""
    paths = []
    for sub in sorted(os.listdir(root)):
        folder = os.path.join(root, sub)
        paths += [os.path.join(folder, n) for n in sorted(os.listdir(folder))]
    return paths


def build_corpus(kind, source_folder, target_bytes, with_jsonl, sizes=None):
    """Makes bench/out/KIND/input (and records.jsonl) unless its marker says it is already there.

    Whole copies of the dev set are written until the target is reached, so the corpus keeps
    the dev set's exact mix of documents. The marker is written last: an interrupted build
    has no marker and is made again.
    """
    base = os.path.join(OUT, kind)
    marker_path = os.path.join(base, "corpus.json")
    files = source_files(source_folder, sizes)
    signature = {
        "format": CORPUS_FORMAT,
        "source": source_folder,
        "sourceFiles": len(files),
        "sourceBytes": sum(len(b) for _, b in files),
        "targetBytes": target_bytes,
        "jsonl": with_jsonl,
        "sizes": list(sizes) if sizes else None,
    }
    if os.path.exists(marker_path):
        marker = json.load(open(marker_path))
        if {k: marker.get(k) for k in signature} == signature:
            return marker
    log(f"making the {kind} corpus ({target_bytes / MB:.0f} MB) in {os.path.relpath(base, REPO)}")
    set_aside(base)
    input_root = os.path.join(base, "input")
    os.makedirs(input_root)
    jsonl = open(os.path.join(base, "records.jsonl"), "w", encoding="utf-8") if with_jsonl else None
    written = count = copies = largest = 0
    while written < target_bytes:
        for name, data in files:
            folder = os.path.join(input_root, f"d{count // FOLDER_LIMIT:03d}")
            if count % FOLDER_LIMIT == 0:
                os.makedirs(folder)
            doc_name = f"rep{copies:04d}-{name}"
            with open(os.path.join(folder, doc_name), "wb") as handle:
                handle.write(data)
            if jsonl:
                jsonl.write(json.dumps({"id": doc_name, "text": as_text(data)}, ensure_ascii=False) + "\n")
            written += len(data)
            largest = max(largest, len(data))
            count += 1
        copies += 1
    if jsonl:
        jsonl.close()
    marker = dict(signature, files=count, bytes=written, copies=copies, largestFile=largest)
    if jsonl:
        marker["jsonlBytes"] = os.path.getsize(os.path.join(base, "records.jsonl"))
    with open(marker_path, "w") as handle:
        json.dump(marker, handle, indent=2)
    return marker


def build_big_file(source_folder, target_bytes):
    """bench/out/big/big.txt: the dev set's raw dumps one after another, a blank line between
    two, until the file holds `target_bytes`: one damaged file as large as docclean takes."""
    base = os.path.join(OUT, "big")
    path = os.path.join(base, "big.txt")
    marker_path = os.path.join(base, "corpus.json")
    signature = {"format": CORPUS_FORMAT, "source": source_folder, "targetBytes": target_bytes}
    if os.path.exists(marker_path) and os.path.exists(path) and json.load(open(marker_path)) == signature:
        return path
    log(f"making one {target_bytes / MB:.0f} MB damaged file in {os.path.relpath(base, REPO)}")
    os.makedirs(base, exist_ok=True)
    files = source_files(source_folder)
    written = 0
    with open(path, "wb") as handle:
        while written < target_bytes:
            for _, data in files:
                piece = (data + b"\n\n")[: target_bytes - written]
                handle.write(piece)
                written += len(piece)
                if written >= target_bytes:
                    break
    with open(marker_path, "w") as handle:
        json.dump(signature, handle)
    return path


def provenance_ratio(out):
    """Bytes of provenance a raw byte in a run's output: every .prov.json over its source's size."""
    prov = raw = 0
    for folder, _, names in os.walk(out):
        for name in names:
            if name.endswith(".prov.json"):
                path = os.path.join(folder, name)
                prov += os.path.getsize(path)
                raw += json.load(open(path))["source"]["size"]
    return round(prov / raw, 3) if raw else None


def as_text(data):
    # Bytes that are not UTF-8 become U+FFFD, as ftfy gets them (and as score.py reads raw
    # files): JSON records and fix_text both need text, not bytes.
    return data.decode("utf-8", "replace")


# ---------------------------------------------------------------- measuring


def measure(name, argv, input_bytes, stdout_path=None, note="", accepted=(0,)):
    """Runs one command under GNU time and returns its row of figures.

    Wall seconds are taken here; peak RSS, user and system seconds come from GNU time, a tiny
    process, so they are the command's own (os.wait4 from this script would not do: a child's
    peak RSS starts from this process's at fork). A row whose exit code is not `accepted`
    gets no MB/s: the time of a crashed or failed run says nothing about speed.
    """
    log(f"timing {name}")
    logs = os.path.join(OUT, "logs")
    os.makedirs(logs, exist_ok=True)
    stem = os.path.join(logs, re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-"))
    usage_path = stem + ".time"
    with open(stdout_path or stem + ".out", "wb") as stdout, open(stem + ".err", "wb") as stderr:
        busy_before = machine_busy_seconds()
        start = time.perf_counter()
        status = subprocess.call([GNU_TIME, "-f", "%M %U %S", "-o", usage_path] + argv, stdout=stdout, stderr=stderr)
        wall = time.perf_counter() - start
        busy = machine_busy_seconds() - busy_before
    # The figures are the last line; GNU time writes a line about a failed command before it.
    rss_kb, user, system = open(usage_path).read().split()[-3:]
    valid = status in accepted
    return {
        "name": name,
        "command": " ".join(shown(a) for a in argv),
        "inputBytes": input_bytes,
        "seconds": round(wall, 3),
        "userSeconds": float(user),
        "systemSeconds": float(system),
        "mbPerSecond": round(input_bytes / MB / wall, 3) if valid and wall > 0 else None,
        "peakRssBytes": int(rss_kb) * 1024,
        # CPU seconds other processes took meanwhile: on a shared machine, a sign of slow figures.
        "otherCpuSeconds": round(max(0.0, busy - float(user) - float(system)), 2),
        "exitCode": status,
        "valid": valid,
        "note": note,
        "message": message(stem, status),
    }


def machine_busy_seconds():
    """CPU seconds all cores have spent busy since boot, from the first line of /proc/stat."""
    try:
        with open("/proc/stat") as handle:
            fields = [int(x) for x in handle.readline().split()[1:9]]
    except OSError:
        return 0.0
    user, nice, system, idle, iowait, irq, softirq, steal = fields
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def message(stem, status):
    """What a command said last: docclean's summary line, or the line telling why it failed."""
    lines = []
    for suffix in (".out", ".err"):
        path = stem + suffix
        if os.path.exists(path) and os.path.getsize(path) < 1 << 20:
            lines += [line for line in open(path, errors="replace").read().splitlines() if line.strip()]
    if status != 0:
        reasons = [line for line in lines if "crashed" in line or line.startswith("error")]
        lines = reasons or lines
        return lines[0].strip("* ") if lines else ""
    return lines[-1] if lines else ""


def fresh(folder):
    """An empty output folder, so every run writes everything and reads no old provenance."""
    set_aside(folder)
    return folder


def set_aside(folder):
    """Moves a folder into the trash, to be deleted after the timing.

    On ext4, creating files soon after deleting thousands is slower (the allocator steps
    over recently freed inodes), which would charge a run for the bench's own clean-up.
    """
    if os.path.exists(folder):
        os.makedirs(TRASH, exist_ok=True)
        os.rename(folder, os.path.join(TRASH, f"{os.path.basename(folder)}-{time.time_ns()}"))


def empty_trash():
    shutil.rmtree(TRASH, ignore_errors=True)


def text_bytes(folder):
    """Bytes of the clean .txt files under a run's output: what check reads as clean text."""
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(folder) for f in fs if f.endswith(".txt"))


def best_of(attempts):
    """The fastest of a command's rows; all its wall times go in the JSON.

    The fastest is the least disturbed by other work on the machine and by the file system
    (file creation times on a shared disk vary a lot). A failed attempt is kept: a crash
    matters more than a time.
    """
    failed = [r for r in attempts if not r["valid"]]
    if failed:
        return failed[0]
    best = dict(min(attempts, key=lambda r: r["seconds"]))
    best["allSeconds"] = [r["seconds"] for r in attempts]
    return best


def interleaved(tasks, repeat):
    """Runs every task once a round, `repeat` rounds, and keeps each task's fastest row.

    Round after round rather than one command `repeat` times in a row, so that a slow spell
    of the machine or the disk falls on every command alike.
    """
    attempts = {name: [] for name, _ in tasks}
    for round_index in range(repeat):
        if repeat > 1:
            log(f"round {round_index + 1} of {repeat}")
        for name, attempt in tasks:
            if attempts[name] and not attempts[name][-1]["valid"]:
                continue
            attempts[name].append(attempt())
    return [best_of(attempts[name]) for name, _ in tasks]


def time_docclean(mixed, gold, pages, big, repeat, with_ftfy, ftfy_sample_mb):
    """Times the docclean commands, and ftfy; returns their rows in table order."""
    mixed_in = os.path.join(OUT, "mixed", "input")
    gold_in = os.path.join(OUT, "gold", "input")
    pages_in = os.path.join(OUT, "pages", "input")

    def run(name, raw, out, input_bytes, jobs=()):
        argv = [DOCCLEAN, "run", raw, "--out", out, "--force", "--quiet", *jobs]

        def attempt():
            fresh(out)  # each attempt cleans every file into an empty folder
            return measure(name, argv, input_bytes)

        return name, attempt

    def check(name, out, raw):
        # check exits 1 when it has findings: that is an answer, and its time still counts.
        argv = [DOCCLEAN, "check", out, "--raw", raw]
        return name, lambda: measure(name, argv, text_bytes(out), note="input: the clean .txt bytes", accepted=(0, 1))

    def jsonl(name, records, input_bytes, output, stages=None, note="input: the .jsonl file"):
        argv = [DOCCLEAN, "clean", "--jsonl", records]
        if stages:
            argv += ["--stages", stages]
        return name, lambda: measure(name, argv, input_bytes, stdout_path=os.path.join(RUNS, output), note=note)

    def floor(name, argv, input_bytes, out=None):
        # What the file system alone costs: the same files read and written, nothing cleaned.
        def attempt():
            if out:
                fresh(out)
            return measure(name, [FSFLOOR, *argv], input_bytes, note="no cleaning: the file system's share alone")

        return name, attempt

    one, every, gold_out = (os.path.join(RUNS, n) for n in ("mixed-j1", "mixed-all", "gold-j1"))
    pages_one, pages_two = os.path.join(RUNS, "pages-j1"), os.path.join(RUNS, "pages-j2")
    floor_out, pages_floor_out = os.path.join(RUNS, "floor"), os.path.join(RUNS, "pages-floor")
    records = os.path.join(OUT, "mixed", "records.jsonl")
    tenth = os.path.join(OUT, "mixed", "records-tenth.jsonl")
    tasks = [
        run("run --jobs 1 (mixed)", mixed_in, one, mixed["bytes"], jobs=("--jobs", "1")),
        # No --jobs: the default, all cores. Its own folder keeps the --jobs 1 output for check.
        run(f"run, all {os.cpu_count()} cores (mixed)", mixed_in, every, mixed["bytes"]),
        run("run --jobs 1 (12-20 KB pages)", pages_in, pages_one, pages["bytes"], jobs=("--jobs", "1")),
        run("run --jobs 2 (12-20 KB pages)", pages_in, pages_two, pages["bytes"], jobs=("--jobs", "2")),
        floor("fs floor: run's files (12-20 KB pages)", ["write", pages_in, pages_floor_out], pages["bytes"],
              out=pages_floor_out),
        jsonl("clean --jsonl (mixed)", records, mixed["jsonlBytes"], "mixed-clean.jsonl",
              note="input: the .jsonl file; bytes that are not UTF-8 arrive as U+FFFD"),
        # The first tenth of the same records: RSS that stays flat is the same here as above.
        jsonl("clean --jsonl, first tenth (mixed)", tenth, os.path.getsize(tenth), "mixed-tenth.jsonl"),
        # Every stage but boilerplate: the difference from the row above is what the
        # boilerplate stage costs, its look-ahead at the later stages included.
        jsonl("clean --jsonl, no boilerplate (mixed)", records, mixed["jsonlBytes"], "mixed-no-boilerplate.jsonl",
              stages=NO_BOILERPLATE),
        ("clean FILE (one big damaged file)", lambda: measure(
            "clean FILE (one big damaged file)", [DOCCLEAN, "clean", big, "--max-size", str(os.path.getsize(big))],
            os.path.getsize(big), stdout_path=os.devnull, note="peak RSS per input byte is the figure")),
        check("check run output (mixed)", one, mixed_in),
        run("run --jobs 1 (clean)", gold_in, gold_out, gold["bytes"], jobs=("--jobs", "1")),
        check("check run output (clean)", gold_out, gold_in),
        floor("fs floor: run's files (mixed)", ["write", mixed_in, floor_out], mixed["bytes"], out=floor_out),
        # The clean texts exist once the run above has written them: their size is taken then.
        ("fs floor: check's reads (clean)", lambda: measure(
            "fs floor: check's reads (clean)", [FSFLOOR, "read", gold_out, gold_in], text_bytes(gold_out),
            note="no cleaning: the file system's share alone")),
        # What clean text costs the whole pipeline, and the encoding stages alone, without files.
        jsonl("clean --jsonl (clean)", os.path.join(OUT, "gold", "records.jsonl"), gold["jsonlBytes"], "gold-clean.jsonl"),
        jsonl("clean --jsonl, encoding stages (clean)", os.path.join(OUT, "gold", "records.jsonl"), gold["jsonlBytes"],
              "gold-encoding.jsonl", stages="decoding,mojibake,lost-punctuation"),
        # Reading and writing the records alone: the difference is the encoding stages' cost.
        jsonl("clean --jsonl, decoding only (clean)", os.path.join(OUT, "gold", "records.jsonl"), gold["jsonlBytes"],
              "gold-decoding.jsonl", stages="decoding"),
    ]
    if with_ftfy:
        tasks.append(("ftfy fix_text (mixed)", lambda: ftfy_once(ftfy_sample_mb)))
    return interleaved(tasks, repeat)


def provenance_per_raw_byte():
    """Runs docclean on the dev set's raw dumps and returns its provenance bytes per raw byte."""
    out = fresh(os.path.join(RUNS, "devset"))
    log("measuring the provenance of the dev set")
    subprocess.run([DOCCLEAN, "run", os.path.join(DEVSET, "raw"), "--out", out, "--quiet"], check=True,
                   stdout=subprocess.DEVNULL)
    return provenance_ratio(out)


def ftfy_once(sample_mb):
    result_path = os.path.join(OUT, "logs", "ftfy-result.json")
    limit = int(sample_mb * MB) if sample_mb else 0
    argv = [sys.executable, os.path.abspath(__file__), "_ftfy-worker", os.path.join(OUT, "mixed", "input"),
            str(limit), result_path]
    measured = measure("ftfy fix_text (mixed)", argv, 0)
    if not measured["valid"]:
        return measured
    worker = json.load(open(result_path))
    # Only fix_text's own time counts: not python's start, ftfy's import or reading files.
    # GNU time's CPU seconds would include those, so they are left out.
    measured.update(inputBytes=worker["bytes"], seconds=round(worker["seconds"], 3), userSeconds=None,
                    systemSeconds=None, mbPerSecond=round(worker["bytes"] / MB / worker["seconds"], 3),
                    note="fix_text's own time, in one process; text decoded from UTF-8 with U+FFFD")
    if limit:
        measured["name"] = f"ftfy fix_text ({worker['bytes'] / MB:.1f} MB sample)"
        measured["note"] = "SAMPLE: MB/s from a prefix of the corpus, extrapolated; " + measured["note"]
    return measured


def ftfy_worker(input_root, limit, result_path):
    """Child-process side of the ftfy row: fix_text over each file, up to `limit` bytes (0: all)."""
    import ftfy

    seconds = 0.0
    done = 0
    for path in corpus_files(input_root):
        data = open(path, "rb").read()
        text = as_text(data)
        start = time.perf_counter()
        ftfy.fix_text(text)
        seconds += time.perf_counter() - start
        done += len(data)
        if limit and done >= limit:
            break
    with open(result_path, "w") as handle:
        json.dump({"bytes": done, "seconds": seconds, "ftfy": ftfy.__version__}, handle)


# ---------------------------------------------------------------- report


def machine():
    model = ""
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"nproc": os.cpu_count(), "cpu": model, "platform": sys.platform}


def git_commit():
    commit = run_text(["git", "rev-parse", "--short", "HEAD"])
    # A dirty tree is marked, so figures are never pinned on a commit that did not make them.
    if run_text(["git", "status", "--porcelain", "--untracked-files=no"]):
        commit += "+dirty"
    return commit


def run_text(argv):
    return subprocess.run(argv, cwd=REPO, capture_output=True, text=True).stdout.strip()


def speed(rows, prefix):
    """MB/s of the first row whose name starts with `prefix`, or None if absent or invalid."""
    return next((r["mbPerSecond"] for r in rows if r["name"].startswith(prefix)), None)


def ratio(a, b):
    return round(a / b, 3) if a and b else None


def comparisons(rows):
    """Speed as a multiple of ftfy's, and the scaling from one core to all."""
    one, every = speed(rows, "run --jobs 1 (mixed)"), speed(rows, "run, all")
    jsonl, ftfy = speed(rows, "clean --jsonl"), speed(rows, "ftfy")
    return {
        "scaling": ratio(every, one),
        "runJobs1VsFtfy": ratio(one, ftfy),
        "runAllCoresVsFtfy": ratio(every, ftfy),
        "cleanJsonlVsFtfy": ratio(jsonl, ftfy),
    }


def targets(report):
    """Issue 17's acceptance figures, each with its target and whether this run meets it."""
    rows, c = report["results"], report["corpora"]
    by_name = {r["name"]: r for r in rows}

    def rss(name):
        r = by_name.get(name)
        return r["peakRssBytes"] if r and r["valid"] else None

    jsonl, ftfy = speed(rows, "clean --jsonl (mixed)"), speed(rows, "ftfy")
    pages_one, pages_two = speed(rows, "run --jobs 1 (12-20 KB"), speed(rows, "run --jobs 2 (12-20 KB")
    pages_floor = speed(rows, "fs floor: run's files (12-20 KB")
    big_rss, big = rss("clean FILE (one big damaged file)"), c["bigFileBytes"]
    jsonl_rss, tenth_rss = rss("clean --jsonl (mixed)"), rss("clean --jsonl, first tenth (mixed)")
    figures = [
        ("clean --jsonl (mixed), MB/s", jsonl, ">= 60", jsonl and jsonl >= 60),
        ("clean --jsonl (mixed) / ftfy", ratio(jsonl, ftfy), ">= 25", ftfy and jsonl and jsonl / ftfy >= 25),
        ("clean --jsonl (clean), MB/s", speed(rows, "clean --jsonl (clean)"), ">= 200",
         (speed(rows, "clean --jsonl (clean)") or 0) >= 200),
        ("run --jobs 1 (12-20 KB), MB/s", pages_one, ">= 40", pages_one and pages_one >= 40),
        ("run --jobs 1 (12-20 KB) / fs floor", ratio(pages_one, pages_floor), ">= 0.6",
         pages_one and pages_floor and pages_one / pages_floor >= 0.6),
        ("run --jobs 2 / --jobs 1 (12-20 KB)", ratio(pages_two, pages_one), ">= 1.8",
         pages_two and pages_one and pages_two / pages_one >= 1.8),
        ("clean FILE peak RSS, bytes per input byte past 64 MB",
         round((big_rss - 64 * MB) / big, 3) if big_rss else None, "<= 3", big_rss and big_rss <= 3 * big + 64 * MB),
        ("clean --jsonl RSS, whole / first tenth", ratio(jsonl_rss, tenth_rss), "<= 1.25 (flat)",
         jsonl_rss and tenth_rss and jsonl_rss <= 1.25 * tenth_rss),
        ("provenance bytes per raw byte (dev set)", report.get("provenancePerRawByte"), "<= 1.0",
         (report.get("provenancePerRawByte") or 99) <= 1.0),
    ]
    return [{"figure": f, "value": v, "target": t, "met": bool(m)} for f, v, t, m in figures]


def print_targets(report):
    print()
    print("issue 17's targets:")
    for t in report["targets"]:
        print(f"  {'met    ' if t['met'] else 'NOT MET'}  {t['figure']:<56}{cell(t['value'], '10.3f'):>10}  {t['target']}")


def print_comparison(report, old):
    """Each row's MB/s and RSS beside those of an earlier report, matched by name."""
    print()
    print(f"against {old.get('commit', '?')} ({old.get('date', '?')}):")
    before = {r["name"]: r for r in old.get("results", [])}
    for r in report["results"]:
        b = before.get(r["name"])
        if not b:
            continue
        change = ratio(r["mbPerSecond"], b.get("mbPerSecond"))
        print(f"  {r['name']:<42}{cell(b.get('mbPerSecond'), '9.2f')} -> {cell(r['mbPerSecond'], '9.2f')} MB/s "
              f"({cell(change, '.2f')}x)   RSS {b['peakRssBytes'] / MB:7.1f} -> {r['peakRssBytes'] / MB:7.1f} MB")
    old_targets = {t["figure"]: t for t in old.get("targets", [])}
    for t in report["targets"]:
        b = old_targets.get(t["figure"])
        if b:
            print(f"  {t['figure']:<56}{cell(b['value'], '10.3f')} -> {cell(t['value'], '10.3f')}")


def cell(value, form):
    return "-" if value is None else format(value, form)


def print_table(report):
    m, c, rows = report["machine"], report["corpora"], report["results"]
    print(f"docclean benchmark: commit {report['commit']}, {report['date']}, {m['nproc']} cores ({m['cpu']})")
    for kind, label, source in (("mixed", "MIXED (raw dumps)", "the dev set"), ("gold", "CLEAN (gold texts)", "the dev set"),
                                ("pages", "PAGES (12-20 KB)", "the real pages of 12-20 KB")):
        k = c[kind]
        print(f"  {label:<19} {k['bytes'] / MB:8.1f} MB, {k['files']} files, {k['copies']} copies of {source}")
    print(f"  one big file        {c['bigFileBytes'] / MB:8.1f} MB of raw dumps, for clean FILE")
    print(f"  largest input file  {c['largestFileBytes'] / 1000:8.1f} kB")
    if report["repeat"] > 1:
        print(f"  times are the fastest of {report['repeat']} runs of each command")
    print()
    header = (f"{'task':<40}{'input MB':>9}{'wall s':>8}{'user s':>8}{'sys s':>7}{'MB/s':>8}"
              f"{'RSS MB':>8}{'vs ftfy':>8}  exit")
    print(header)
    print("-" * len(header))
    ftfy = speed(rows, "ftfy")
    for r in rows:
        # Only runs over the MIXED text compare with ftfy, which cleans that same text.
        versus = ratio(r["mbPerSecond"], ftfy) if r["name"].startswith(("run", "clean")) and "(mixed)" in r["name"] else None
        print(f"{r['name']:<40}{r['inputBytes'] / MB:9.1f}{r['seconds']:8.2f}{cell(r['userSeconds'], '8.2f'):>8}"
              f"{cell(r['systemSeconds'], '7.2f'):>7}{cell(r['mbPerSecond'], '8.2f'):>8}{r['peakRssBytes'] / MB:8.1f}"
              f"{cell(versus, '.2f') + ('x' if versus else ''):>8}  {r['exitCode']}")
    print()
    s = report["comparisons"]
    print(f"scaling: all cores / one core = {cell(s['scaling'], '.2f')}x on {m['nproc']} cores")
    if ftfy:
        print(f"vs ftfy: run --jobs 1 {cell(s['runJobs1VsFtfy'], '.2f')}x, all cores {cell(s['runAllCoresVsFtfy'], '.2f')}x, "
              f"clean --jsonl {cell(s['cleanJsonlVsFtfy'], '.2f')}x")
    else:
        print("vs ftfy: not measured (--skip-ftfy, or ftfy failed)")
    for prefix, task in (("fs floor: run's files (12-20", "run --jobs 1 (12-20 KB pages)"),
                         ("fs floor: run's files (mixed", "run --jobs 1 (mixed)"), ("fs floor: check's", "check (clean)")):
        ceiling = speed(rows, prefix)
        if ceiling:
            print(f"fs floor: the file system alone allows {task} at most {ceiling:.1f} MB/s here")
    largest = c["largestFileBytes"]
    docclean_rss = max(r["peakRssBytes"] for r in rows if not r["name"].startswith(("ftfy", "clean FILE")))
    print(f"peak RSS: docclean's highest on the corpora {docclean_rss / MB:.1f} MB = 4 x largest input ({4 * largest / MB:.2f} MB)"
          f" + {(docclean_rss - 4 * largest) / MB:.1f} MB")
    for r in rows:
        if r["note"].startswith("SAMPLE"):
            print(f"note: ftfy timed on a {r['inputBytes'] / MB:.1f} MB prefix only (--ftfy-sample-mb); its MB/s is extrapolated")
        if r["otherCpuSeconds"] > max(0.05, 0.1 * r["seconds"] * m["nproc"]):
            print(f"note: other processes took {r['otherCpuSeconds']:.1f} CPU s during {r['name']}; its figures may be low")
        if r["exitCode"] != 0:
            verdict = "timed anyway" if r["valid"] else "NOT TIMED"
            print(f"note: {r['name']} exited {r['exitCode']} ({verdict}): {r['message']}")


# ---------------------------------------------------------------- main


def shown(path):
    """A path relative to the repository when it is inside it."""
    return os.path.relpath(path, REPO) if path.startswith(REPO + os.sep) else path


def log(message):
    print(f"bench: {message}", file=sys.stderr, flush=True)


def fail(message):
    log(message)
    sys.exit(1)


def parse_args():
    parser = argparse.ArgumentParser(description="Time docclean and ftfy on a corpus made from the dev set.")
    parser.add_argument("--size-mb", type=float, default=200, help="least size of each corpus in MB (default 200)")
    parser.add_argument("--json", default=os.path.join(OUT, "results.json"), help="where to write the figures (default bench/out/results.json)")
    parser.add_argument("--no-build", action="store_true", help="use the existing .build/release/docclean")
    parser.add_argument("--skip-ftfy", action="store_true", help="do not time ftfy")
    parser.add_argument("--ftfy-sample-mb", type=float, default=0, help="time ftfy on this many MB only and extrapolate (default: whole corpus)")
    parser.add_argument("--repeat", type=int, default=1, help="time every command this many rounds, interleaved, and keep each one's fastest (default 1)")
    parser.add_argument("--big-mb", type=float, default=256, help="size of the one big damaged file that clean FILE reads, in MiB (default 256)")
    parser.add_argument("--compare", help="an earlier report (say bench/history/COMMIT.json) to print beside this one")
    parser.add_argument("--keep-output", action="store_true", help="keep what the timed commands wrote (bench/out/runs)")
    parser.add_argument("--docclean", help="time this docclean binary (say, an older build kept for comparison); implies --no-build")
    return parser.parse_args()


def main():
    if sys.argv[1:2] == ["_ftfy-worker"]:
        ftfy_worker(sys.argv[2], int(sys.argv[3]), sys.argv[4])
        return
    args = parse_args()
    if not os.path.exists(GNU_TIME):
        fail(f"{GNU_TIME} is missing; install it with `apt-get install -y time`")
    if not args.skip_ftfy:
        try:
            import ftfy  # noqa: F401  (checked here so a missing ftfy fails before minutes of timing)
        except ImportError:
            fail("ftfy is missing; `python3 -m pip install ftfy==6.3.1`, or pass --skip-ftfy")
    global DOCCLEAN
    if args.docclean:
        DOCCLEAN = os.path.abspath(args.docclean)
        args.no_build = True
    if not args.no_build:
        log("swift build -c release")
        if subprocess.call(["swift", "build", "-c", "release"], cwd=REPO, stdout=sys.stderr) != 0:
            fail("the build failed")
    os.makedirs(OUT, exist_ok=True)
    if subprocess.call(["cc", "-O2", "-o", FSFLOOR, FSFLOOR_SOURCE]) != 0:
        fail(f"cannot compile {shown(FSFLOOR_SOURCE)} with cc")
    if not os.access(DOCCLEAN, os.X_OK):
        fail(f"{DOCCLEAN} is missing; build it or drop --no-build")

    if not os.path.isdir(os.path.join(DEVSET, "raw")):
        fail(f"no dev set at {DEVSET}: the benchmark is made from ../shared/devset")
    target = int(args.size_mb * MB)
    mixed = build_corpus("mixed", os.path.join(DEVSET, "raw"), target, with_jsonl=True)
    # The gold texts are a little smaller than the dumps: aim at the MIXED corpus's real size.
    gold = build_corpus("gold", os.path.join(DEVSET, "gold"), mixed["bytes"], with_jsonl=True)
    # Real web pages of 12 to 20 KB, the size of an article with its page around it.
    pages = build_corpus("pages", os.path.join(REALWORLD, "full"), mixed["bytes"] // 2, with_jsonl=False,
                         sizes=(12_000, 20_000))
    tenth_path = os.path.join(OUT, "mixed", "records-tenth.jsonl")
    with open(os.path.join(OUT, "mixed", "records.jsonl"), "rb") as whole, open(tenth_path, "wb") as tenth:
        tenth.write(whole.read(mixed["jsonlBytes"] // 10).rsplit(b"\n", 1)[0] + b"\n")
    big = build_big_file(os.path.join(DEVSET, "raw"), int(args.big_mb * (1 << 20)))
    provenance = provenance_per_raw_byte()
    results = time_docclean(mixed, gold, pages, big, args.repeat, not args.skip_ftfy, args.ftfy_sample_mb)

    report = {
        # A binary given with --docclean was not built from this tree: its commit is unknown here.
        "commit": f"binary {shown(DOCCLEAN)}" if args.docclean else git_commit(),
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "machine": machine(),
        "docclean": {"path": shown(DOCCLEAN), "version": run_text([DOCCLEAN, "--version"])},
        "corpora": {
            "mixed": mixed,
            "gold": gold,
            "pages": pages,
            "largestFileBytes": max(mixed["largestFile"], gold["largestFile"], pages["largestFile"]),
            "bigFileBytes": os.path.getsize(big),
        },
        "repeat": args.repeat,
        "provenancePerRawByte": provenance,
        "results": results,
        "comparisons": comparisons(results),
    }
    report["targets"] = targets(report)
    # Kept beside the code, one file a commit, for comparison across commits (--compare).
    kept = [os.path.abspath(args.json)]
    if not args.docclean:
        kept.append(os.path.join(HISTORY, report["commit"].replace("+", "-") + ".json"))
    for path in kept:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as handle:
            json.dump(report, handle, indent=2)
    print_table(report)
    print_targets(report)
    if args.compare:
        print_comparison(report, json.load(open(args.compare)))
    print(f"\nfigures written to {', '.join(shown(p) for p in kept)}")
    if not args.keep_output:
        # The outputs are as big as the corpus, twice over, with provenance; nothing reads them.
        set_aside(RUNS)
    empty_trash()
    if not all(r["valid"] for r in results):
        sys.exit(1)


if __name__ == "__main__":
    main()
