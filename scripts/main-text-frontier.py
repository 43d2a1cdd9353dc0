#!/usr/bin/env python3
"""Prints what the main-text model can trade on the real pages: precision against recall.

For each keep bias (the log-odds added for keeping a line) and switch cost, it decides every
page with the logits of a model that never saw the page's site (cross-validated by site, as
`train-main-text.py` does), and prints for the full and reader dumps:

- precision, recall and F1 of the segments (the definitions of `segments.py`, counted on the
  kept lines' text);
- lost: the share of the `with` segments that the dump holds and the kept lines do not.

It also says where the reader dumps' leaked `without` segments sit: before the first long
paragraph, between long paragraphs, or after the last one. Leaks between paragraphs are
captions, credits and inline teasers, which look like subheadings by shape.

Variants of the model, to see whether a larger one moves the trade:

    python3 scripts/main-text-frontier.py                       # the committed model's settings
    python3 scripts/main-text-frontier.py --trees 300 --depth 6
    python3 scripts/main-text-frontier.py --switch 0,0.5,1,2

It reads the feature dumps that `train-main-text.py` leaves in .build/main-text-features
(run that script first) and needs the same packages.
"""

import argparse
import importlib.util
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIASES = (0.0, 0.5, 1.0, 1.25, 1.5, 2.0, 2.5)
# Words of a line that count it as a long paragraph, for where the leaks sit.
LONG_PARAGRAPH_WORDS = 25


def training_module():
    spec = importlib.util.spec_from_file_location("train_main_text", os.path.join(ROOT, "scripts/train-main-text.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def committed_settings():
    """The switch cost, veto margin and trust of the committed MainTextModel.swift."""
    source = open(os.path.join(ROOT, "Sources/Stages/Boilerplate/MainTextModel.swift"), encoding="utf-8").read()
    settings = {key: float(re.search(rf"static let {key} = ([0-9.]+)", source).group(1))
                for key in ("switchCost", "vetoMargin")}
    settings["trust"] = int(re.search(r"at least (\d+)% of the time", source).group(1)) / 100
    return settings


def counts(tm, doc, keep):
    text = tm.ws("\n".join(line["plain"] for line, kept in zip(doc["lines"], keep) if kept))
    whole = tm.ws("\n".join(line["plain"] for line in doc["lines"]))
    found = held = lost = 0
    for segment in map(tm.ws, doc["page"]["with"]):
        found += segment in text
        if segment in whole:
            held += 1
            lost += segment not in text
    leaked = [s for s in doc["page"]["without"] if tm.ws(s) in text]
    return found, len(doc["page"]["with"]), leaked, held, lost


def where(tm, doc, segment):
    plains = [tm.ws(line["plain"]) for line in doc["lines"]]
    lines = [i for i, plain in enumerate(plains) if tm.ws(segment) in plain]
    long = [i for i, plain in enumerate(plains) if len(plain.split()) >= LONG_PARAGRAPH_WORDS]
    if not lines or not long:
        return "elsewhere"
    if lines[0] < long[0]:
        return "before"
    return "after" if lines[0] > long[-1] else "between"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--features", default=os.path.join(ROOT, ".build/main-text-features"))
    parser.add_argument("--trees", type=int)
    parser.add_argument("--depth", type=int)
    parser.add_argument("--switch", default=None, help="switch costs to try, comma-separated")
    parser.add_argument("--margin", type=float, default=None, help="the veto margin")
    parser.add_argument("--trust", type=float, default=None, help="the share a rule must be right to veto")
    args = parser.parse_args()
    tm = training_module()
    if args.trees:
        tm.TREES = args.trees
    if args.depth:
        tm.TREE_DEPTH = args.depth
    options = argparse.Namespace(features=args.features, reuse=True, docclean=None)
    if not os.path.isdir(args.features):
        sys.exit(f"no feature dumps in {args.features}: run scripts/train-main-text.py first")
    names, docs = tm.load(options)
    tm.NAMES[:] = names
    held = tm.cross_validate(docs)
    # The committed model's settings, unless given: every keep bias is tried.
    committed = committed_settings()
    margin = args.margin if args.margin is not None else committed["vetoMargin"]
    trust = args.trust if args.trust is not None else committed["trust"]
    switches = args.switch or str(committed["switchCost"])
    print(f"trees {tm.TREES} depth {tm.TREE_DEPTH}, margin {margin}, trust {trust}, cross-validated by site, in a batch")
    for switch in (float(value) for value in switches.split(",")):
        for bias in BIASES:
            row = [f"switch {switch:<4} bias {bias:<5}"]
            for kind in ("full", "reader"):
                found = total = held_count = lost = leaked = 0
                places = {}
                for doc, (logits, precisions) in zip(docs, held):
                    if doc["kind"] != kind or not doc["batch"]:
                        continue
                    keep = tm.decide(logits, doc["x"], tm.trusted(precisions, trust), switch, bias, margin)
                    f, t, leaks, h, l = counts(tm, doc, keep)
                    found, total, held_count, lost, leaked = found + f, total + t, held_count + h, lost + l, leaked + len(leaks)
                    for segment in leaks:
                        place = where(tm, doc, segment)
                        places[place] = places.get(place, 0) + 1
                precision = found / max(found + leaked, 1)
                recall = found / max(total, 1)
                f1 = 2 * precision * recall / max(precision + recall, 1e-9)
                row.append(f"{kind}: P {precision:.4f} R {recall:.4f} F1 {f1:.4f} lost {lost / max(held_count, 1):.2%}")
                if kind == "reader":
                    row.append("reader leaks " + " ".join(f"{k} {v}" for k, v in sorted(places.items())))
            print(" | ".join(row))


if __name__ == "__main__":
    main()
