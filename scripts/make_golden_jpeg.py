#!/usr/bin/python3
"""Writes JPEG files and PIL's decoding of them for the Go JPEG decoder test.

Usage: /usr/bin/python3 scripts/make_golden_jpeg.py DIR

The reference pipeline loads images with PIL (Image.open(...).convert("RGB")), so PIL's pixels
are what the model saw in the paper's evaluation. For each case DIR gets NAME.jpg and NAME.rgb
(PIL's decoding, packed 8-bit RGB); manifest.json lists name, size and file names. Cases cover
the chroma subsamplings cameras produce, greyscale, progressive, an odd size, and CMYK (which
libjpeg-turbo does not convert to RGB, so the Go decoder's fallback runs).
"""
import json
import os
import sys

import numpy as np
from PIL import Image


def pattern(w, h):
    """Smooth gradients with sharp edges: chroma upsampling and the IDCT both show."""
    y, x = np.mgrid[0:h, 0:w].astype(np.int64)
    r = (x * 255 // max(w - 1, 1)) & 255
    g = (y * 255 // max(h - 1, 1)) & 255
    b = np.where(((x // 8) + (y // 8)) % 2 == 0, 230, 20)
    return np.stack([r, g, b], axis=-1).astype(np.uint8)


def main(folder):
    os.makedirs(folder, exist_ok=True)
    cases = []
    rgb = Image.fromarray(pattern(160, 120))
    odd = Image.fromarray(pattern(37, 23))
    for name, img, opts in [
        ("420", rgb, dict(quality=90, subsampling=2)),
        ("422", rgb, dict(quality=90, subsampling=1)),
        ("444", rgb, dict(quality=95, subsampling=0)),
        ("gray", rgb.convert("L"), dict(quality=90)),
        ("progressive", rgb, dict(quality=85, progressive=True)),
        ("odd_420", odd, dict(quality=75, subsampling=2)),
        ("cmyk", rgb.convert("CMYK"), dict(quality=95)),
    ]:
        jpg = os.path.join(folder, name + ".jpg")
        img.save(jpg, "JPEG", **opts)
        decoded = Image.open(jpg).convert("RGB")
        with open(os.path.join(folder, name + ".rgb"), "wb") as f:
            f.write(np.asarray(decoded, dtype=np.uint8).tobytes())
        cases.append(dict(name=name, width=decoded.width, height=decoded.height,
                          jpeg=name + ".jpg", rgb=name + ".rgb"))
    with open(os.path.join(folder, "manifest.json"), "w") as f:
        json.dump(dict(pil=Image.__version__, cases=cases), f, indent=1)


if __name__ == "__main__":
    main(sys.argv[1])
