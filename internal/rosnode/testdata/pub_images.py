"""Publishes rgb8 sensor_msgs/Image frames of the sizes given as NAME:WxH
arguments, on /NAME, twice a second, until killed."""
import sys

import rospy
from sensor_msgs.msg import Image

rospy.init_node("image_pub", disable_signals=True)
topics = []
for arg in sys.argv[1:]:
    name, size = arg.split(":")
    w, h = (int(v) for v in size.split("x"))
    msg = Image(height=h, width=w, encoding="rgb8", step=3 * w, data=bytes(3 * w * h))
    msg.header.frame_id = "cam"
    topics.append((rospy.Publisher("/" + name, Image, queue_size=1), msg))
rate = rospy.Rate(2)
try:
    while not rospy.is_shutdown():
        for pub, msg in topics:
            msg.header.stamp = rospy.Time.now()
            pub.publish(msg)
        rate.sleep()
except KeyboardInterrupt:  # the test's Stop
    pass
