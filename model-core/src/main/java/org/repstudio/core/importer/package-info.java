/**
 * ONNX in: a train-time ONNX model (as {@code torch.onnx.export} writes it) becomes a design, every op the
 * graph IR expresses mapped onto it and every other op kept whole as an opaque node; the fused design is
 * written back as ONNX and certified against the user's original file in ONNX Runtime.
 */
package org.repstudio.core.importer;
