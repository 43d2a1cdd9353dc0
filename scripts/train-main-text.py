#!/usr/bin/env python3
"""Trains docclean's main-text model and writes it as Swift source.

The model decides which lines of a dump are the article. It learns from labelled lines of
the data in ../shared:

- realworld (full and reader dumps): a line that holds a segment that must stay is article,
  one that holds a segment that must go is boilerplate; in the full dumps, a line whose text
  the page's reader-mode dump also has counts as article and any other line as boilerplate,
  with a smaller weight (reader modes err, the segments do not);
- devset raw dumps: a line whose text the gold text has is article, any other is boilerplate;
- devset gold texts: every line is article (clean text must come back unchanged).

The features of each line come from `docclean blocks`, so that training reads exactly what the
stage reads. The model is a logistic regression on a line's own features, then boosted trees
that read the line's features beside its neighbours' regression scores (as jusText's context
pass does), then a two-state Viterbi pass that prefers one contiguous article. Everything is
deterministic: Newton steps from zero, and scikit-learn's boosting with a fixed seed. The
figures it prints are cross-validated by site: the pages of one site (and the raw and gold
forms of one dev-set article) are never in training and test at once.

Needs numpy and scikit-learn 1.7.2 (`python3 -m pip install numpy scikit-learn==1.7.2`).

    python3 scripts/train-main-text.py            # builds docclean, trains, writes the model
    python3 scripts/train-main-text.py --check    # fails if the committed model is not what it makes
"""

import argparse
import hashlib
import html
import json
import math
import os
import re
import subprocess
import sys
from collections import defaultdict
from urllib.parse import urlparse

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(ROOT), "shared")
MODEL_SWIFT = os.path.join(ROOT, "Sources/Stages/Boilerplate/MainTextModel.swift")

# Weights of the kinds of labels (see the module doc). Segment labels were checked by people;
# reader-mode labels are a reader mode's guess, right most of the time.
SEGMENT_WEIGHT = 8.0
READER_WEIGHT = 1.0
DEVSET_WEIGHT = 10.0  # the dev set has few lines beside the real pages; its chrome is the spec's
GOLD_WEIGHT = 5.0  # clean text must come back whole: its lines count more than one label each
L2 = 1.0  # ridge penalty on standardized weights
# The second stage's boosted trees (scikit-learn's histogram gradient boosting, fixed seed).
TREES = 150
TREE_DEPTH = 4
TREE_RATE = 0.1
TREE_L2 = 1.0
FOLDS = 5
# Context windows (lines before and after) whose mean score the second regression reads.
WINDOWS = [1, 3, 8]
# The switch costs and keep biases tried; the pair with the best cross-validated F1 on the
# real pages, among those that keep every gold text whole, is the model's.
# A shape rule whose lines are boilerplate at least `trust` of the time in training vetoes the
# lines the model does not hold for article text by `margin` (see `decide`).
GRID = [(cost, bias, margin, trust) for cost in (0.0, 0.5) for bias in (0.5, 0.75, 1.0, 1.25, 1.5)
        for margin in (1.0, 2.0, 4.0) for trust in (0.5, 0.9)]
# How many characters left in a lost character of article text weighs as, choosing the grid point.
LOST_WEIGHT = 10.0
# The features that come from the batch's profile, all 0 for a file cleaned on its own.
BATCH_FEATURES = ["recurrence", "in-batch"]
NAMES = []
WORDS = 0  # the index of the `words` feature (log of words plus scalars without spaces / 2)


def ws(text):
    return " ".join(text.split())


def alnum(text):
    return "".join(ch.lower() for ch in html.unescape(text) if ch.isalnum())


def site_of(url, name):
    parsed = urlparse(url)
    host = parsed.netloc
    if host == "web.archive.org":
        inner = re.sub(r"^/web/\d+[a-z_]*/", "", parsed.path)
        inner = inner if "://" in inner else "http://" + inner
        host = urlparse(inner).netloc
    if not host:
        match = re.search(r"::([a-z0-9-]+\.[a-z]+)", url)
        host = match.group(1) if match else name
    return host.lower().removeprefix("www.")


