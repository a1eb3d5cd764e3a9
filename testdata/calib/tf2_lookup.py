"""Real tf2 (Debian's tf2_ros Python binding over the C++ buffer), the second
opinion for calib's TF buffer tests.

Reads JSON on stdin: {"links": [{"parent", "child", "stamp" ([secs, nsecs]), "static",
"t": [x,y,z], "q": [x,y,z,w]}], "queries": [{"target", "source", "stamp"}]}
(a query with "source_stamp" and "fixed" is a time-travel lookup at
"stamp" for the target) and writes {"results": [{"t": [...], "q": [...]} or {"error": "..."}]}.
"""
import json
import sys

import rospy
import tf2_ros
from geometry_msgs.msg import TransformStamped

req = json.load(sys.stdin)
buf = tf2_ros.Buffer(cache_time=rospy.Duration(100), debug=False)
for link in req["links"]:
    m = TransformStamped()
    m.header.frame_id = link["parent"]
    m.child_frame_id = link["child"]
    m.header.stamp = rospy.Time(*link["stamp"])
    tr, q = m.transform.translation, m.transform.rotation
    tr.x, tr.y, tr.z = link["t"]
    q.x, q.y, q.z, q.w = link["q"]
    if link["static"]:
        buf.set_transform_static(m, "calib_test")
    else:
        buf.set_transform(m, "calib_test")
out = []
for qry in req["queries"]:
    try:
        if qry.get("fixed"):
            r = buf.lookup_transform_full(qry["target"], rospy.Time(*qry["stamp"]), qry["source"],
                                          rospy.Time(*qry["source_stamp"]), qry["fixed"])
        else:
            r = buf.lookup_transform(qry["target"], qry["source"], rospy.Time(*qry["stamp"]))
        tr, q = r.transform.translation, r.transform.rotation
        out.append({"t": [tr.x, tr.y, tr.z], "q": [q.x, q.y, q.z, q.w]})
    except tf2_ros.TransformException as e:
        out.append({"error": str(e)})
json.dump({"results": out}, sys.stdout)
