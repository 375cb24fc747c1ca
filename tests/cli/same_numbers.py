#!/usr/bin/env python3
"""Do two run directories hold the same numbers?

Usage: same_numbers.py DIR_A DIR_B TOLERANCE

Every CSV file of DIR_A (recursively) must exist in DIR_B with the same header and the same
number of rows, and every number must agree to TOLERANCE relative: |a - b| <= TOLERANCE * s,
where s is the largest |value| of that column in DIR_A's file (a value that is round-off of
zero next to a column of order one is compared at the column's scale, not its own). Cells that
are not numbers must be equal as text. Prints the largest relative difference per file; exit
code 1 names the first file, row and column that differ.
"""
import csv
import math
import os
import sys


def read(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    if not rows:
        raise SystemExit(f"FAIL: {path} is empty")
    return rows[0], rows[1:]


def number(text):
    try:
        return float(text)
    except ValueError:
        return None


def compare(a_path, b_path, tolerance):
    a_head, a_rows = read(a_path)
    b_head, b_rows = read(b_path)
    if a_head != b_head:
        raise SystemExit(f"FAIL: {b_path}: header {b_head} is not {a_head}")
    if len(a_rows) != len(b_rows):
        raise SystemExit(f"FAIL: {b_path}: {len(b_rows)} rows, {a_path} has {len(a_rows)}")
    scale = [0.0] * len(a_head)
    for row in a_rows:
        for j, cell in enumerate(row):
            x = number(cell)
            if x is not None and math.isfinite(x):
                scale[j] = max(scale[j], abs(x))
    worst = 0.0
    for i, (ra, rb) in enumerate(zip(a_rows, b_rows)):
        if len(ra) != len(rb):
            raise SystemExit(f"FAIL: {b_path}: row {i + 2} has {len(rb)} cells, not {len(ra)}")
        for j, (ca, cb) in enumerate(zip(ra, rb)):
            xa, xb = number(ca), number(cb)
            if xa is None or xb is None or not (math.isfinite(xa) and math.isfinite(xb)):
                if ca != cb:
                    raise SystemExit(f"FAIL: {b_path}: row {i + 2}, column {a_head[j]}: '{cb}' is not '{ca}'")
                continue
            d = abs(xa - xb) / scale[j] if scale[j] > 0 else abs(xa - xb)
            worst = max(worst, d)
            if d > tolerance:
                raise SystemExit(f"FAIL: {b_path}: row {i + 2}, column {a_head[j]}: {cb} against {ca} "
                                 f"(relative {d:.3g} > {tolerance:g})")
    return worst


def main():
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    a_dir, b_dir, tolerance = sys.argv[1], sys.argv[2], float(sys.argv[3])
    files = sorted(os.path.relpath(os.path.join(root, f), a_dir)
                   for root, _, names in os.walk(a_dir) for f in names if f.endswith(".csv"))
    if not files:
        raise SystemExit(f"FAIL: {a_dir} holds no CSV file")
    overall = 0.0
    for rel in files:
        b_path = os.path.join(b_dir, rel)
        if not os.path.exists(b_path):
            raise SystemExit(f"FAIL: {b_path} is missing")
        overall = max(overall, compare(os.path.join(a_dir, rel), b_path, tolerance))
    print(f"{len(files)} CSV files agree: largest relative difference {overall:.3g}")


if __name__ == "__main__":
    main()
