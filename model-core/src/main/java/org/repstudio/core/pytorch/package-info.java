/**
 * The PyTorch bridge: a design written out as a readable PyTorch package (model, weights, a DDP training
 * script), and PyTorch checkpoints (.pt/.pth pickles read through an allow-list, .safetensors) read back
 * into a design's weights by name or by the official repos' key layouts. Nothing here runs Python.
 */
package org.repstudio.core.pytorch;