def read_blocks(path):
    docs = defaultdict(list)
    with open(path, encoding="utf-8") as handle:
        header = json.loads(handle.readline())
        for line in handle:
            record = json.loads(line)
            docs[record["file"]].append(record)
    return header["features"], docs


def dump_features(binary, files, out):
    with open(out, "w", encoding="utf-8") as handle:
        subprocess.run([binary, "blocks", *files], stdout=handle, check=True)


def load(args):
    """Returns the feature names and a list of documents, each a dict with lines and labels."""
    cache = args.features
    os.makedirs(cache, exist_ok=True)
    sets = {
        "full": sorted(os.path.join(SHARED, "realworld/full", f) for f in os.listdir(os.path.join(SHARED, "realworld/full"))),
        "reader": sorted(os.path.join(SHARED, "realworld/reader", f) for f in os.listdir(os.path.join(SHARED, "realworld/reader"))),
        "devraw": sorted(os.path.join(SHARED, "devset/raw", f) for f in os.listdir(os.path.join(SHARED, "devset/raw"))),
        "devgold": sorted(os.path.join(SHARED, "devset/gold", f) for f in os.listdir(os.path.join(SHARED, "devset/gold"))),
    }
    names = None
    blocks = {}
    for key, files in sets.items():
        path = os.path.join(cache, key + ".jsonl")
        if not args.reuse or not os.path.exists(path):
            dump_features(args.docclean, files, path)
        names, blocks[key] = read_blocks(path)

    pages = json.load(open(os.path.join(SHARED, "realworld/segments.json"), encoding="utf-8"))["pages"]
    manifest = {}
    with open(os.path.join(SHARED, "devset/manifest.tsv"), encoding="utf-8") as handle:
        next(handle)
        for row in handle:
            cols = row.rstrip("\n").split("\t")
            manifest[cols[0]] = cols[4].split("#")[0]

    docs = []
    reader_text = {}
    for path, lines in blocks["reader"].items():
        reader_text[os.path.basename(path)[:-3]] = ws(" ".join(l["plain"] for l in lines))
    for kind in ("full", "reader"):
        for path, lines in blocks[kind].items():
            name = os.path.basename(path)[:-3]
            page = pages[name]
            labels = np.full(len(lines), np.nan)
            weights = np.zeros(len(lines))
            if kind == "full":
                reader = reader_text.get(name, "")
                for i, l in enumerate(lines):
                    plain = ws(l["plain"])
                    if len(plain) >= 3:
                        labels[i] = 1.0 if plain in reader else 0.0
                        weights[i] = READER_WEIGHT
            plains = [ws(l["plain"]) for l in lines]
            for value, segments in ((1.0, page["with"]), (0.0, page["without"])):
                for segment in segments:
                    segment = ws(segment)
                    for i, plain in enumerate(plains):
                        if segment in plain:
                            labels[i] = value
                            weights[i] = SEGMENT_WEIGHT
            docs.append(dict(kind=kind, name=name, group="site:" + site_of(page["url"], name), lines=lines,
                             labels=labels, weights=weights, page=page))
    gold_text = {}
    for path, lines in blocks["devgold"].items():
        name = os.path.basename(path)
        gold_text[name] = lines
        docs.append(dict(kind="devgold", name=name, group="dev:" + manifest.get(name, name), lines=lines,
                         labels=np.ones(len(lines)), weights=np.full(len(lines), GOLD_WEIGHT)))
    for path, lines in blocks["devraw"].items():
        name = os.path.basename(path)
        gold_lines = gold_text.get(name, [])
        gold_all = alnum(" ".join(l["plain"] for l in gold_lines))
        gold_paragraphs = defaultdict(int)
        for l in gold_lines:
            gold_paragraphs[alnum(l["plain"])] += 1
        used = defaultdict(int)
        labels = np.zeros(len(lines))
        block_sizes = defaultdict(int)
        for l in lines:
            block_sizes[l["block"]] += 1
        for i, l in enumerate(lines):
            key = alnum(l["plain"])
            # A short line is article text where it is a gold paragraph, or the wrapped end
            # of one; alone, a short line could be any number or word of the article.
            wrapped = block_sizes[l["block"]] > 1
            if key in gold_paragraphs:
                # A whole gold paragraph: its first copies are the article's, later ones (a
                # title repeated as a running head) are furniture.
                used[key] += 1
                labels[i] = 1.0 if used[key] <= gold_paragraphs[key] else 0.0
            elif len(key) >= 12 or wrapped:
                labels[i] = 1.0 if key and key in gold_all else 0.0
            else:
                labels[i] = 1.0 if key and key in gold_paragraphs else 0.0
        docs.append(dict(kind="devraw", name=name, group="dev:" + manifest.get(name, name), lines=lines,
                         labels=labels, weights=np.full(len(lines), DEVSET_WEIGHT)))
    for doc in docs:
        doc["x"] = np.array([l["f"] for l in doc["lines"]], dtype=np.float64).reshape(len(doc["lines"]), len(names))
        doc["batch"] = True
    # Each document also as a file cleaned on its own (`clean FILE`, no profile): the model
    # must do without the batch's recurrence as well as with it.
    alone = []
    for doc in docs:
        copy = dict(doc, batch=False, x=doc["x"].copy())
        for name in BATCH_FEATURES:
            copy["x"][:, names.index(name)] = 0.0
        alone.append(copy)
    return names, docs + alone


