#!/usr/bin/env python3
"""Cleans a JSON Lines file under Spark, piping each partition's records through docclean.

The recipe for Spark users: every record goes through `docclean clean --jsonl
--allow-record-errors` with `RDD.pipe`, which writes one line per record and reads one line
back per record, in order. A record that docclean cannot clean comes back with an `error`
field (and exit code 0, so that one bad record does not abort the job with `checkCode=True`);
filter on it afterwards. With a batch profile (`docclean profile`), give it with --profile so
that every partition judges its records against the whole batch.

    python3 scripts/spark-clean.py records.jsonl --out cleaned.jsonl [--partitions 8]
    python3 scripts/spark-clean.py records.jsonl --out cleaned.jsonl --compare

--compare also runs docclean once over the whole file in one process and fails unless every
output record is the same, line for line.

Spark reads text as UTF-8: bytes that are not UTF-8 reach docclean already replaced by U+FFFD,
where a single process would have repaired them from Windows-1252.
"""
import argparse
import os
import shlex
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def spark_clean(input_path, command, partitions):
    from pyspark.sql import SparkSession

    spark = (SparkSession.builder.master(f"local[{min(partitions, os.cpu_count() or 1)}]")
             .appName("docclean").config("spark.ui.enabled", "false").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    try:
        lines = spark.sparkContext.textFile(input_path, minPartitions=partitions)
        return lines.pipe(command, checkCode=True).collect()
    finally:
        spark.stop()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("input", help="a JSON Lines file of records with `text` (and `id`) fields")
    parser.add_argument("--out", required=True, help="where to write the cleaned records")
    parser.add_argument("--docclean", default=os.path.join(ROOT, ".build/release/docclean"))
    parser.add_argument("--profile", help="a batch profile made by `docclean profile`")
    parser.add_argument("--partitions", type=int, default=4)
    parser.add_argument("--compare", action="store_true", help="check against one docclean process")
    args = parser.parse_args()

    command = [os.path.abspath(args.docclean), "clean", "--jsonl", "--allow-record-errors"]
    if args.profile:
        command += ["--profile", os.path.abspath(args.profile)]
    records = spark_clean(os.path.abspath(args.input), shlex.join(command), args.partitions)
    with open(args.out, "w", encoding="utf-8") as handle:
        handle.writelines(record + "\n" for record in records)
    with open(args.input, "rb") as handle:
        sent = handle.read().count(b"\n")
    errors = sum('"error":' in record for record in records)
    print(f"{sent} records in, {len(records)} out, {errors} with an error field")
    if not args.compare:
        return
    single = subprocess.run(command + [args.input], capture_output=True, check=True).stdout
    expected = single.decode("utf-8").split("\n")[:-1]
    differing = [i + 1 for i, (a, b) in enumerate(zip(records, expected)) if a != b]
    if len(records) != len(expected) or differing:
        sys.exit(f"Spark gave {len(records)} records and one process {len(expected)}; "
                 f"lines that differ: {differing[:10]}")
    print(f"same as one docclean process, record for record ({len(expected)} records)")


if __name__ == "__main__":
    main()
