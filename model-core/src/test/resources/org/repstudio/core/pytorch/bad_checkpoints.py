"""Writes checkpoints that must be refused into OUT, for a design packaged in PKG, and proves the
malicious ones really run code in Python (their control marker is created by torch.load).
Usage: bad_checkpoints.py PKG OUT MARKER"""
import os
import pickle
import sys

import torch

pkg, out, marker = sys.argv[1], sys.argv[2], sys.argv[3]
sys.path.insert(0, pkg)
import model  # noqa: E402


class Evil:
    def __init__(self, path):
        self.path = path

    def __reduce__(self):
        return (os.system, (f"touch {self.path}",))


good = model.build().state_dict()
torch.save({"model": good}, f"{out}/good.pt")
torch.save({"model": good}, f"{out}/good_legacy.pt", _use_new_zipfile_serialization=False)
torch.save({"state_dict": {"module." + k: v for k, v in good.items()}}, f"{out}/ddp.pt")
torch.save({k: v.half() if v.is_floating_point() else v for k, v in good.items()}, f"{out}/half.pt")
torch.save({"model": Evil(marker)}, f"{out}/evil_zip.pt")
with open(f"{out}/evil_plain.pt", "wb") as f:
    pickle.dump({"model": Evil(marker)}, f, protocol=2)
missing = dict(good)
first = next(k for k in missing if k.endswith(".weight"))
del missing[first]
torch.save(missing, f"{out}/missing.pt")
wrong = dict(good)
wrong[first] = torch.zeros(3, 3)
torch.save(wrong, f"{out}/wrong_shape.pt")
ints = dict(good)
ints[first] = good[first].to(torch.int32)
torch.save(ints, f"{out}/int_dtype.pt")
with open(f"{out}/good.pt", "rb") as f:
    data = f.read()
with open(f"{out}/truncated.pt", "wb") as f:
    f.write(data[: len(data) // 2])
# control: Python's own loaders run the payload of both kinds of malicious file
control = f"{out}/control_zip"
torch.save({"model": Evil(control)}, f"{out}/c.pt")
torch.load(f"{out}/c.pt")
print("evil_zip.pt runs code in torch.load:", os.path.exists(control))
control = f"{out}/control_plain"
with open(f"{out}/c.pkl", "wb") as f:
    pickle.dump({"model": Evil(control)}, f, protocol=2)
with open(f"{out}/c.pkl", "rb") as f:
    pickle.load(f)
print("evil_plain.pt runs code in pickle.load:", os.path.exists(control))
print("first key", first)
