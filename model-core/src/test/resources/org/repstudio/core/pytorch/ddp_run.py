"""Writes a small image folder, trains the package in PKG with torchrun (2 processes, gloo, loopback),
then writes the trained module's eval output on a fixed input: OUT/input.safetensors, OUT/output.safetensors.
Usage: ddp_run.py PKG OUT PORT"""
import os
import subprocess
import sys

import torch

pkg, out, port = sys.argv[1], sys.argv[2], sys.argv[3]
from PIL import Image  # noqa: E402  (python3-pil comes with torchvision)

g = torch.Generator().manual_seed(7)
for c in range(3):
    os.makedirs(f"{out}/images/class{c}", exist_ok=True)
    for i in range(16):
        pixels = (torch.rand(12, 12, 3, generator=g) * 80 + 60 * c).clamp(0, 255).to(torch.uint8)
        Image.fromarray(pixels.numpy()).save(f"{out}/images/class{c}/{i}.png")
env = dict(os.environ, GLOO_SOCKET_IFNAME="lo", OMP_NUM_THREADS="1")
# --redirects/--tee 1: Debian's torchrun 1.13 on Python 3.11 fails to parse their default "0"
cmd = [sys.executable, "-m", "torch.distributed.run", "--redirects", "1", "--tee", "1", "--log_dir", f"{out}/logs",
       "--nnodes", "1", "--nproc_per_node", "2", "--master_addr", "127.0.0.1", "--master_port", port,
       "train.py", "--data", f"{out}/images", "--epochs", "2", "--batch-size", "4", "--max-steps", "6",
       "--cpu", "--out", f"{out}/run.pt"]
subprocess.run(cmd, cwd=pkg, env=env, check=True, timeout=240)

sys.path.insert(0, pkg)
import model  # noqa: E402

net = model.build(f"{out}/run.pt").eval()
x = torch.randn(2, *model.INPUT_SHAPE, generator=g)
with torch.no_grad():
    y = net(x)
from safetensors_io import save_tensor  # noqa: E402

save_tensor(f"{out}/input.safetensors", "input", x)
save_tensor(f"{out}/output.safetensors", "output", y)
print("trained and evaluated", tuple(y.shape))
