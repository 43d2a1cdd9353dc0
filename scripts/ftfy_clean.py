#!/usr/bin/env python3
"""Prints ftfy's fix_text of one file: the baseline docclean is measured against.

Bytes that are not UTF-8 are decoded with replacement, as score.py reads raw files.
"""
import sys

import ftfy

with open(sys.argv[1], "rb") as handle:
    sys.stdout.write(ftfy.fix_text(handle.read().decode("utf-8", "replace")))
