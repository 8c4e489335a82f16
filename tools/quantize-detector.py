"""INT8 copy of the whole-scene text detector (PP-OCRv3 det), for tools/quantize-detector.sh.

ONNX Runtime's own static quantiser: QDQ format, weights int8 per output channel, activations
uint8 (the U8S8 pair ONNX Runtime's x86 kernels run with VNNI), calibrated on the detector
inputs that DetectorCalibrationInputs wrote with the pipeline's own pre-processing.

usage: quantize-detector.py FP32_MODEL CALIB_DIR OUT_MODEL [--method minmax|entropy|percentile]
                            [--ops Conv,...] [--exclude NODE,...] [--limit N] [--only HxW]
                            [--extra-output TENSOR] [--float-after TENSOR]

tools/quantize-reader.sh uses it for the reader (PP-OCRv4 rec) too: --extra-output makes the
reader's features a graph output (what OnnxModelFile.withExtraOutput does to the FP32 model at
load), and --float-after leaves every node downstream of a tensor in float.

The shipped file: the defaults (MinMax over every calibration tensor). The histogram methods
(--method percentile / entropy) keep every intermediate tensor of every input, about 0.7 GB a
mosaic, and need one input size: --only 640x1120 --limit 12 fits in 9 GB.
"""

import argparse
import os
import re
import tempfile

import numpy as np
import onnx
import onnxruntime as ort
from onnx import version_converter
from onnxruntime.quantization import (
    CalibrationDataReader,
    CalibrationMethod,
    QuantFormat,
    QuantType,
    quantize_static,
)
from onnxruntime.quantization.shape_inference import quant_pre_process

NAME = re.compile(r"(\d+)_(\d+)x(\d+)\.f32$")


class Tensors(CalibrationDataReader):
    """The calibration tensors in file order, one 1x3xHxW input each."""

    def __init__(self, directory, input_name, limit, only):
        files = sorted(f for f in os.listdir(directory) if NAME.search(f) and (not only or f.endswith("_" + only + ".f32")))
        if limit and limit < len(files):
            # Spread over the whole list (crops first, then mosaics), not its first part.
            files = [files[i * len(files) // limit] for i in range(limit)]
        self.files = [os.path.join(directory, f) for f in files]
        self.input_name = input_name
        self.next = 0

    def get_next(self):
        if self.next >= len(self.files):
            return None
        path = self.files[self.next]
        self.next += 1
        _, h, w = (int(g) for g in NAME.search(path).groups())
        data = np.fromfile(path, dtype="<f4").reshape(1, 3, h, w)
        return {self.input_name: data}

    def rewind(self):
        self.next = 0


def constants_as_initializers(model):
    """The model with every Constant node's tensor moved into the graph's initialisers."""
    graph = model.graph
    kept = []
    for node in graph.node:
        if node.op_type == "Constant" and len(node.attribute) == 1 and node.attribute[0].name == "value":
            tensor = onnx.TensorProto()
            tensor.CopyFrom(node.attribute[0].t)
            tensor.name = node.output[0]
            graph.initializer.append(tensor)
        else:
            kept.append(node)
    del graph.node[:]
    graph.node.extend(kept)
    return model


def downstream(graph, tensor):
    """Names of the nodes that read tensor, directly or through other nodes."""
    live, names = {tensor}, []
    for node in graph.node:  # the graph is in topological order
        if any(i in live for i in node.input):
            live.update(node.output)
            names.append(node.name)
    return names


def main():
    p = argparse.ArgumentParser()
    p.add_argument("model")
    p.add_argument("calib")
    p.add_argument("out")
    p.add_argument("--method", default="minmax", choices=["minmax", "entropy", "percentile"])
    p.add_argument("--ops", default="", help="operator types to quantise (default: the quantiser's own list)")
    p.add_argument("--exclude", default="", help="node names left in float")
    p.add_argument("--limit", type=int, default=0, help="at most this many calibration tensors, evenly spaced")
    p.add_argument("--only", default="", help="only the tensors of this HxW size (the histogram methods need one size)")
    p.add_argument("--extra-output", default="", help="an intermediate float tensor made a graph output too")
    p.add_argument("--float-after", default="", help="leave the nodes downstream of this tensor in float")
    a = p.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        # The exported graph holds its weights in Constant nodes, which the quantiser would take
        # for activations (calibrated, quantised per tensor); as initialisers they are weights.
        # Opset 13, for per-channel DequantizeLinear (its axis attribute).
        init = os.path.join(tmp, "init.onnx")
        model = constants_as_initializers(onnx.load(a.model))
        if a.extra_output:
            model.graph.output.append(onnx.helper.make_tensor_value_info(a.extra_output, onnx.TensorProto.FLOAT, None))
        onnx.save(version_converter.convert_version(model, 13), init)
        # ONNX Runtime's basic, provider-independent graph optimisations (48 of the 49 batch
        # norms folded into their convolutions, constant reshapes folded) before quantising, as
        # ONNX Runtime advises; quant_pre_process's own optimisation step left them in, so it
        # is run here for shape inference only.
        folded = os.path.join(tmp, "folded.onnx")
        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_BASIC
        options.optimized_model_filepath = folded
        ort.InferenceSession(init, options, providers=["CPUExecutionProvider"])
        pre = os.path.join(tmp, "pre.onnx")
        quant_pre_process(folded, pre, skip_optimization=True, skip_symbolic_shape=True)
        pre_model = onnx.load(pre)
        input_name = pre_model.graph.input[0].name
        exclude = [n for n in a.exclude.split(",") if n]
        if a.float_after:
            exclude += [n for n in downstream(pre_model.graph, a.float_after) if n]
            print("left in float:", exclude)
        method = {
            "minmax": CalibrationMethod.MinMax,
            "entropy": CalibrationMethod.Entropy,
            "percentile": CalibrationMethod.Percentile,
        }[a.method]
        quantize_static(
            pre,
            a.out,
            Tensors(a.calib, input_name, a.limit, a.only),
            quant_format=QuantFormat.QDQ,
            per_channel=True,
            activation_type=QuantType.QUInt8,
            weight_type=QuantType.QInt8,
            calibrate_method=method,
            op_types_to_quantize=[o for o in a.ops.split(",") if o] or None,
            nodes_to_exclude=exclude or None,
            # No CalibMaxIntermediateOutputs: in 1.30.0 the MinMax calibrator drops each full
            # chunk without merging its ranges (only the last partial chunk counted). MinMax keeps
            # only each tensor's min and max per input, so it needs no chunking.
        )
    print("wrote", a.out, os.path.getsize(a.out), "bytes")


if __name__ == "__main__":
    main()
