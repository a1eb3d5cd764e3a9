#!/usr/bin/python3
"""Prints the first message received on each topic as one JSON line, then exits.

  rospy_echo.py TOPIC:TYPE [TOPIC:TYPE ...]   (TYPE: image, compressed, camera_info, diagnostics)
Image data is summarised (length and base64), so the Go test can check values. A compressed
image is decoded with OpenCV, as image_transport's compressed subscriber does, and reported as
rgb8 pixels with its format string.
"""
import base64
import json
import sys
import threading

import rospy
from diagnostic_msgs.msg import DiagnosticArray
from sensor_msgs.msg import CameraInfo, CompressedImage, Image


def main():
    rospy.init_node("test_echo", anonymous=True)
    wanted = [a.split(":", 1) for a in sys.argv[1:]]
    types = {"image": Image, "compressed": CompressedImage, "camera_info": CameraInfo,
             "diagnostics": DiagnosticArray}
    got = {}
    # rospy runs each subscription's callback on its own thread: without the
    # lock two lines can interleave on stdout.
    lock = threading.Lock()

    def cb(topic):
        def f(msg):
            with lock:
                handle(topic, msg)

        return f

    def handle(topic, msg):
        if topic in got:
            return
        out = {"topic": topic}
        if hasattr(msg, "header"):
            out["stamp"] = [msg.header.stamp.secs, msg.header.stamp.nsecs]
            out["frame_id"] = msg.header.frame_id
        if isinstance(msg, Image):
            out.update(width=msg.width, height=msg.height, encoding=msg.encoding,
                       step=msg.step, is_bigendian=msg.is_bigendian,
                       data=base64.b64encode(bytes(msg.data)).decode())
        elif isinstance(msg, CompressedImage):
            import cv2
            import numpy as np
            bgr = cv2.imdecode(np.frombuffer(bytes(msg.data), np.uint8), cv2.IMREAD_COLOR)
            out.update(format=msg.format, encoding="rgb8", height=int(bgr.shape[0]), width=int(bgr.shape[1]),
                       data=base64.b64encode(bgr[:, :, ::-1].tobytes()).decode())
        elif isinstance(msg, CameraInfo):
            out.update(width=msg.width, height=msg.height, K=list(msg.K))
        elif isinstance(msg, DiagnosticArray):
            out["status"] = [{"level": ord(s.level) if isinstance(s.level, bytes) else s.level,
                              "name": s.name, "message": s.message, "hardware_id": s.hardware_id,
                              "values": {kv.key: kv.value for kv in s.values}} for s in msg.status]
        got[topic] = out
        sys.stdout.write(json.dumps(out) + "\n")
        sys.stdout.flush()

    subs = [rospy.Subscriber(t, types[k], cb(t)) for t, k in wanted]
    while not rospy.is_shutdown() and len(got) < len(wanted):
        rospy.sleep(0.05)
    for s in subs:
        s.unregister()


if __name__ == "__main__":
    main()
