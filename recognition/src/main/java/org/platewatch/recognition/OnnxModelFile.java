package org.platewatch.recognition;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The two things Platewatch needs to do to an ONNX model file before loading it, done on the
 * protobuf wire format directly (ONNX Runtime for Java does not ship the ONNX protobuf classes,
 * and a protobuf code generator for two operations would be far more than they need):
 * <ul>
 *     <li>{@link #withExtraOutput} declares an intermediate tensor as a graph output, so the
 *     reader's per-time-step features can be fed to the plate-trained head;</li>
 *     <li>{@link #constant} reads a weight tensor stored in a {@code Constant} node, so that head
 *     can start from the original model's own output layer.</li>
 * </ul>
 * Field numbers are those of {@code onnx.proto} (ModelProto.graph = 7, GraphProto.node = 1,
 * GraphProto.output = 12, NodeProto.output = 2, NodeProto.attribute = 5, AttributeProto.t = 5,
 * TensorProto.dims = 1, TensorProto.float_data = 4, TensorProto.raw_data = 9).
 */
final class OnnxModelFile {

    private static final int MODEL_GRAPH = 7;
    private static final int GRAPH_NODE = 1;
    private static final int GRAPH_OUTPUT = 12;
    private static final int NODE_OUTPUT = 2;
    private static final int NODE_ATTRIBUTE = 5;
    private static final int ATTRIBUTE_TENSOR = 5;
    private static final int TENSOR_DIMS = 1;
    private static final int TENSOR_DATA_TYPE = 2;
    private static final int TENSOR_FLOAT_DATA = 4;
    private static final int TENSOR_RAW_DATA = 9;
    private static final int WIRE_VARINT = 0;
    private static final int WIRE_FIXED64 = 1;
    private static final int WIRE_BYTES = 2;
    private static final int WIRE_FIXED32 = 5;
    /** TensorProto.DataType FLOAT. */
    private static final int FLOAT = 1;

    /** A float tensor: its shape and its values in row-major order. */
    record Tensor(long[] dims, float[] values) {}

    private OnnxModelFile() {}

    /**
     * The model with {@code tensorName} added to the graph's outputs as a float tensor. Protobuf
     * lets a repeated field's elements arrive anywhere in a message, so the new output is simply
     * appended to the graph's bytes and the graph field re-written with its new length.
     */
    static byte[] withExtraOutput(byte[] model, String tensorName) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(model.length + 64);
        boolean found = false;
        for (Field f : new Reader(model)) {
            if (f.number == MODEL_GRAPH && f.wire == WIRE_BYTES) {
                ByteArrayOutputStream graph = new ByteArrayOutputStream(f.bytes.length + 64);
                graph.writeBytes(f.bytes);
                writeBytesField(graph, GRAPH_OUTPUT, floatValueInfo(tensorName));
                writeBytesField(out, MODEL_GRAPH, graph.toByteArray());
                found = true;
            } else {
                f.writeTo(out);
            }
        }
        if (!found) {
            throw new IllegalArgumentException("not an ONNX model: no graph");
        }
        return out.toByteArray();
    }

    /**
     * The value of the {@code Constant} node whose output is {@code tensorName} (PP-OCR's exported
     * models keep their weights in Constant nodes; graph initializers are not searched).
     */
    static Tensor constant(byte[] model, String tensorName) {
        for (Field m : new Reader(model)) {
            if (m.number != MODEL_GRAPH) {
                continue;
            }
            for (Field n : new Reader(m.bytes)) {
                if (n.number == GRAPH_NODE && producesTensor(n.bytes, tensorName)) {
                    return tensorOfConstant(n.bytes, tensorName);
                }
            }
        }
        throw new IllegalArgumentException("no constant named " + tensorName + " in the model");
    }

    private static boolean producesTensor(byte[] node, String name) {
        for (Field f : new Reader(node)) {
            if (f.number == NODE_OUTPUT
                    && f.wire == WIRE_BYTES
                    && name.equals(new String(f.bytes, StandardCharsets.UTF_8))) {
                return true;
            }
        }
        return false;
    }

    private static Tensor tensorOfConstant(byte[] node, String name) {
        for (Field a : new Reader(node)) {
            if (a.number != NODE_ATTRIBUTE) {
                continue;
            }
            for (Field t : new Reader(a.bytes)) {
                if (t.number == ATTRIBUTE_TENSOR && t.wire == WIRE_BYTES) {
                    return floatTensor(t.bytes);
                }
            }
        }
        throw new IllegalArgumentException(name + " is not produced by a Constant node with a tensor value");
    }

    private static Tensor floatTensor(byte[] tensor) {
        long[] dims = new long[0];
        float[] values = null;
        ByteArrayOutputStream floatData = new ByteArrayOutputStream();
        for (Field f : new Reader(tensor)) {
            if (f.number == TENSOR_DATA_TYPE && f.wire == WIRE_VARINT && f.varint != FLOAT) {
                throw new IllegalArgumentException("constant is not a float tensor (ONNX data type " + f.varint + ")");
            }
            if (f.number == TENSOR_DIMS) {
                dims = append(dims, f.wire == WIRE_VARINT ? new long[] {f.varint} : Reader.packedVarints(f.bytes));
            } else if (f.number == TENSOR_RAW_DATA) {
                values = littleEndianFloats(f.bytes);
            } else if (f.number == TENSOR_FLOAT_DATA) {
                floatData.writeBytes(f.wire == WIRE_BYTES ? f.bytes : f.fixed32);
            }
        }
        if (values == null) {
            values = littleEndianFloats(floatData.toByteArray());
        }
        long count = 1;
        for (long d : dims) {
            count *= d;
        }
        if (count != values.length) {
            throw new IllegalArgumentException("tensor holds " + values.length + " floats, its shape says " + count);
        }
        return new Tensor(dims, values);
    }

    private static float[] littleEndianFloats(byte[] bytes) {
        float[] out = new float[bytes.length / 4];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }

    private static long[] append(long[] a, long[] b) {
        long[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** ValueInfoProto { name = 1; type = 2 { tensor_type = 1 { elem_type = 1: FLOAT } } }, shape left to inference. */
    private static byte[] floatValueInfo(String name) {
        ByteArrayOutputStream tensorType = new ByteArrayOutputStream();
        writeVarintField(tensorType, 1, FLOAT);
        ByteArrayOutputStream type = new ByteArrayOutputStream();
        writeBytesField(type, 1, tensorType.toByteArray());
        ByteArrayOutputStream info = new ByteArrayOutputStream();
        writeBytesField(info, 1, name.getBytes(StandardCharsets.UTF_8));
        writeBytesField(info, 2, type.toByteArray());
        return info.toByteArray();
    }

    private static void writeVarintField(ByteArrayOutputStream out, int number, long value) {
        writeVarint(out, (long) number << 3 | WIRE_VARINT);
        writeVarint(out, value);
    }

    private static void writeBytesField(ByteArrayOutputStream out, int number, byte[] bytes) {
        writeVarint(out, (long) number << 3 | WIRE_BYTES);
        writeVarint(out, bytes.length);
        out.writeBytes(bytes);
    }

    private static void writeVarint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    /** One field of a protobuf message as it lies on the wire. */
    private static final class Field {
        int number;
        int wire;
        long varint;
        byte[] bytes;
        byte[] fixed32;
        private byte[] encoded;

        void writeTo(ByteArrayOutputStream out) {
            out.writeBytes(encoded);
        }
    }

    /** Iterates over the top-level fields of one protobuf message. */
    private static final class Reader implements Iterable<Field> {
        private final byte[] buf;

        Reader(byte[] buf) {
            this.buf = buf;
        }

        @Override
        public java.util.Iterator<Field> iterator() {
            return new java.util.Iterator<>() {
                private int pos;

                @Override
                public boolean hasNext() {
                    return pos < buf.length;
                }

                @Override
                public Field next() {
                    int start = pos;
                    Field f = new Field();
                    long key = readVarint();
                    f.number = (int) (key >>> 3);
                    f.wire = (int) (key & 7);
                    switch (f.wire) {
                        case WIRE_VARINT -> f.varint = readVarint();
                        case WIRE_FIXED64 -> pos += 8;
                        case WIRE_BYTES -> {
                            int len = Math.toIntExact(readVarint());
                            f.bytes = java.util.Arrays.copyOfRange(buf, pos, pos + len);
                            pos += len;
                        }
                        case WIRE_FIXED32 -> {
                            f.fixed32 = java.util.Arrays.copyOfRange(buf, pos, pos + 4);
                            pos += 4;
                        }
                        default -> throw new IllegalArgumentException("unsupported protobuf wire type " + f.wire);
                    }
                    if (pos > buf.length) {
                        throw new IllegalArgumentException("truncated protobuf message");
                    }
                    f.encoded = java.util.Arrays.copyOfRange(buf, start, pos);
                    return f;
                }

                private long readVarint() {
                    long result = 0;
                    for (int shift = 0; shift < 64; shift += 7) {
                        if (pos >= buf.length) {
                            throw new IllegalArgumentException("truncated protobuf varint");
                        }
                        byte b = buf[pos++];
                        result |= (long) (b & 0x7F) << shift;
                        if ((b & 0x80) == 0) {
                            return result;
                        }
                    }
                    throw new IllegalArgumentException("malformed protobuf varint");
                }
            };
        }

        static long[] packedVarints(byte[] bytes) {
            long[] out = new long[bytes.length];
            int n = 0;
            long v = 0;
            int shift = 0;
            for (byte b : bytes) {
                v |= (long) (b & 0x7F) << shift;
                shift += 7;
                if ((b & 0x80) == 0) {
                    out[n++] = v;
                    v = 0;
                    shift = 0;
                }
            }
            return java.util.Arrays.copyOf(out, n);
        }
    }
}
