/**
 * ONNX export and ONNX Runtime checks. {@link org.repstudio.core.onnx.OnnxExporter} turns a design into an
 * opset-17 model (input {@code input} [N, C, H, W], output {@code output}, dynamic batch N) in its unfused
 * or fused form, runs it in ONNX Runtime against DJL's forward of the same graph and refuses to hand out a
 * model that disagrees. {@link org.repstudio.core.onnx.LatencyBench} times the unfused, the fused and a
 * plain conv network of the fused shape on DJL and on ONNX Runtime, interleaved in one run. The protobuf
 * messages come from {@code ai.onnx.proto.OnnxMl} (tribuo-util-onnx); nothing of the wire format is
 * written by hand.
 */
package org.repstudio.core.onnx;
