"""FP32 against INT8 reader (PP-OCRv4 rec), for tools/quantize-reader.sh: CPU ms a read (one thread),
per-step argmax agreement of the model's own layer, the features' mean relative difference, and how
many inputs the model's own layer reads as the same text.

usage: compare-reader.py FP32_MODEL INT8_MODEL CALIB_DIR [EVERY]   (every EVERY-th input file, default 8)
"""
import sys, os, re, time, numpy as np, onnx, onnxruntime as ort
fp, q, calib = sys.argv[1], sys.argv[2], sys.argv[3]
m = onnx.load(fp)
m.graph.output.append(onnx.helper.make_tensor_value_info("transpose_51.tmp_0", onnx.TensorProto.FLOAT, None))
def sess(b):
    o = ort.SessionOptions(); o.intra_op_num_threads = 1; o.inter_op_num_threads = 1
    o.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return ort.InferenceSession(b, o, providers=["CPUExecutionProvider"])
a = sess(m.SerializeToString()); b = sess(q)
print([o.name for o in b.get_outputs()])
files = sorted(os.listdir(calib))[::int(sys.argv[4]) if len(sys.argv) > 4 else 8]
ta = tb = 0; same = steps = 0; fd = []
for f in files:
    h, w = map(int, re.search(r"_(\d+)x(\d+)\.f32", f).groups())
    x = np.fromfile(os.path.join(calib, f), dtype="<f4").reshape(1, 3, h, w)
    c = time.process_time(); ra = a.run(None, {"x": x}); ta += time.process_time() - c
    c = time.process_time(); rb = b.run(None, {"x": x}); tb += time.process_time() - c
    pa, pb = ra[0][0].argmax(-1), rb[0][0].argmax(-1)
    same += (pa == pb).sum(); steps += len(pa)
    fa, fb = ra[1], rb[1]
    fd.append(np.abs(fa - fb).mean() / (np.abs(fa).mean() + 1e-9))
print(f"{len(files)} inputs: CPU ms a read fp32 {1000*ta/len(files):.1f} int8 {1000*tb/len(files):.1f}; argmax same {same}/{steps}; feature rel diff mean {np.mean(fd):.3f}")
def text(p):
    out=[];prev=-1
    for k in p:
        if k!=prev and k!=0: out.append(k)
        prev=k
    return tuple(out)
same_text=0
for f in files:
    h, w = map(int, re.search(r"_(\d+)x(\d+)\.f32", f).groups())
    x = np.fromfile(os.path.join(calib, f), dtype="<f4").reshape(1, 3, h, w)
    same_text += text(a.run(None, {"x": x})[0][0].argmax(-1)) == text(b.run(None, {"x": x})[0][0].argmax(-1))
print("same text (model's own layer):", same_text, "of", len(files))
