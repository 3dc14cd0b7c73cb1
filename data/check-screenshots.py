#!/usr/bin/env python3
# check-screenshots.py — every screenshot the metainfo announces is in data/screenshots/,
# under its URL's file name, a PNG of the width and height the metainfo gives.
#
# Copyright 2026 OK2Charge
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-screenshots.py METAINFO SCREENSHOTS_DIR
# The images are taken from the real console by scripts/take-screenshots.sh.

import os
import struct
import sys
import xml.etree.ElementTree as ElementTree


def png_size(path):
    with open(path, "rb") as stream:
        header = stream.read(24)
    if header[:8] != b"\x89PNG\r\n\x1a\n" or header[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", header[16:24])


def main():
    metainfo, directory = sys.argv[1:3]
    images = ElementTree.parse(metainfo).getroot().findall("./screenshots/screenshot/image")
    problems = [] if images else ["the metainfo has no screenshots"]
    for image in images:
        name = os.path.basename(image.text.strip())
        path = os.path.join(directory, name)
        if not os.path.isfile(path):
            problems.append(f"{name}: not in {directory}")
            continue
        size = png_size(path)
        declared = (int(image.get("width", 0)), int(image.get("height", 0)))
        if size is None:
            problems.append(f"{name}: not a PNG file")
        elif size != declared:
            problems.append(f"{name}: {size[0]}×{size[1]}, the metainfo says {declared[0]}×{declared[1]}")
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
