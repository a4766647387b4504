#!/usr/bin/env python3
"""Draws the app icons (SVG and PNGs) for the web manifest.

The icon is drawn here from shapes, not from an image file, so it can be
regenerated without any graphics tool: python3's zlib and struct write the
PNGs. Run it again only when the design changes; its output is committed.

    python3 scripts/offline/make-icons.py   # writes assets/offline/icons/
"""
import os
import struct
import zlib

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "assets", "offline", "icons")

RED = (179, 38, 30)        # the red of a government masthead
PAPER = (255, 251, 245)
INK = (179, 38, 30)
GREY = (120, 113, 108)

# Shapes on a 512-unit canvas, painted in order: (kind, colour, geometry).
# A sheet of paper with a red masthead rule, three lines of text, and a
# small bar chart: a bulletin turned into figures.
SHAPES = [
    ("rrect", PAPER, (136, 88, 376, 424, 24)),
    ("rect", INK, (168, 128, 344, 152)),     # masthead
    ("rect", INK, (168, 168, 344, 174)),     # red rule
    ("rect", GREY, (168, 200, 344, 214)),    # text lines
    ("rect", GREY, (168, 232, 320, 246)),
    ("rect", GREY, (168, 264, 336, 278)),
    ("rect", INK, (176, 352, 208, 392)),     # bars
    ("rect", INK, (224, 328, 256, 392)),
    ("rect", INK, (272, 304, 304, 392)),
    ("rect", INK, (320, 336, 352, 392)),
]


def inside(shape, x, y):
    kind, _, g = shape
    if kind == "rect":
        x0, y0, x1, y1 = g
        return x0 <= x < x1 and y0 <= y < y1
    x0, y0, x1, y1, r = g
    if not (x0 <= x < x1 and y0 <= y < y1):
        return False
    cx = min(max(x, x0 + r), x1 - r)
    cy = min(max(y, y0 + r), y1 - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r


def background(x, y, maskable):
    """The red tile: full bleed for maskable icons, rounded otherwise."""
    if maskable:
        return True
    return inside(("rrect", None, (0, 0, 512, 512, 96)), x, y)


def pixel(size, px, py, maskable, samples=4):
    # Supersampling gives smooth edges without a rasteriser.
    scale = 512 / size
    # A maskable icon keeps its art inside the 80 % safe zone.
    shrink = 0.8 if maskable else 1.0
    acc = [0, 0, 0, 0]
    for sy in range(samples):
        for sx in range(samples):
            x = (px + (sx + 0.5) / samples) * scale
            y = (py + (sy + 0.5) / samples) * scale
            if not background(x, y, maskable):
                continue
            ax = 256 + (x - 256) / shrink
            ay = 256 + (y - 256) / shrink
            colour = RED
            for shape in SHAPES:
                if inside(shape, ax, ay):
                    colour = shape[1]
            acc[0] += colour[0]
            acc[1] += colour[1]
            acc[2] += colour[2]
            acc[3] += 255
    n = samples * samples
    a = acc[3] / n
    if a == 0:
        return (0, 0, 0, 0)
    k = acc[3] / 255
    return (round(acc[0] / k), round(acc[1] / k), round(acc[2] / k), round(a))


def png(size, maskable):
    rows = []
    for py in range(size):
        row = bytearray([0])
        for px in range(size):
            row.extend(pixel(size, px, py, maskable))
        rows.append(bytes(row))
    raw = b"".join(rows)

    def chunk(tag, data):
        body = tag + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def svg():
    def hexc(c):
        return "#%02x%02x%02x" % c
    parts = ['<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">',
             f'<rect width="512" height="512" rx="96" fill="{hexc(RED)}"/>']
    for kind, colour, g in SHAPES:
        if kind == "rect":
            x0, y0, x1, y1 = g
            parts.append(f'<rect x="{x0}" y="{y0}" width="{x1 - x0}" height="{y1 - y0}" fill="{hexc(colour)}"/>')
        else:
            x0, y0, x1, y1, r = g
            parts.append(f'<rect x="{x0}" y="{y0}" width="{x1 - x0}" height="{y1 - y0}" rx="{r}" fill="{hexc(colour)}"/>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def main():
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "icon.svg"), "w") as f:
        f.write(svg())
    for size, maskable, name in [(192, False, "icon-192.png"), (512, False, "icon-512.png"),
                                 (512, True, "icon-maskable-512.png"), (180, False, "apple-touch-icon.png"),
                                 (32, False, "favicon-32.png")]:
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(png(size, maskable))
        print("wrote", name)


if __name__ == "__main__":
    main()
