"""For each exported package DIR: the generated module's eval forward on DIR/input.safetensors against
DIR/expected.safetensors (DJL's output). Prints one line per package: DIR max_abs max_rel."""
import importlib.util
import sys

import torch

torch.set_num_threads(2)
for i, d in enumerate(sys.argv[1:]):
    spec = importlib.util.spec_from_file_location(f"generated_{i}", f"{d}/model.py")
    m = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(m)
    net = m.build().eval()
    x = m.load_safetensors(f"{d}/input.safetensors")["input"]
    want = m.load_safetensors(f"{d}/expected.safetensors")["output"]
    with torch.no_grad():
        got = net(x)
    diff = (got.double() - want.double()).abs().max().item()
    print(d, diff, diff / max(want.double().abs().max().item(), 1e-30), flush=True)
