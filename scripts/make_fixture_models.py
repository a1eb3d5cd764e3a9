#!/usr/bin/python3
"""Writes the tiny analytic ONNX models the Go tests run through the real ONNX Runtime.

Usage: /usr/bin/python3 scripts/make_fixture_models.py testdata/models

Every model follows (or, for the refusal tests, deliberately breaks) the model contract of
shared/reference/node-interface.md: one input [N,3,H,W] (N, H, W dynamic), RGB in [-1,1];
outputs `depth` [N,1,H,W] and/or `normals` [N,3,H,W]. Their outputs are known in closed form,
so the tests can compute the expected published values independently:

  depth_mean.onnx        depth = mean of the three input channels
  normals_identity.onnx  normals = the input channels
  normals_marigold.onnx  normals = the input channels, metadata normals_convention=marigold
  both.onnx              depth and normals as above, in one graph
  both_nan.onnx          depth = sqrt(mean), normals = sqrt(image): NaN where the input is dark
  both_fp16.onnx         the same with float16 input and outputs
  depth_pad8.onnx        depth = channel mean, but only runs when H and W are multiples of 8
                         (metadata pad_multiple=8, processing_res=96)
  depth_torch_conv.onnx  depth = a 1x1 convolution with weights 1/3 (the channel mean), written
                         by torch.onnx.export with dynamic axes, as real exports are
  bad_rank.onnx          input [N,3,H]               (refused: wrong rank)
  bad_channels.onnx      input [N,4,H,W]             (refused: wrong channel count)
  bad_dtype.onnx         input int32                 (refused: wrong element type)
  bad_depth_channels.onnx  depth output [N,3,H,W]    (refused: depth must have 1 channel)
  two_inputs.onnx        two inputs                  (refused: exactly one input)
  no_known_output.onnx   output named `out`          (refused: no depth/normals output)
  not_onnx.onnx          a text file                 (refused: unreadable)

The graphs are written with onnx.helper rather than torch.onnx.export so that names, dims,
element types and metadata are exactly what the tests expect, and so the files stay a few
hundred bytes and byte-identical from run to run. Opset 17.
"""
import os
import sys

import io

import onnx
import torch
from onnx import TensorProto, helper

OPSET = 17
F32 = TensorProto.FLOAT
F16 = TensorProto.FLOAT16


def image_input(name="image", dtype=F32, channels=3, rank=4):
    dims = ["N", channels, "H", "W"][:rank]
    return helper.make_tensor_value_info(name, dtype, dims)


def output(name, dtype=F32, channels=1):
    return helper.make_tensor_value_info(name, dtype, ["N", channels, "H", "W"])


def mean_node(src, dst):
    # ReduceMean takes its axes as an attribute up to opset 17.
    return helper.make_node("ReduceMean", [src], [dst], axes=[1], keepdims=1)


def save(folder, filename, nodes, inputs, outputs, meta, initializers=()):
    graph = helper.make_graph(nodes, filename.rsplit(".", 1)[0], inputs, outputs,
                              initializer=list(initializers))
    model = helper.make_model(graph, producer_name="depthnode-fixtures",
                              opset_imports=[helper.make_opsetid("", OPSET)])
    # IR 8 is what onnx 1.12 writes for opset 17; every runtime >= 1.13 reads it.
    model.ir_version = 8
    for k, v in meta.items():
        entry = model.metadata_props.add()
        entry.key, entry.value = k, str(v)
    onnx.checker.check_model(model)
    path = os.path.join(folder, filename)
    onnx.save(model, path)
    return path


def save_torch_conv(folder, filename):
    """A channel-mean 1x1 convolution through torch.onnx.export (symbolic N/H/W, opset 17)."""
    conv = torch.nn.Conv2d(3, 1, kernel_size=1, bias=False)
    with torch.no_grad():
        conv.weight.fill_(1.0 / 3.0)
    buf = io.BytesIO()
    torch.onnx.export(conv.eval(), torch.zeros(1, 3, 8, 8), buf, opset_version=OPSET,
                      input_names=["image"], output_names=["depth"],
                      dynamic_axes={"image": {0: "N", 2: "H", 3: "W"}, "depth": {0: "N", 2: "H", 3: "W"}})
    model = onnx.load_from_string(buf.getvalue())
    model.producer_name = "depthnode-fixtures"
    model.producer_version = ""
    entry = model.metadata_props.add()
    entry.key, entry.value = "task", "depth"
    onnx.checker.check_model(model)
    path = os.path.join(folder, filename)
    onnx.save(model, path)
    return path


