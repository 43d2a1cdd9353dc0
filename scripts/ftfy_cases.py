#!/usr/bin/env python3
"""Run ftfy's published test cases through `docclean clean` and through ftfy itself.

ftfy ships its test cases in its source distribution (tests/test_cases.json). This script
downloads that sdist into a cache folder (`pip download --no-deps --no-binary :all:
ftfy==6.3.1`, reused when already there), reads the JSON straight out of the tarball in memory
(no ftfy file is ever written into the repo), and for every case:

  * runs ftfy.fix_text(original) (installs ftfy==6.3.1 with pip when it is missing);
  * runs the docclean command (default `.build/release/docclean clean -`), one process per
    case, with `original` as UTF-8 on standard input, and reads standard output.

Each case is {"label", "original", "fixed", "expect": "pass"|"fail"} with optional
"fixed-encoding" and "comment". ftfy's own test suite requires fix_text(original) == fixed for
the cases marked "pass", and marks as a known failure (strict xfail) the "fail" cases, where
fix_encoding(original) != fixed-encoding (or fixed). Here every case is judged the same way for
both tools: the output must equal `fixed`.

Comparison. docclean cleans whole documents (NFC, no trailing spaces, runs of spaces, tabs and
no-break spaces made one space, one final newline), so both the output and `fixed` are
normalized the same way before comparing:
  NFC; each run of spaces, tabs and no-break spaces -> one space; each line's trailing
  spaces removed; runs of blank lines -> one; leading/trailing whitespace of the whole removed.
Three verdicts are counted for each tool:
  strict  the normalized output equals the normalized `fixed`;
  folded  the same after folding quote, apostrophe, dash and bullet variants to one character
          each (as ../shared/tools/score.py does): the spec keeps the author's punctuation,
          and ftfy's fix_text straightens curly quotes;
  either  folded, and ftfy's own encoding-only answer `fixed-encoding` is accepted as well as
          `fixed`: it leaves out fix_text's steps that are not encoding repair (uncurled
          quotes, ligatures such as U+FB01 -> "fi", full-width to ASCII, removing U+001A).

Usage: python3 scripts/ftfy_cases.py [--cmd CMD] [--cache DIR] [--jobs N] [--show N]
         [--json FILE] [--require-parity [--parity strict|folded|either]]
--cmd defaults to the repo's `.build/release/docclean clean -`, --cache to `.build/ftfy-cases`.
Exit code 0; 1 with --require-parity when docclean passes fewer of the cases ftfy marks as
passing than ftfy does (2 when it cannot run at all).
"""
import argparse
import concurrent.futures
import importlib
import json
import re
import shlex
import subprocess
import sys
import tarfile
import unicodedata
from pathlib import Path

FTFY_VERSION = "6.3.1"
CASES_MEMBER = f"ftfy-{FTFY_VERSION}/tests/test_cases.json"
ROOT = Path(__file__).resolve().parent.parent  # the repo, for scripts/ftfy_cases.py

FOLD = {}
for ch in "\u2018\u2019\u201a\u201b\u2032`\u00b4":
    FOLD[ord(ch)] = "'"
for ch in "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb":
    FOLD[ord(ch)] = '"'
for ch in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212":
    FOLD[ord(ch)] = "-"
for ch in "\u2022\u00b7\u25aa\u25e6\u2023\u2043":
    FOLD[ord(ch)] = "*"

MODES = ("strict", "folded", "either")
COMPARISON = ("NFC; runs of spaces/tabs/no-break spaces -> one space; trailing spaces of each "
              "line removed; blank-line runs -> one; whole text stripped. 'folded' also maps "
              "quote/apostrophe/dash/bullet variants to ' \" - *; 'either' is folded and also "
              "accepts ftfy's 'fixed-encoding' answer.")


def normalize(text, fold=False):
    text = unicodedata.normalize("NFC", text)
    if fold:
        text = text.translate(FOLD)
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).rstrip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def sdist(cache):
    """Path of the ftfy sdist in `cache`, downloading it with pip when it is not there."""
    cache.mkdir(parents=True, exist_ok=True)
    path = cache / f"ftfy-{FTFY_VERSION}.tar.gz"
    if not path.exists():
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                        "--no-binary", ":all:", f"ftfy=={FTFY_VERSION}", "-d", str(cache)],
                       check=True)
    return path


def load_cases(tarball):
    with tarfile.open(tarball, "r:gz") as tar:
        return json.load(tar.extractfile(CASES_MEMBER))


def import_ftfy():
    try:
        import ftfy
        if ftfy.__version__ == FTFY_VERSION:
            return ftfy
    except ImportError:
        pass
    print(f"installing ftfy=={FTFY_VERSION} with pip", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet",
                    f"ftfy=={FTFY_VERSION}"], check=True)
    importlib.invalidate_caches()
    for name in [m for m in sys.modules if m == "ftfy" or m.startswith("ftfy.")]:
        del sys.modules[name]
    import ftfy
    return ftfy


