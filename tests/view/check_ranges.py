#!/usr/bin/env python3
"""Checks a view script's colour ranges against the ones its series were made with.

Usage: check_ranges.py SCRIPT_view.py EXPECTED.json PANELS

Imports the script (as a module: nothing runs) and compares series_ranges(VIEW, its
directory), the one function both the ParaView and the VTK branch take their ranges from, with
EXPECTED.json ({array: [lo, hi]}, written by make_view_series.py from every frame); and the
number of panels() with PANELS. The test series have their largest |signed| in a middle frame
and 0 in the first, so a range from one frame fails here.
"""

import importlib.util
import json
import os
import sys


def main():
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    script, expected_path, n_panels = sys.argv[1], sys.argv[2], int(sys.argv[3])
    spec = importlib.util.spec_from_file_location("view_under_test", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)

    ranges = module.series_ranges(module.VIEW, os.path.dirname(os.path.abspath(script)))
    with open(expected_path) as f:
        expected = json.load(f)
    failures = []
    for name, (lo, hi) in expected.items():
        if name not in ranges:
            failures.append("no range for %s" % name)
            continue
        got = ranges[name]["range"]
        if abs(got[0] - lo) > 1e-12 * max(1.0, abs(lo)) or abs(got[1] - hi) > 1e-12 * max(1.0, abs(hi)):
            failures.append("%s: range %r, expected %r (over every frame)" % (name, got, (lo, hi)))
    panels = module.panels(module.VIEW)
    if len(panels) != n_panels:
        failures.append("%d panels (%s), expected %d" % (len(panels), [p["title"] for p in panels], n_panels))
    for failure in failures:
        print("FAIL %s: %s" % (script, failure))
    if failures:
        return 1
    print("PASS %s: ranges %s" % (os.path.basename(script),
                                  ", ".join("%s %.6g..%.6g" % (k, *v["range"]) for k, v in sorted(ranges.items()))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
