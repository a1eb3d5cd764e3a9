"""Shared by the node tests' model writers: wraps nodes and initializers into a checked opset-17
depth model with one input `image` [N,3,H,W] and one output `depth` [N,1,H,W], and saves it."""
import onnx
from onnx import TensorProto, helper


def save_depth_model(nodes, inits, name, path):
    graph = helper.make_graph(
        nodes, name,
        [helper.make_tensor_value_info("image", TensorProto.FLOAT, ["N", 3, "H", "W"])],
        [helper.make_tensor_value_info("depth", TensorProto.FLOAT, ["N", 1, "H", "W"])],
        initializer=inits)
    model = helper.make_model(graph, producer_name="depthnode-node-tests",
                              opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, path)
