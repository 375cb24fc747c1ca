#!/usr/bin/env python3
"""Pixel statistics of a PNG, for the figure tests: decodes 8-bit RGB/RGBA/grey, non-interlaced
PNGs (what gnuplot's pngcairo writes) with zlib only, and prints one line

    width height non_background_fraction distinct_colours

where the background is the most common colour. With --has COLOUR (hex, e.g. 0072B2) it also
exits 1 unless at least --min pixels are within --tol of that colour (per channel)."""
import argparse
import struct
import sys
import zlib
from collections import Counter


def decode(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        sys.exit(f"{path}: not a PNG")
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    channels = {0: 1, 2: 3, 4: 2, 6: 4}.get(colour)
    if depth != 8 or channels is None or interlace:
        sys.exit(f"{path}: PNG layout not supported (depth {depth}, colour type {colour})")
    raw, stride = zlib.decompress(idat), width * channels
    rows, previous, i = [], bytearray(stride), 0
    for _ in range(height):
        kind, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - channels] if x >= channels else 0
            b, c = previous[x], previous[x - channels] if x >= channels else 0
            if kind == 1: line[x] = (line[x] + a) & 255
            elif kind == 2: line[x] = (line[x] + b) & 255
            elif kind == 3: line[x] = (line[x] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        previous = line
    pixels = []
    for line in rows:
        for x in range(width):
            px = line[x * channels:(x + 1) * channels]
            pixels.append(tuple(px[:3]) if channels >= 3 else (px[0],) * 3)
    return width, height, pixels


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("png")
    ap.add_argument("--has", help="hex colour that must appear")
    ap.add_argument("--min", type=int, default=50)
    ap.add_argument("--tol", type=int, default=24)
    a = ap.parse_args()
    width, height, pixels = decode(a.png)
    counts = Counter(pixels)
    background, n_background = counts.most_common(1)[0]
    print(width, height, f"{1 - n_background / len(pixels):.4f}", len(counts))
    if a.has:
        want = tuple(int(a.has[k:k + 2], 16) for k in (0, 2, 4))
        n = sum(c for px, c in counts.items() if all(abs(p - q) <= a.tol for p, q in zip(px, want)))
        print(f"pixels near #{a.has}: {n}")
        if n < a.min:
            sys.exit(1)


if __name__ == "__main__":
    main()
