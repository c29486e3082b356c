"""Writes one float32 tensor as .safetensors, for the test scripts (the generated model.py reads them)."""
import json
import struct


def save_tensor(path, name, t):
    data = t.contiguous().float().numpy().tobytes()
    header = json.dumps({name: {"dtype": "F32", "shape": list(t.shape), "data_offsets": [0, len(data)]}}).encode()
    header += b" " * (-len(header) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(header)) + header + data)
