"""OpenCV's own projection, the second opinion for calib's camera model tests.

Reads JSON {"model", "K" (9, row-major), "D", "points" ([[x,y,z],...], camera
optical frame)} on stdin and writes {"uv": [[u,v],...]} from cv2.projectPoints
(plumb_bob, rational_polynomial) or cv2.fisheye.projectPoints (equidistant).
Run with Debian's /usr/bin/python3 (python3-opencv).
"""
import json
import sys

import cv2
import numpy as np

req = json.load(sys.stdin)
K = np.array(req["K"], dtype=np.float64).reshape(3, 3)
D = np.array(req["D"] or [0.0] * 5, dtype=np.float64)
pts = np.array(req["points"], dtype=np.float64).reshape(-1, 1, 3)
zero = np.zeros(3, dtype=np.float64)
if req["model"] == "equidistant":
    uv, _ = cv2.fisheye.projectPoints(pts, zero, zero, K, D.reshape(-1, 1))
else:
    uv, _ = cv2.projectPoints(pts, zero, zero, K, D)
json.dump({"uv": uv.reshape(-1, 2).tolist()}, sys.stdout)
