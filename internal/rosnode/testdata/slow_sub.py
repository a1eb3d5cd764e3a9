"""Subscribes to the sensor_msgs/Image topics given as arguments and sleeps
0.2 s in every callback, a reader slower than its publisher."""
import sys
import time

import rospy
from sensor_msgs.msg import Image

rospy.init_node("slow_sub", anonymous=True, disable_signals=True)
for topic in sys.argv[1:]:
    rospy.Subscriber(topic, Image, lambda msg: time.sleep(0.2), queue_size=1)
try:
    while not rospy.is_shutdown():
        time.sleep(0.1)
except KeyboardInterrupt:  # the test's Stop
    pass
