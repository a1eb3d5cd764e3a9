#!/usr/bin/python3
"""Writes a depth model with real convolutional work, so that the model (not the node) is what
limits the frame rate in the latest-frame-wins test and the pipeline benchmark:

  depth = tanh(mean over channels of CONVS 3x3 convolutions with CHANNELS channels)

Weights are fixed pseudo-random numbers (seeded), so the file is the same on every run.
Usage: conv_model.py OUT.onnx [CONVS [CHANNELS]]
"""
import sys

import numpy as np
from depth_graph import save_depth_model
from onnx import helper, numpy_helper

out = sys.argv[1]
convs = int(sys.argv[2]) if len(sys.argv) > 2 else 4
ch = int(sys.argv[3]) if len(sys.argv) > 3 else 16
rng = np.random.default_rng(7)
nodes, inits = [], []
src, cin = "image", 3
for i in range(convs):
    w = (rng.standard_normal((ch, cin, 3, 3)) / np.sqrt(cin * 9)).astype(np.float32)
    inits.append(numpy_helper.from_array(w, f"w{i}"))
    nodes.append(helper.make_node("Conv", [src, f"w{i}"], [f"c{i}"], pads=[1, 1, 1, 1]))
    nodes.append(helper.make_node("Relu", [f"c{i}"], [f"r{i}"]))
    src, cin = f"r{i}", ch
nodes.append(helper.make_node("ReduceMean", [src], ["m"], axes=[1], keepdims=1))
nodes.append(helper.make_node("Tanh", ["m"], ["depth"]))
save_depth_model(nodes, inits, "conv_depth", out)
