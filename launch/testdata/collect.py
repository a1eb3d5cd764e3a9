#!/usr/bin/python3
"""Test peer: subscribes to ROS topics with rospy and prints one JSON line per message.

usage: collect.py SECONDS [--compare METRIC_TOPIC GT_TOPIC] TOPIC...
Each line: topic, type, stamp (ns), frame_id, and for images width, height, encoding,
sha256 of the data and the mean of the finite float32 values. With --compare, one extra
line per stamp seen on both topics: the AbsRel of the first (metric depth) against the
second (ground-truth depth) over pixels valid in both.
"""
import hashlib
import json
import sys
import threading
import time

import numpy as np
import rospy
import rostopic


def summarize(msg, topic):
    """One message as a JSON-able record: topic, type, header stamp (ns) and frame_id, and for
    images their size, encoding and the sha256 of the data."""
    rec = {"topic": topic, "type": msg._type}
    header = getattr(msg, "header", None)
    if header is not None:
        rec["stamp"] = header.stamp.to_nsec()
        rec["frame_id"] = header.frame_id
    if msg._type == "sensor_msgs/Image":
        rec.update(width=msg.width, height=msg.height, encoding=msg.encoding,
                   sha256=hashlib.sha256(msg.data).hexdigest())
    return rec


def main():
    args = sys.argv[1:]
    seconds = float(args.pop(0))
    compare = None
    if args and args[0] == "--compare":
        compare = (args[1], args[2])
        args = args[3:]
    topics = list(dict.fromkeys(args + (list(compare) if compare else [])))
    rospy.init_node("collector", anonymous=True, disable_signals=True)
    lock = threading.Lock()
    frames = {}

    def on_msg(msg, topic):
        rec = summarize(msg, topic)
        if msg._type == "sensor_msgs/Image" and msg.encoding.startswith("32FC"):
            a = np.frombuffer(msg.data, dtype=">f4" if msg.is_bigendian else "<f4")
            fin = a[np.isfinite(a)]
            rec["finite_mean"] = float(fin.mean()) if fin.size else None
            rec["finite_count"] = int(fin.size)
            if compare and topic in compare and msg.encoding == "32FC1":
                with lock:
                    frames.setdefault(rec["stamp"], {})[topic] = a.reshape(msg.height, msg.width)
        with lock:
            print(json.dumps(rec), flush=True)

    subs = []
    deadline = time.time() + seconds
    pending = set(topics)
    while time.time() < deadline and pending:
        for t in list(pending):
            cls, real, _ = rostopic.get_topic_class(t)
            if cls is not None:
                subs.append(rospy.Subscriber(real, cls, on_msg, callback_args=t, queue_size=50))
                pending.discard(t)
        time.sleep(0.1)
    while time.time() < deadline:
        time.sleep(0.05)
    for s in subs:
        s.unregister()
    if compare:
        for stamp, pair in sorted(frames.items()):
            if len(pair) == 2:
                m, g = pair[compare[0]], pair[compare[1]]
                ok = np.isfinite(m) & np.isfinite(g) & (g > 0)
                if ok.sum() > 0:
                    absrel = float(np.mean(np.abs(m[ok] - g[ok]) / g[ok]))
                    print(json.dumps({"compare": True, "stamp": stamp, "absrel": absrel,
                                      "pixels": int(ok.sum())}), flush=True)


if __name__ == "__main__":
    main()
