#!/usr/bin/python3
"""Writes a depth model that runs normally on most frames and fails inside ONNX Runtime on an
all-white frame, for the node's "a model that fails on one frame" test:

  depth = mean over channels + Gather([0.0], 5 * (mean(image) > 0.99))

A bright frame makes the Gather index 5 out of range of its one-element table, which the runtime
reports as an error for that run only.
Usage: failing_model.py OUT.onnx
"""
import sys

from depth_graph import save_depth_model
from onnx import TensorProto, helper

# The whole-image mean (not the max) so that the engine's warm-up pattern at start passes.
nodes = [
    helper.make_node("ReduceMean", ["image"], ["mean"], axes=[1], keepdims=1),
    helper.make_node("ReduceMean", ["image"], ["max"], keepdims=0),
    helper.make_node("Greater", ["max", "threshold"], ["bright"]),
    helper.make_node("Cast", ["bright"], ["bright_i"], to=TensorProto.INT64),
    helper.make_node("Mul", ["bright_i", "five"], ["index"]),
    helper.make_node("Gather", ["table", "index"], ["offset"], axis=0),
    helper.make_node("Add", ["mean", "offset"], ["depth"]),
]
inits = [
    helper.make_tensor("threshold", TensorProto.FLOAT, [], [0.99]),
    helper.make_tensor("five", TensorProto.INT64, [], [5]),
    helper.make_tensor("table", TensorProto.FLOAT, [1], [0.0]),
]
save_depth_model(nodes, inits, "failing_depth", sys.argv[1])
