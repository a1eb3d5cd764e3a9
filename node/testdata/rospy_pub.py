#!/usr/bin/python3
"""Publishes the messages of a JSON spec with rospy, in order, over and over.

Used by the node's integration tests as a real ROS 1 peer:
  rospy_pub.py SPEC.json
SPEC: {"rate": Hz, "messages": [{"kind": "image"|"compressed"|"camera_info", "topic": ...,
       "stamp": [secs, nsecs], "frame_id": ..., plus the message's own fields;
       "data" is base64}]}
"""
import base64
import json
import sys

import rospy
from sensor_msgs.msg import CameraInfo, CompressedImage, Image


def build(m):
    kind = m["kind"]
    if kind == "image":
        msg = Image()
        msg.height, msg.width = m["height"], m["width"]
        msg.encoding, msg.step = m["encoding"], m["step"]
        msg.is_bigendian = m.get("is_bigendian", 0)
        msg.data = base64.b64decode(m["data"])
    elif kind == "compressed":
        msg = CompressedImage()
        msg.format = m["format"]
        msg.data = base64.b64decode(m["data"])
    elif kind == "camera_info":
        msg = CameraInfo()
        msg.height, msg.width = m["height"], m["width"]
        msg.distortion_model = "plumb_bob"
        msg.D = [0.0] * 5
        msg.K = m["K"]
    else:
        raise ValueError(kind)
    msg.header.stamp = rospy.Time(m["stamp"][0], m["stamp"][1])
    msg.header.frame_id = m["frame_id"]
    return msg


def main():
    with open(sys.argv[1]) as f:
        spec = json.load(f)
    rospy.init_node("test_pub", anonymous=True, disable_signals=False)
    types = {"image": Image, "compressed": CompressedImage, "camera_info": CameraInfo}
    pubs = {}
    msgs = []
    for m in spec["messages"]:
        if m["topic"] not in pubs:
            pubs[m["topic"]] = rospy.Publisher(m["topic"], types[m["kind"]], queue_size=10)
        msgs.append((pubs[m["topic"]], build(m)))
    rate = rospy.Rate(spec.get("rate", 10))
    while not rospy.is_shutdown():
        for pub, msg in msgs:
            pub.publish(msg)
            rate.sleep()


if __name__ == "__main__":
    try:
        main()
    except rospy.ROSInterruptException:
        pass
