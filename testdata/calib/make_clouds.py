"""Lays out PointCloud2 messages with Debian's real rospy/sensor_msgs tools
for calib's decoding tests.

usage: /usr/bin/python3 make_clouds.py OUTDIR

For each case it writes OUTDIR/NAME.msg (the message as rospy serialises it,
ROS 1 wire format) and OUTDIR/NAME.json ({"points": [[x,y,z], ...]}: the
finite points in cloud order, which the decoder must return). Coordinates are
multiples of 1/64 so FLOAT32 holds them exactly.
"""
import io
import json
import math
import os
import random
import struct
import sys

from sensor_msgs import point_cloud2
from sensor_msgs.msg import PointCloud2, PointField
from std_msgs.msg import Header

F32, F64, U16, U8 = PointField.FLOAT32, PointField.FLOAT64, PointField.UINT16, PointField.UINT8
rng = random.Random(7)
out = sys.argv[1]


def coord():
    return rng.randint(-6400, 6400) / 64.0


def save(name, msg, expected):
    buf = io.BytesIO()
    msg.serialize(buf)
    with open(os.path.join(out, name + ".msg"), "wb") as f:
        f.write(buf.getvalue())
    with open(os.path.join(out, name + ".json"), "w") as f:
        json.dump({"points": expected}, f)


def header():
    h = Header()
    h.frame_id = "lidar"
    return h


def points(n, nan_every=0):
    pts = []
    for i in range(n):
        p = [coord(), coord(), coord()]
        if nan_every and i % nan_every == 3:
            p[i % 3] = float("nan") if i % 2 else float("inf")
        pts.append(p)
    return pts


def finite(pts):
    return [p[:3] for p in pts if all(math.isfinite(v) for v in p[:3])]


# 1. The ordinary x/y/z FLOAT32 cloud, with missing returns as NaN/Inf.
pts = points(50, nan_every=7)
save("xyz32", point_cloud2.create_cloud_xyz32(header(), pts), finite(pts))

# 2. A driver-like layout: fields listed out of order, intensity between x
# and y, 4 padding bytes before z, and a UINT16 ring after it.
fields = [
    PointField("z", 16, F32, 1),
    PointField("x", 0, F32, 1),
    PointField("intensity", 4, F32, 1),
    PointField("y", 8, F32, 1),
    PointField("ring", 20, U16, 1),
]
rows = [[p[0], rng.random(), p[1], p[2], rng.randint(0, 63)] for p in points(40, nan_every=9)]
# create_cloud packs each row's values in order of field offset.
msg = point_cloud2.create_cloud(header(), fields, rows)
save("padded", msg, finite([[r[0], r[2], r[3]] for r in rows]))

# 3. FLOAT64 coordinates with a UINT8 field between them.
fields = [
    PointField("x", 0, F64, 1),
    PointField("flag", 8, U8, 1),
    PointField("y", 9, F64, 1),
    PointField("z", 17, F64, 1),
]
pts = points(30, nan_every=5)
vals = [[p[0], 1, p[1], p[2]] for p in pts]
save("float64", point_cloud2.create_cloud(header(), fields, vals), finite(pts))

# 4. Big-endian and organised (4 rows of 6) with 8 padding bytes per row,
# laid out by hand: create_cloud only writes little-endian single rows.
fields = [PointField("x", 0, F32, 1), PointField("y", 4, F32, 1), PointField("z", 8, F64, 1)]
pts = points(24, nan_every=4)
point_step, width, height = 16, 6, 4
row_step = width * point_step + 8
data = bytearray()
for r in range(height):
    for c in range(width):
        p = pts[r * width + c]
        data += struct.pack(">ffd", p[0], p[1], p[2])
    data += b"\xee" * 8
msg = PointCloud2(header=header(), height=height, width=width, fields=fields,
                  is_bigendian=True, point_step=point_step, row_step=row_step,
                  data=bytes(data), is_dense=False)
save("bigendian_organised", msg, finite(pts))

# 5. No z field: must be refused.
fields = [PointField("x", 0, F32, 1), PointField("y", 4, F32, 1)]
save("no_z", point_cloud2.create_cloud(header(), fields, [[1.0, 2.0]]), None)
