/** Analyze ▸ Quantization (INT8)…: per fused kernel, its heat map beside its per-channel INT8 error. */
package org.repstudio.app.quant;
