#!/usr/bin/python3
"""Test helper: prints one JSON line per message of a bag (rosbag's Python API), summarised
as collect.py summarises live messages."""
import json
import sys

import rosbag

from collect import summarize


def main():
    with rosbag.Bag(sys.argv[1]) as bag:
        for topic, msg, _ in bag.read_messages():
            print(json.dumps(summarize(msg, topic)))


if __name__ == "__main__":
    main()
