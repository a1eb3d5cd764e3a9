#!/usr/bin/python3
"""Test helper: prints one JSON line per message of a bag (rosbag's Python API):
topic, header stamp (ns), frame_id, and for images encoding, size and the sha256 of the data."""
import hashlib
import json
import sys

import rosbag


def main():
    with rosbag.Bag(sys.argv[1]) as bag:
        for topic, msg, _ in bag.read_messages():
            rec = {"topic": topic, "type": msg._type}
            header = getattr(msg, "header", None)
            if header is not None:
                rec["stamp"] = header.stamp.to_nsec()
                rec["frame_id"] = header.frame_id
            if msg._type == "sensor_msgs/Image":
                rec.update(width=msg.width, height=msg.height, encoding=msg.encoding,
                           sha256=hashlib.sha256(msg.data).hexdigest())
            print(json.dumps(rec))


if __name__ == "__main__":
    main()