# --- the model (mirrored by MainTextModel.swift and Boilerplate's decoder) ---

def fit_logistic(x, y, w, l2=L2, iterations=25):
    """Weighted ridge logistic regression by Newton's method; returns (weights, bias) in the
    units of x (standardization folded in)."""
    mean = np.average(x, axis=0, weights=w)
    std = np.sqrt(np.average((x - mean) ** 2, axis=0, weights=w))
    std[std < 1e-9] = 1.0
    z = np.hstack([(x - mean) / std, np.ones((len(x), 1))])
    beta = np.zeros(z.shape[1])
    penalty = np.full(z.shape[1], l2)
    penalty[-1] = 0.0
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-(z @ beta)))
        gradient = z.T @ (w * (p - y)) + penalty * beta
        hessian = (z * (w * p * (1 - p))[:, None]).T @ z + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        beta -= step
        if np.max(np.abs(step)) < 1e-8:
            break
    weights = beta[:-1] / std
    bias = beta[-1] - float(np.sum(beta[:-1] * mean / std))
    return weights, bias


def context(scores):
    """The neighbours' mean scores in each window, before and after, and the document's."""
    n = len(scores)
    padded = np.concatenate([[0.0], np.cumsum(scores)])
    columns = []
    index = np.arange(n)
    for window in WINDOWS:
        lo = np.maximum(index - window, 0)
        before = (padded[index] - padded[lo]) / np.maximum(index - lo, 1)
        hi = np.minimum(index + 1 + window, n)
        after = (padded[hi] - padded[index + 1]) / np.maximum(hi - index - 1, 1)
        columns += [before, after]
    columns.append(np.full(n, scores.mean() if n else 0.0))
    return np.stack(columns, axis=1) if n else np.zeros((0, 2 * len(WINDOWS) + 1))


def squash(score):
    return np.clip(score, -8.0, 8.0) / 4.0


def viterbi(logits, switch_cost, bias):
    """The article/boilerplate sequence that best fits the scores with a cost per switch."""
    n = len(logits)
    if n == 0:
        return np.zeros(0, dtype=bool)
    keep_gain = logits + bias  # log-odds of article over boilerplate
    # scores of being in state 0 (boilerplate) or 1 (article) at line i
    best = np.array([0.0, keep_gain[0]])
    back = np.zeros((n, 2), dtype=np.int8)
    for i in range(1, n):
        stay0, from1 = best[0], best[1] - switch_cost
        stay1, from0 = best[1], best[0] - switch_cost
        new0 = max(stay0, from1)
        new1 = max(stay1, from0) + keep_gain[i]
        back[i, 0] = 0 if stay0 >= from1 else 1
        back[i, 1] = 1 if stay1 >= from0 else 0
        best = np.array([new0, new1])
    state = 1 if best[1] >= best[0] else 0
    states = np.zeros(n, dtype=bool)
    for i in range(n - 1, -1, -1):
        states[i] = state == 1
        state = back[i, state]
    return states


