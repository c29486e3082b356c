package org.repstudio.core.importer;

/** A model that cannot be imported; the message names the file and, where there is one, the ONNX node. */
public final class OnnxImportException extends RuntimeException {

    public OnnxImportException(String message) {
        super(message);
    }

    public OnnxImportException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The problem located at ONNX node {@code node} (its name, or its op type and index when unnamed). */
    static OnnxImportException at(String node, String message) {
        return new OnnxImportException("node '" + node + "': " + message);
    }
}
