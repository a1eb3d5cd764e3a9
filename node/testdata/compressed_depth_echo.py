#!/usr/bin/python3
"""Decodes the first message on a compressedDepth topic as compressed_depth_image_transport's
subscriber does and prints it as one JSON line, then exits.

  compressed_depth_echo.py TOPIC
The format string names the encoding before ';' and must say compressedDepth; the data is the
12-byte ConfigHeader (int32 format, float32 depthQuantA, depthQuantB, native little-endian),
then a PNG decoded with cv2.imdecode(IMREAD_UNCHANGED) to 16-bit inverse depth; depth is
depthQuantA / (q - depthQuantB) and NaN where q == 0. Printed: stamp, format, header, size and
the 32FC1 depth as base64 little-endian floats.
"""
import base64
import json
import struct
import sys

import cv2
import numpy as np
import rospy
from sensor_msgs.msg import CompressedImage


def decode(msg):
    encoding, _, rest = msg.format.partition(";")
    if "compressedDepth" not in rest or encoding.strip() != "32FC1":
        raise ValueError("not 32FC1 compressedDepth: %r" % msg.format)
    data = bytes(msg.data)
    fmt, qa, qb = struct.unpack("<iff", data[:12])
    q = cv2.imdecode(np.frombuffer(data[12:], np.uint8), cv2.IMREAD_UNCHANGED)
    if q is None or q.dtype != np.uint16:
        raise ValueError("the PNG is not 16-bit grey")
    qf = q.astype(np.float32)
    with np.errstate(divide="ignore"):
        depth = np.where(q == 0, np.float32(np.nan), np.float32(qa) / (qf - np.float32(qb))).astype("<f4")
    return {"stamp": [msg.header.stamp.secs, msg.header.stamp.nsecs], "frame_id": msg.header.frame_id,
            "format": msg.format, "config": [fmt, qa, qb], "width": int(q.shape[1]), "height": int(q.shape[0]),
            "data": base64.b64encode(depth.tobytes()).decode()}


def main():
    rospy.init_node("test_compressed_depth", anonymous=True)
    done = []

    def cb(msg):
        if not done:
            done.append(decode(msg))

    sub = rospy.Subscriber(sys.argv[1], CompressedImage, cb)
    while not rospy.is_shutdown() and not done:
        rospy.sleep(0.05)
    sub.unregister()
    sys.stdout.write(json.dumps(done[0]) + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
