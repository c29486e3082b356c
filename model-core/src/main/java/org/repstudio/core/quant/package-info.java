/**
 * INT8 quantization of fused kernels: the arithmetic of ONNX QuantizeLinear / DequantizeLinear
 * (scales, round-half-to-even, zero points, saturation), per-kernel analysis (per-channel range, round-trip
 * error per tensor and per channel, outliers, each branch's share of the widest channels) and the QDQ
 * INT8 export calibrated on a dataset.
 */
package org.repstudio.core.quant;
