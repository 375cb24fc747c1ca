#!/usr/bin/env python3
"""Checks a view script's PNG: not blank, and the diverging map's two ends where expected.

Usage: check_render.py IMAGE.png [--min-share S] [--both-signs] [--max-sign-share X]
                       [--legend L]

The background is the image's most common colour; a pixel is drawn when a channel differs
from it by more than 12 (of 255). --min-share (default 0.03): at least this share of all
pixels is drawn. The colour checks look above the legend strip (the bottom L = 0.16 of the
image, VIEW["legend_height"], where the colour bars show both ends of every map whatever the
data): --both-signs asks for at least 30 bluish (b - r >= 60, b - g >= 30: the map's negative
end) and 30 reddish (r - b >= 60, r - g >= 60: its positive end) pixels; --max-sign-share asks
that at most X of the drawn pixels there are bluish or reddish (data at the neutral centre of
the map, e.g. an all-zero first frame, leave only the teacher's markers coloured).
Prints the measured numbers and PASS or FAIL; exit 0 on PASS.
"""

import argparse
import sys

import numpy
from vtkmodules.util.numpy_support import vtk_to_numpy
from vtkmodules.vtkIOImage import vtkPNGReader


def load(path):
    reader = vtkPNGReader()
    if not reader.CanReadFile(path):
        raise SystemExit("FAIL %s: not a readable PNG" % path)
    reader.SetFileName(path)
    reader.Update()
    image = reader.GetOutput()
    width, height, _ = image.GetDimensions()
    pixels = vtk_to_numpy(image.GetPointData().GetScalars())
    rgb = pixels.reshape(height, width, -1)[:, :, :3].astype(numpy.int32)
    return rgb  # row 0 is the bottom of the picture


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("image")
    parser.add_argument("--min-share", type=float, default=0.03)
    parser.add_argument("--both-signs", action="store_true")
    parser.add_argument("--max-sign-share", type=float)
    parser.add_argument("--legend", type=float, default=0.16)
    args = parser.parse_args()

    rgb = load(args.image)
    height, width, _ = rgb.shape
    packed = (rgb[:, :, 0] << 16) | (rgb[:, :, 1] << 8) | rgb[:, :, 2]
    values, counts = numpy.unique(packed, return_counts=True)
    background = values[numpy.argmax(counts)]
    background_rgb = numpy.array([(background >> 16) & 255, (background >> 8) & 255, background & 255])
    drawn = numpy.abs(rgb - background_rgb).max(axis=2) > 12
    share = drawn.mean()

    data = slice(int(round(args.legend * height)), height)  # rows above the legend strip
    r, g, b = (rgb[data, :, k] for k in range(3))
    bluish = (b - r >= 60) & (b - g >= 30)
    reddish = (r - b >= 60) & (r - g >= 60)
    n_blue, n_red = int(bluish.sum()), int(reddish.sum())
    n_drawn = max(int(drawn[data].sum()), 1)
    sign_share = (n_blue + n_red) / n_drawn
    print("%s: %d x %d, background #%06x, drawn %.1f %% of the pixels; above the legends %d bluish, "
          "%d reddish pixels (%.1f %% of the drawn)"
          % (args.image, width, height, background, 100 * share, n_blue, n_red, 100 * sign_share))

    failures = []
    if share < args.min_share:
        failures.append("only %.2f %% of the pixels differ from the background (expected >= %.1f %%)"
                        % (100 * share, 100 * args.min_share))
    if args.both_signs and (n_blue < 30 or n_red < 30):
        failures.append("expected both ends of the diverging map (>= 30 bluish and >= 30 reddish pixels)")
    if args.max_sign_share is not None and sign_share > args.max_sign_share:
        failures.append("%.1f %% of the drawn pixels are bluish or reddish (expected <= %.0f %%: the "
                        "data should sit at the neutral centre of the map)"
                        % (100 * sign_share, 100 * args.max_sign_share))
    for failure in failures:
        print("FAIL %s: %s" % (args.image, failure))
    if failures:
        return 1
    print("PASS %s" % args.image)
    return 0


if __name__ == "__main__":
    sys.exit(main())