def main(folder):
    os.makedirs(folder, exist_ok=True)
    written = []

    written.append(save(folder, "depth_mean.onnx", [mean_node("image", "depth")],
                        [image_input()], [output("depth")], {"task": "depth"}))

    written.append(save(folder, "normals_identity.onnx",
                        [helper.make_node("Identity", ["image"], ["normals"])],
                        [image_input()], [output("normals", channels=3)],
                        {"task": "normals", "normals_convention": "e2e-ft"}))

    written.append(save(folder, "normals_marigold.onnx",
                        [helper.make_node("Identity", ["image"], ["normals"])],
                        [image_input()], [output("normals", channels=3)],
                        {"task": "normals", "normals_convention": "marigold"}))

    written.append(save(folder, "both.onnx",
                        [mean_node("image", "depth"),
                         helper.make_node("Identity", ["image"], ["normals"])],
                        [image_input()], [output("depth"), output("normals", channels=3)],
                        {"task": "depth,normals"}))

    # NaN where the input is dark: sqrt of a negative mean (depth) or channel (normals), so a
    # test can feed an image half dark and check the invalid half is NaN, counted, and ignored
    # by the depth stretch.
    written.append(save(folder, "both_nan.onnx",
                        [mean_node("image", "mean"),
                         helper.make_node("Sqrt", ["mean"], ["depth"]),
                         helper.make_node("Sqrt", ["image"], ["normals"])],
                        [image_input()], [output("depth"), output("normals", channels=3)],
                        {"task": "depth,normals"}))

    # A real fp16 export keeps reductions in fp32 for accuracy; the CPU runtime also lacks a
    # float16 ReduceMean kernel, so cast around it.
    written.append(save(folder, "both_fp16.onnx",
                        [helper.make_node("Cast", ["image"], ["image32"], to=F32),
                         mean_node("image32", "depth32"),
                         helper.make_node("Cast", ["depth32"], ["depth"], to=F16),
                         helper.make_node("Identity", ["image"], ["normals"])],
                        [image_input(dtype=F16)],
                        [output("depth", dtype=F16), output("normals", dtype=F16, channels=3)],
                        {"task": "depth,normals"}))

    # depth + 0*Resize(AveragePool8(depth), x8): the Add fails to broadcast unless H and W are
    # multiples of 8, so the model proves the engine padded to the metadata's pad_multiple.
    scales = helper.make_tensor("scales", F32, [4], [1.0, 1.0, 8.0, 8.0])
    zero = helper.make_tensor("zero", F32, [], [0.0])
    written.append(save(folder, "depth_pad8.onnx",
                        [mean_node("image", "m"),
                         helper.make_node("AveragePool", ["m"], ["p"], kernel_shape=[8, 8],
                                          strides=[8, 8]),
                         helper.make_node("Resize", ["p", "", "scales"], ["u"], mode="nearest"),
                         helper.make_node("Mul", ["u", "zero"], ["z"]),
                         helper.make_node("Add", ["m", "z"], ["depth"])],
                        [image_input()], [output("depth")],
                        {"task": "depth", "pad_multiple": 8, "processing_res": 96},
                        initializers=[scales, zero]))

    written.append(save_torch_conv(folder, "depth_torch_conv.onnx"))

    written.append(save(folder, "bad_rank.onnx", [mean_node("image", "depth")],
                        [image_input(rank=3)],
                        [helper.make_tensor_value_info("depth", F32, ["N", 1, "H"])], {}))

    written.append(save(folder, "bad_channels.onnx", [mean_node("image", "depth")],
                        [image_input(channels=4)], [output("depth")], {}))

    written.append(save(folder, "bad_dtype.onnx",
                        [helper.make_node("Cast", ["image"], ["f"], to=F32),
                         mean_node("f", "depth")],
                        [image_input(dtype=TensorProto.INT32)], [output("depth")], {}))

    written.append(save(folder, "bad_depth_channels.onnx",
                        [helper.make_node("Identity", ["image"], ["depth"])],
                        [image_input()], [output("depth", channels=3)], {}))

    written.append(save(folder, "two_inputs.onnx",
                        [helper.make_node("Add", ["image", "other"], ["s"]),
                         mean_node("s", "depth")],
                        [image_input(), image_input(name="other")], [output("depth")], {}))

    written.append(save(folder, "no_known_output.onnx", [mean_node("image", "out")],
                        [image_input()], [output("out")], {}))

    path = os.path.join(folder, "not_onnx.onnx")
    with open(path, "w") as f:
        f.write("this is not an ONNX model\n")
    written.append(path)

    for p in written:
        print(f"{p}: {os.path.getsize(p)} bytes")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: make_fixture_models.py OUTPUT_FOLDER")
    main(sys.argv[1])