def decide(logits, x, veto, switch_cost, bias, margin):
    """Viterbi's choice, less the lines a trusted shape rule removes and the model does not
    hold for article text by more than `margin`."""
    keep = viterbi(logits, switch_cost, bias)
    vetoed = (x[:, veto].sum(axis=1) > 0) & (logits < margin) if len(veto) else np.zeros(len(keep), dtype=bool)
    keep = keep & ~vetoed
    if len(keep) and not keep.any():
        # Never an empty page: the run of lines with the highest total score stays.
        best, total, start, region = -np.inf, 0.0, 0, (0, 0)
        for index, score in enumerate(logits):
            if x[index, WORDS] <= 0:
                continue
            if total <= 0:
                total, start = 0.0, index
            total += score
            if total > best:
                best, region = total, (start, index)
        keep[region[0]:region[1] + 1] = True
    return keep


class Trees:
    """Gradient-boosted regression trees, flattened as MainTextModel.swift stores them: node i
    splits on `feature[i]` (-1 for a leaf) at `threshold[i]` (a leaf's value), going to
    `left[i]` when the value is at most the threshold, else to `right[i]`."""

    def __init__(self, x, y, w):
        from sklearn.ensemble import HistGradientBoostingClassifier

        booster = HistGradientBoostingClassifier(
            max_iter=TREES, max_depth=TREE_DEPTH, learning_rate=TREE_RATE, l2_regularization=TREE_L2,
            early_stopping=False, random_state=0)
        booster.fit(x, y, sample_weight=w)
        self.baseline = float(np.ravel(booster._baseline_prediction)[0])
        feature, threshold, left, right, roots = [], [], [], [], []
        for (predictor,) in booster._predictors:
            offset = len(feature)
            roots.append(offset)
            for node in predictor.nodes:
                leaf = bool(node["is_leaf"])
                feature.append(-1 if leaf else int(node["feature_idx"]))
                threshold.append(float(node["value"]) if leaf else float(node["num_threshold"]))
                left.append(offset + int(node["left"]) if not leaf else -1)
                right.append(offset + int(node["right"]) if not leaf else -1)
        self.feature = np.array(feature)
        self.threshold = np.array(threshold)
        self.left = np.array(left)
        self.right = np.array(right)
        self.roots = roots

    def __call__(self, x):
        total = np.full(len(x), self.baseline)
        rows = np.arange(len(x))
        for root in self.roots:
            node = np.full(len(x), root)
            for _ in range(TREE_DEPTH + 1):
                feature = self.feature[node]
                inner = feature >= 0
                value = x[rows, np.where(inner, feature, 0)]
                step = np.where(value <= self.threshold[node], self.left[node], self.right[node])
                node = np.where(inner, step, node)
            total += self.threshold[node]
        return total


class Model:
    def __init__(self, first, second, veto, switch_cost, bias, margin):
        self.first, self.second, self.veto = first, second, veto
        self.switch_cost, self.bias, self.margin = switch_cost, bias, margin

    def logits(self, x):
        s1 = x @ self.first[0] + self.first[1]
        return self.second(np.hstack([x, context(squash(s1))]))


def train(docs):
    labelled = [(d["x"], d["labels"], d["weights"]) for d in docs]
    x = np.vstack([a for a, _, _ in labelled])
    y = np.concatenate([b for _, b, _ in labelled])
    w = np.concatenate([c for _, _, c in labelled])
    mask = ~np.isnan(y) & (w > 0)
    first = fit_logistic(x[mask], y[mask], w[mask])
    x2 = np.vstack([np.hstack([d["x"], context(squash(d["x"] @ first[0] + first[1]))]) for d in docs])
    second = Trees(x2[mask], y[mask], w[mask])
    return first, second, rule_precisions(x[mask], y[mask], w[mask])


def rule_precisions(x, y, w):
    """For each rule feature, how often (weighted) its lines are boilerplate."""
    precisions = {}
    for index, name in enumerate(NAMES):
        if not name.startswith("rule-"):
            continue
        fired = x[:, index] == 1
        if w[fired].sum() > 0:
            precisions[index] = float(np.average(1 - y[fired], weights=w[fired]))
    return precisions


def trusted(precisions, threshold):
    return sorted(index for index, value in precisions.items() if value >= threshold)


# --- evaluation ---

