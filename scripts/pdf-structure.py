#!/usr/bin/env python3
"""Counts what docclean makes of the structure of PDF dumps, against the gold texts.

For each extractor's dumps in ../shared/pdfdev/raw and docclean's outputs of them:

- break hyphens joined: a raw line that ends in `X-` before a line that starts with `Y`,
  where the gold has `XY` and not `X-Y`: the output must have `XY`;
- compound hyphens kept: the same, where the gold has `X-Y`: the output must have `X-Y`;
- pages with furniture left: the lines at the edges of each page of the pdftotext dump
  (the first and last three) that the gold does not hold, and that are mostly words the gold
  lacks or recur at other pages' edges, are the page's furniture; a page counts when any of
  them is in the output (page numbers as whole words);
- titles: documents whose output's first paragraph is the gold's first line.

Texts are compared with runs of white space as one space and typographic quotes as ASCII.

    python3 scripts/pdf-structure.py                     # cleans with .build/release/docclean
    python3 scripts/pdf-structure.py --out DIR           # DIR/EXTRACTOR/NAME.txt, made already
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PDFDEV = os.path.join(os.path.dirname(ROOT), "shared", "pdfdev")
EXTRACTORS = ["pdftotext", "pypdf", "pdfminer"]
EDGE_LINES = 3
FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})


def norm(text):
    return re.sub(r"\s+", " ", text.translate(FOLD)).strip()


def hyphen_pairs(raw, gold):
    """(X, Y) for each line ending in a word X, with a hyphen or with none where the extractor
    dropped it (the gold joins X to the next line's first word Y), before a line starting with Y."""
    lines = raw.replace("\f", "\n").split("\n")
    for a, b in zip(lines, lines[1:]):
        end = re.search(r"(\w+)(-?)$", a.rstrip())
        start = re.match(r"\s*(\w+)", b)
        if not end or not start or end.group(1)[-1].isdigit() or start.group(1)[0].isdigit():
            continue
        x, y = end.group(1), start.group(1)
        if end.group(2) or (f"{x} {y}" not in gold and (f"{x}{y}" in gold or f"{x}-{y}" in gold)):
            yield x, y


def masked(line):
    return re.sub(r"\d+", "#", line)


def page_furniture(pdftotext_raw, gold):
    """For each page of the pdftotext dump, its edge lines that are furniture: not in the gold,
    and either mostly of words the gold lacks, or recurring (digits masked) at other pages'
    edges; body text that an extractor damaged has its words in the gold and does not recur."""
    gold_words = set(re.findall(r"\w{3,}", gold))
    edges = []
    for page in pdftotext_raw.split("\f"):
        lines = [norm(line) for line in page.split("\n") if line.strip()]
        edges.append(set(lines[:EDGE_LINES] + lines[-EDGE_LINES:]))
    recurring = {}
    for lines in edges:
        for key in {masked(line) for line in lines}:
            recurring[key] = recurring.get(key, 0) + 1
    pages = []
    for lines in edges:
        furniture = set()
        for line in lines:
            if not line or line in gold:
                continue
            words = re.findall(r"\w{3,}", line)
            foreign = sum(word not in gold_words for word in words)
            if not words or foreign * 2 > len(words) or recurring[masked(line)] >= 2:
                furniture.add(line)
        pages.append(furniture)
    return [page for page in pages if page]


def present(piece, text):
    if piece.isdigit():
        return re.search(r"(?<!\d)" + piece + r"(?!\d)", text) is not None
    return piece in text


def clean_all(binary, extractor, out):
    raw = os.path.join(PDFDEV, "raw", extractor)
    subprocess.run([binary, "run", raw, "--out", out, "--quiet"], check=True, stdout=subprocess.DEVNULL)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docclean", default=os.path.join(ROOT, ".build/release/docclean"))
    parser.add_argument("--out", help="folder with EXTRACTOR/NAME.txt outputs, instead of cleaning")
    args = parser.parse_args()
    names = sorted(n for n in os.listdir(os.path.join(PDFDEV, "gold")) if n.endswith(".txt"))
    with tempfile.TemporaryDirectory() as scratch:
        for extractor in EXTRACTORS:
            out = os.path.join(args.out, extractor) if args.out else os.path.join(scratch, extractor)
            if not args.out:
                clean_all(args.docclean, extractor, out)
            breaks = [0, 0]
            compounds = [0, 0]
            pages = [0, 0]
            titles = 0
            for name in names:
                gold_text = open(os.path.join(PDFDEV, "gold", name), encoding="utf-8").read()
                gold = norm(gold_text)
                raw = open(os.path.join(PDFDEV, "raw", extractor, name), encoding="utf-8", errors="replace").read()
                path = os.path.join(out, name)
                output_text = open(path, encoding="utf-8").read() if os.path.exists(path) else ""
                output = norm(output_text)
                for x, y in hyphen_pairs(raw, gold):
                    if f"{x}-{y}" in gold:
                        compounds[1] += 1
                        compounds[0] += f"{x}-{y}" in output
                    elif f"{x}{y}" in gold:
                        breaks[1] += 1
                        breaks[0] += f"{x}{y}" in output
                pdftotext = open(os.path.join(PDFDEV, "raw", "pdftotext", name), encoding="utf-8").read()
                for furniture in page_furniture(pdftotext, gold):
                    pages[1] += 1
                    pages[0] += any(present(piece, output) for piece in furniture)
                first_line = norm(gold_text.strip().split("\n")[0])
                first_paragraph = norm(re.split(r"\n\s*\n", output_text.strip())[0]) if output_text.strip() else ""
                titles += first_paragraph == first_line
            share = lambda pair: f"{pair[0]}/{pair[1]} ({pair[0] / max(pair[1], 1):.1%})"
            print(f"{extractor}: break hyphens joined {share(breaks)}; compound hyphens kept {share(compounds)}; "
                  f"pages with furniture left {share(pages)}; title first {titles}/{len(names)}")


if __name__ == "__main__":
    sys.exit(main())