def run_docclean(argv, text, timeout):
    """docclean's stdout for `text` on stdin, or None with the reason when it fails."""
    try:
        p = subprocess.run(argv, input=text.encode("utf-8"), capture_output=True,
                           timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, "timed out"
    except OSError as e:
        return None, str(e)
    if p.returncode != 0:
        return None, f"exit {p.returncode}: {p.stderr.decode('utf-8', 'replace').strip()}"
    return p.stdout.decode("utf-8", "replace"), None


def judge(output, case):
    """{mode: passed} for one output against one case."""
    if output is None:
        return dict.fromkeys(MODES, False)
    fixed, folded = normalize(case["fixed"]), normalize(case["fixed"], True)
    also = normalize(case.get("fixed-encoding", case["fixed"]), True)
    return {"strict": normalize(output) == fixed,
            "folded": normalize(output, True) == folded,
            "either": normalize(output, True) in (folded, also)}


def esc(text):
    """Printable form: ASCII as is, everything else as \\u escapes."""
    return "None" if text is None else json.dumps(text)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_cmd = shlex.quote(str(ROOT / ".build/release/docclean")) + " clean -"
    ap.add_argument("--cmd", default=default_cmd,
                    help="docclean command reading stdin (default: %(default)s)")
    ap.add_argument("--cache", default=ROOT / ".build/ftfy-cases", type=Path,
                    help="folder for ftfy's sdist (default: %(default)s)")
    ap.add_argument("--jobs", type=int, default=4, help="docclean processes at once")
    ap.add_argument("--timeout", type=float, default=30, help="seconds per docclean run")
    ap.add_argument("--show", type=int, default=20,
                    help="list up to N cases ftfy passes and docclean fails")
    ap.add_argument("--json", type=Path, help="write the figures and per-case results here")
    ap.add_argument("--require-parity", action="store_true",
                    help="exit 1 if docclean passes fewer ftfy-marked-passing cases than ftfy")
    ap.add_argument("--parity", choices=MODES, default="strict",
                    help="which comparison --require-parity uses (default: %(default)s)")
    a = ap.parse_args()

    try:
        cases = load_cases(sdist(a.cache))
        ftfy = import_ftfy()
    except (subprocess.CalledProcessError, OSError, KeyError, tarfile.TarError) as e:
        print(f"ftfy_cases: cannot get ftfy {FTFY_VERSION}'s test cases: {e}", file=sys.stderr)
        return 2
    argv = shlex.split(a.cmd)

    with concurrent.futures.ThreadPoolExecutor(max(1, a.jobs)) as pool:
        runs = list(pool.map(lambda c: run_docclean(argv, c["original"], a.timeout), cases))
    results = []
    for case, (out, err) in zip(cases, runs):
        ftfy_out = ftfy.fix_text(case["original"])
        r = {"label": case["label"], "expect": case["expect"], "original": case["original"],
             "fixed": case["fixed"], "fixed-encoding": case.get("fixed-encoding"),
             "ftfy": ftfy_out, "docclean": out, "error": err}
        for tool, output in (("ftfy", ftfy_out), ("docclean", out)):
            r.update({f"{tool}_{m}": ok for m, ok in judge(output, case).items()})
        results.append(r)
    if all(r["error"] for r in results):
        print(f"ftfy_cases: docclean failed on every case; first: {results[0]['error']}",
              file=sys.stderr)
        return 2

    marked = [r for r in results if r["expect"] == "pass"]
    figures = {"ftfy_version": FTFY_VERSION, "command": a.cmd, "comparison": COMPARISON,
               "total": len(results), "marked_pass": len(marked),
               "docclean_errors": sum(1 for r in results if r["error"])}
    for tool in ("ftfy", "docclean"):
        for mode in MODES:
            key = f"{tool}_{mode}"
            figures[f"{key}_all"] = sum(r[key] for r in results)
            figures[f"{key}_marked_pass"] = sum(r[key] for r in marked)

    print(f"ftfy {FTFY_VERSION} test cases through `{a.cmd}`")
    print(f"comparison: {COMPARISON}")
    print(f"{len(results)} cases, {len(marked)} marked by ftfy as expected to pass"
          f" ({figures['docclean_errors']} docclean runs failed)\n")
    print(f"{'':24}{'all cases':>14}{'marked pass':>14}")
    for tool in ("ftfy", "docclean"):
        for mode in MODES:
            key = f"{tool}_{mode}"
            print(f"{tool + ' passes (' + mode + ')':24}"
                  f"{figures[key + '_all']:>9}/{len(results):<4}"
                  f"{figures[key + '_marked_pass']:>9}/{len(marked):<4}")

    lagging = [r for r in results if r["ftfy_strict"] and not r["docclean_strict"]]
    print(f"\n{len(lagging)} cases ftfy passes and docclean fails (strict)"
          f"{f'; first {a.show}' if len(lagging) > a.show else ''}{':' if a.show else '.'}")
    for r in lagging[:a.show]:
        looser = [m for m in MODES[1:] if r[f"docclean_{m}"]]
        print(f"- {r['label']} [expect {r['expect']}"
              f"{'; passes ' + '/'.join(looser) if looser else ''}]")
        print(f"    input:    {esc(r['original'])}")
        print(f"    docclean: {esc(r['docclean']) if not r['error'] else r['error']}")
        print(f"    expected: {esc(r['fixed'])}")
        if r["fixed-encoding"] not in (None, r["fixed"]):
            print(f"    or (encoding only): {esc(r['fixed-encoding'])}")

    if a.json:
        a.json.write_text(json.dumps({"figures": figures, "cases": results},
                                     ensure_ascii=True, indent=1) + "\n")
    key = f"_{a.parity}_marked_pass"
    if a.require_parity and figures["docclean" + key] < figures["ftfy" + key]:
        print(f"\nparity ({a.parity}) not met: docclean {figures['docclean' + key]} < "
              f"ftfy {figures['ftfy' + key]} on the cases marked pass", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