def segment_counts(doc, keep):
    text = ws("\n".join(l["plain"] for l, k in zip(doc["lines"], keep) if k))
    found_with = sum(ws(s) in text for s in doc["page"]["with"])
    found_without = sum(ws(s) in text for s in doc["page"]["without"])
    return found_with, len(doc["page"]["with"]), found_without, len(doc["page"]["without"])


def summarize(counts):
    tp = sum(c[0] for c in counts)
    all_with = sum(c[1] for c in counts)
    fp = sum(c[2] for c in counts)
    precision = tp / max(tp + fp, 1)
    recall = tp / max(all_with, 1)
    f1 = 2 * precision * recall / max(precision + recall, 1e-9)
    return dict(precision=round(precision, 4), recall=round(recall, 4), f1=round(f1, 4))


def folds_of(docs):
    groups = sorted({d["group"] for d in docs}, key=lambda g: hashlib.sha256(g.encode()).hexdigest())
    fold = {g: i % FOLDS for i, g in enumerate(groups)}
    return [fold[d["group"]] for d in docs]


def cross_validate(docs):
    """Held-out logits for every document, each from a model that never saw its site."""
    folds = folds_of(docs)
    held = [None] * len(docs)
    for k in range(FOLDS):
        train_docs = [d for d, f in zip(docs, folds) if f != k]
        first, second, precisions = train(train_docs)
        model = Model(first, second, [], 0.0, 0.0, 0.0)
        for i, (d, f) in enumerate(zip(docs, folds)):
            if f == k:
                held[i] = (model.logits(d["x"]), precisions)
    return held


def evaluate(docs, held, switch_cost, bias, margin, trust):
    keeps = [decide(l, d["x"], trusted(p, trust), switch_cost, bias, margin) for d, (l, p) in zip(docs, held)]
    result = {}
    for batch, suffix in ((False, ""), (True, "-batch")):
        for kind in ("full", "reader"):
            counts = [segment_counts(d, keep) for d, keep in zip(docs, keeps) if d["kind"] == kind and d["batch"] == batch]
            result[kind + suffix] = summarize(counts)
    gold = [keep.all() for d, keep in zip(docs, keeps) if d["kind"] == "devgold"]
    # Dev-set dumps: characters of article lines removed and of boilerplate lines kept, per
    # 1,000 characters of article lines (roughly score.py's lost and left).
    lost = left = total = 0
    for d, keep in zip(docs, keeps):
        if d["kind"] != "devraw":
            continue
        for line, label, kept in zip(d["lines"], d["labels"], keep):
            size = len(line["plain"])
            total += size if label == 1 else 0
            lost += size if label == 1 and not kept else 0
            left += size if label == 0 and kept else 0
    result["devset-lost"] = round(1000 * lost / max(total, 1), 2)
    result["devset-left"] = round(1000 * left / max(total, 1), 2)
    result["gold-kept"] = f"{sum(gold)}/{len(gold)}"
    return result


# --- output ---

def swift_array(values):
    return "[" + ", ".join(repr(float(v)) for v in values) + "]"


def swift_ints(values):
    return "[" + ", ".join(str(int(v)) for v in values) + "]"


