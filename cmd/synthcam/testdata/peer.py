"""rospy peer for synthcam's integration test: subscribes to the topics,
optionally drives /clock, and prints one JSON summary line."""
import hashlib
import json
import math
import sys
import threading

import rospy
import sensor_msgs.point_cloud2 as pc2
from rosgraph_msgs.msg import Clock
from sensor_msgs.msg import CameraInfo, Image, PointCloud2
from tf2_msgs.msg import TFMessage

ns, image_topic, mode = sys.argv[1], sys.argv[2], sys.argv[3]
sim = mode in ("sim", "simjump")
rospy.init_node("peer", anonymous=True)
got = {}
lock = threading.Lock()


def keep(name, summarise):
    def cb(msg):
        with lock:
            if name not in got:
                got[name] = summarise(msg)
    return cb


def header(m):
    return {"frame_id": m.header.frame_id, "stamp": m.header.stamp.to_sec()}


def image(m):
    d = header(m)
    d.update(width=m.width, height=m.height, encoding=m.encoding, step=m.step,
             bigendian=m.is_bigendian, size=len(m.data), md5=hashlib.md5(m.data).hexdigest())
    return d


def info(m):
    d = header(m)
    d.update(width=m.width, height=m.height, K=list(m.K), P=list(m.P), D=list(m.D), model=m.distortion_model)
    return d


def cloud(m):
    d = header(m)
    pts = [p for p in pc2.read_points(m, field_names=("x", "y", "z", "intensity"), skip_nans=True)]
    d.update(width=m.width, height=m.height, point_step=m.point_step, row_step=m.row_step, dense=m.is_dense,
             bigendian=m.is_bigendian, fields=[[f.name, f.offset, f.datatype, f.count] for f in m.fields],
             finite=len(pts), first=[list(p) for p in pts[:3]], md5=hashlib.md5(m.data).hexdigest())
    return d


def tf_static(m):
    return [{"parent": t.header.frame_id, "child": t.child_frame_id,
             "t": [t.transform.translation.x, t.transform.translation.y, t.transform.translation.z],
             "q": [t.transform.rotation.x, t.transform.rotation.y, t.transform.rotation.z, t.transform.rotation.w]}
            for t in m.transforms]


info_stamps = []


def stamp_info(m):
    with lock:
        info_stamps.append(m.header.stamp.to_sec())


subs = [
    rospy.Subscriber(ns + "/camera_info", CameraInfo, stamp_info),
    rospy.Subscriber(image_topic, Image, keep("image", image)),
    rospy.Subscriber(ns + "/camera_info", CameraInfo, keep("camera_info", info)),
    rospy.Subscriber(ns + "/points", PointCloud2, keep("points", cloud)),
    rospy.Subscriber(ns + "/ground_truth/depth", Image, keep("depth", image)),
    rospy.Subscriber(ns + "/ground_truth/normals", Image, keep("normals", image)),
    rospy.Subscriber("/tf_static", TFMessage, keep("tf_static", tf_static)),
]
clock = rospy.Publisher("/clock", Clock, queue_size=1) if sim else None
want = {"image", "camera_info", "points", "depth", "normals", "tf_static"}
t = 1000.0
for tick in range(1200):  # at most 60 s of wall time
    if clock is not None:
        t += 0.05
        if mode == "simjump" and tick == 40:
            t = 500.0  # /clock restarts earlier, as rosbag play --loop does
        secs = int(t)
        clock.publish(Clock(clock=rospy.Time(secs, int(round((t - secs) * 1e9)))))
    with lock:
        jumped = mode != "simjump" or any(st < 1000 for st in info_stamps)
        if want <= set(got) and jumped:
            break
    rospy.rostime.wallsleep(0.05)
with lock:
    got["info_stamps"] = info_stamps
    print(json.dumps(got), flush=True)
