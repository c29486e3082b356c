package org.repstudio.core.onnx;

/**
 * A checked ONNX model held in memory: the serialized {@code ModelProto} and its export report.
 *
 * @param bytes  the model file's bytes (a copy on every read)
 * @param report how the model was built and checked
 */
public record OnnxModel(byte[] bytes, ExportReport report) {

    public OnnxModel {
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The bytes without a copy, for writing. */
    byte[] rawBytes() {
        return bytes;
    }
}