def write_swift(names, model, figures):
    body = f"""// Generated by scripts/train-main-text.py; do not edit. Rebuild with that script.

/// The trained weights of the main-text model, made by `scripts/train-main-text.py` from the
/// labelled lines of `../shared` (see the script for how lines are labelled).
///
/// Cross-validated by site when it was made: {figures}
enum MainTextModel {{
  /// The features the weights are for, in order; `BlockFeatures.names` must match.
  static let featureNames = [{", ".join('"' + n + '"' for n in names)}]

  /// The first regression: a line's own features.
  static let lineWeights: [Double] = {swift_array(model.first[0])}
  static let lineBias = {float(model.first[1])!r}

  /// The second stage: boosted trees over the line's features, then its neighbours' mean
  /// squashed first scores over `contextWindows` (before, after, for each), then the
  /// document's mean. Node `i` splits on feature `treeFeature[i]` (-1 for a leaf) at
  /// `treeThreshold[i]` (a leaf's value), going to `treeLeft[i]` when the value is at most the
  /// threshold and to `treeRight[i]` otherwise; `treeRoots` are the trees' first nodes.
  static let contextWindows = {WINDOWS!r}
  static let treeBaseline = {model.second.baseline!r}
  static let treeRoots: [Int32] = {swift_ints(model.second.roots)}
  static let treeFeature: [Int16] = {swift_ints(model.second.feature)}
  static let treeThreshold: [Double] = {swift_array(model.second.threshold)}
  static let treeLeft: [Int32] = {swift_ints(model.second.left)}
  static let treeRight: [Int32] = {swift_ints(model.second.right)}

  /// The cost of switching between article and boilerplate from one line to the next, in
  /// log-odds, and the log-odds added for keeping: tuned by cross-validation for F1 on the
  /// real pages, with every gold text kept whole.
  static let switchCost = {model.switch_cost!r}
  static let keepBias = {model.bias!r}

  /// The shape rules whose lines were boilerplate at least {model.trust:.0%} of the time in
  /// training: a line one of them names goes unless its score is at least `vetoMargin`.
  static let vetoRules: Set<String> = [{", ".join('"' + NAMES[i].removeprefix("rule-") + '"' for i in model.veto)}]
  static let vetoMargin = {model.margin!r}
}}
"""
    digest = hashlib.sha256(body.encode()).hexdigest()
    body += f"""
extension MainTextModel {{
  /// The SHA-256 of the generated text above this extension, less its first line; part of
  /// the ruleset fingerprint.
  static let hash = "{digest}"
}}
"""
    # swift format leaves the file as the script writes it, so that --check still holds.
    return "// swift-format-ignore-file\n" + body


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docclean", default=os.path.join(ROOT, ".build/release/docclean"))
    parser.add_argument("--features", default=os.path.join(ROOT, ".build/main-text-features"))
    parser.add_argument("--reuse", action="store_true", help="reuse the feature dumps of an earlier run")
    parser.add_argument("--no-build", action="store_true")
    parser.add_argument("--check", action="store_true", help="compare with the committed model instead of writing")
    args = parser.parse_args()
    if not args.no_build:
        subprocess.run(["swift", "build", "-c", "release", "--product", "docclean"], cwd=ROOT, check=True)
    names, docs = load(args)
    NAMES[:] = names
    held = cross_validate(docs)
    best = None
    for cost, bias, margin, trust in GRID:
        figures = evaluate(docs, held, cost, bias, margin, trust)
        print(f"switch {cost} bias {bias} margin {margin} trust {trust}: {figures}", file=sys.stderr)
        # The dev set's left and lost characters are per 1,000; a point of F1 is worth about
        # two of them. Article text lost is the worst error there is (when in doubt, keep):
        # a character lost weighs as ten left.
        score = (figures["full"]["f1"] + figures["reader"]["f1"] + figures["full-batch"]["f1"]
                 + figures["reader-batch"]["f1"]) / 2 - (figures["devset-left"] + LOST_WEIGHT * figures["devset-lost"]) / 500
        gold_whole = figures["gold-kept"].split("/")
        if gold_whole[0] != gold_whole[1]:
            continue
        if best is None or score > best[0]:
            best = (score, cost, bias, margin, trust, figures)
    _, cost, bias, margin, trust, figures = best
    first, second, precisions = train(docs)
    model = Model(first, second, trusted(precisions, trust), cost, bias, margin)
    model.trust = trust
    fit = evaluate(docs, [(model.logits(d["x"]), precisions) for d in docs], cost, bias, margin, trust)
    summary = (f"full {figures['full']}, reader {figures['reader']}; in a batch: full {figures['full-batch']}, "
               f"reader {figures['reader-batch']}; gold kept {figures['gold-kept']}; "
               f"fit on all: full {fit['full']}, reader {fit['reader']}")
    print(summary)
    text = write_swift(names, model, summary)
    if args.check:
        current = open(MODEL_SWIFT, encoding="utf-8").read() if os.path.exists(MODEL_SWIFT) else ""
        if current != text:
            sys.exit("MainTextModel.swift is not what the training script makes from this checkout")
        return
    with open(MODEL_SWIFT, "w", encoding="utf-8") as handle:
        handle.write(text)


if __name__ == "__main__":
    main()
