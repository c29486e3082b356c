#!/usr/bin/python3
"""Training speed of RepStudio beside PyTorch eager on the same harness, same CPU.

  train_speed.py torch HARNESS.json [--steps 125] [--batch 64] [--threads 2]
      trains the harness design file (written by `repstudio bench D --train --harness-out F`) in plain
      PyTorch eager, as a PyTorch user writes it: one module per node, SGD with momentum and weight decay,
      cosine schedule, softmax cross-entropy; prints one JSON line (img/s, median step, page faults/step).

  train_speed.py compare [--runs 5] [--steps 125] [--blocks repvgg,dbb,plain] [--variant L=LAUNCHER[,K=V] ...]
      for each block, runs `./repstudio bench SAMPLE --train` (or each --variant's launcher) and the PyTorch
      twin in fresh processes, interleaved (the order rotates every round), and prints medians, ranges, the
      ratio of medians to PyTorch and the page faults per step of each, with the load average.

Run with Debian's torch: /usr/bin/python3 scripts/train_speed.py compare
"""
import argparse
import json
import math
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BLOCKS = {
    "repvgg": ("samples/repvgg-s1.json", []),
    "dbb": ("samples/dbb-k3-s1-g1.json", []),
    "plain": ("samples/repvgg-s1.json", ["--plain"]),
    "orepa": ("samples/orepa.json", []),
    "orepa-online": ("samples/orepa.json", ["--online"]),
}
CLASSES = 8
LR, MOMENTUM, WEIGHT_DECAY, FINAL = 0.05, 0.9, 5e-4, 0.01


# ---------------------------------------------------------------------------------------------- torch side

def thread_cpu():
    """(run ns, runnable-but-waiting ns) summed over this process's threads, from /proc/self/task/*/schedstat."""
    run = wait = 0
    try:
        for t in os.listdir("/proc/self/task"):
            try:
                with open("/proc/self/task/%s/schedstat" % t) as f:
                    r, w = f.read().split()[:2]
                run, wait = run + int(r), wait + int(w)
            except (OSError, ValueError):
                pass  # the thread ended while we read it
    except OSError:
        pass
    return run, wait


def build_model(design, online=False):
    import torch
    import torch.nn as nn
    import torch.nn.functional as F

    def torch_pad(p):  # design [top, bottom, left, right] -> F.pad (left, right, top, bottom)
        return (p[2], p[3], p[0], p[1])

    class BiasPad(nn.Module):
        """Pads each channel with the bias its BN adds (DBB): zero pad + border mask * bias, mask built once."""

        def __init__(self, bn, padding, shape):
            super().__init__()
            self.bn = bn
            self.padding = torch_pad(padding)
            h, w = shape[2] + padding[0] + padding[1], shape[3] + padding[2] + padding[3]
            mask = torch.ones(1, 1, h, w)
            mask[:, :, padding[0]:h - padding[1], padding[2]:w - padding[3]] = 0
            self.register_buffer("mask", mask)

        def forward(self, x):
            bn = self.bn
            bias = bn.bias - bn.running_mean * bn.weight / torch.sqrt(bn.running_var + bn.eps)
            return F.pad(x, self.padding) + self.mask * bias.view(1, -1, 1, 1)

    class Scale(nn.Module):
        def __init__(self, c):
            super().__init__()
            self.scale = nn.Parameter(torch.ones(c))

        def forward(self, x):
            return x * self.scale.view(1, -1, 1, 1)

    class Net(nn.Module):
        def __init__(self, nodes):
            super().__init__()
            self.nodes = nodes
            self.ops = nn.ModuleDict()
            self.fns = {}
            shapes = {}
            probe = {}
            with torch.no_grad():
                for n in nodes:
                    ins = [probe[i] for i in n.get("inputs", [])]
                    if n["op"] == "input":
                        probe[n["id"]] = torch.zeros(2, n["channels"], n["height"], n["width"])
                        continue
                    fn = self.make(n, ins, nodes)
                    self.fns[n["id"]] = fn
                    probe[n["id"]] = fn(*ins)
                    shapes[n["id"]] = probe[n["id"]].shape
            self.order = [n for n in nodes if n["op"] != "input"]
            self.input = next(n["id"] for n in nodes if n["op"] == "input")
            self.output = next(n["id"] for n in nodes if n["op"] == "output")

        def make(self, n, ins, nodes):
            op, key = n["op"], n["id"].replace(".", "_")
            x = ins[0] if ins else None
            if op == "conv":
                p = n.get("padding", [0, 0, 0, 0])
                sym = p[0] == p[1] == p[2] == p[3]
                m = nn.Conv2d(x.shape[1], n["outChannels"], tuple(n["kernel"]), tuple(n["stride"]),
                              p[0] if sym else 0, tuple(n["dilation"]), n["groups"], n["bias"])
                self.ops[key] = m
                return m if sym else (lambda a, m=m, q=torch_pad(p): m(F.pad(a, q)))
            if op == "batchnorm":
                m = nn.BatchNorm2d(x.shape[1], eps=n["eps"]) if x.dim() == 4 else nn.BatchNorm1d(x.shape[1])
                self.ops[key] = m
                return m
            if op == "relu":
                return F.relu
            if op == "add":
                return lambda *xs: sum(xs[1:], xs[0])
            if op == "concat":
                return lambda *xs: torch.cat(xs, 1)
            if op in ("identity", "output"):
                return lambda a: a
            if op == "avgpool":
                p = n.get("padding", [0, 0, 0, 0])
                k, s = tuple(n["kernel"]), tuple(n["stride"])
                if p[0] == p[1] == p[2] == p[3]:
                    return lambda a: F.avg_pool2d(a, k, s, p[0])
                return lambda a: F.avg_pool2d(F.pad(a, torch_pad(p)), k, s)
            if op == "pad":
                if n["mode"] == "zero":
                    return lambda a, q=torch_pad(n["padding"]): F.pad(a, q)
                producer = n["inputs"][0]
                bn = self.ops[producer.replace(".", "_")]
                m = BiasPad(bn, n["padding"], x.shape)
                self.ops[key] = m
                return m
            if op == "scale":
                m = Scale(x.shape[1])
                self.ops[key] = m
                return m
            if op == "prelu":
                m = nn.PReLU(x.shape[1])
                self.ops[key] = m
                return m
            if op == "globalavgpool":
                return lambda a: a.mean((2, 3), keepdim=True)
            if op == "flatten":
                return lambda a: torch.flatten(a, 1)
            if op == "linear":
                m = nn.Linear(x.shape[1], n["outFeatures"], n["bias"])
                self.ops[key] = m
                return m
            raise ValueError("node %s: no PyTorch twin for op %s" % (n["id"], op))

        def forward(self, x):
            values = {self.input: x}
            for n in self.order:
                values[n["id"]] = self.fns[n["id"]](*[values[i] for i in n["inputs"]])
            return values[self.output]

    class OnlineSum(nn.Module):
        """OREPA online: the branches' kernels squeezed into one KxK kernel every step, one conv of the source."""

        def __init__(self, net, chains, k):
            super().__init__()
            self.net, self.chains, self.k = [net], chains, k

        def branch_kernel(self, chain):
            ops, k, groups = self.net[0].ops, None, 1
            for n in chain:
                m = ops[n["id"].replace(".", "_")] if n["op"] in ("conv", "scale") else None
                if n["op"] == "conv":
                    w = m.weight
                    if k is None:
                        k, groups = w, n["groups"]
                    elif k.shape[2] == 1 and groups == 1:  # 1x1 then KxK: mix input channels
                        k = torch.einsum("ocxy,ci->oixy", w, k[:, :, 0, 0])
                    else:  # depthwise KxK then dense 1x1
                        k, groups = w * k.reshape(1, -1, k.shape[2], k.shape[3]), 1
                elif n["op"] == "scale":
                    k = k * m.scale.view(-1, 1, 1, 1)
                elif n["op"] == "avgpool":
                    kh, kw = n["kernel"]
                    k = k * torch.full((1, 1, kh, kw), 1.0 / (kh * kw))
            p = (self.k - k.shape[2]) // 2
            return F.pad(k, (p, p, p, p)) if p else k

        def forward(self, x):
            kernel = sum(self.branch_kernel(c) for c in self.chains)
            return F.conv2d(x, kernel, None, 1, self.k // 2)

    net = Net(design["nodes"])
    if online:
        by_id = {n["id"]: n for n in design["nodes"]}
        consumers = {}
        for n in design["nodes"]:
            for i in n.get("inputs", []):
                consumers[i] = consumers.get(i, 0) + 1
        for n in design["nodes"]:
            if n["op"] != "add":
                continue
            chains, source = [], None
            for end in n["inputs"]:
                chain, cur = [], end
                while by_id[cur]["op"] in ("conv", "scale", "avgpool") and consumers[cur] == 1:
                    chain.insert(0, by_id[cur])
                    cur = by_id[cur]["inputs"][0]
                chains.append(chain)
                source = cur
            k = max(max(c["kernel"][0] for c in ch if c["op"] in ("conv", "avgpool")) for ch in chains)
            members = {c["id"] for ch in chains for c in ch}
            net.order = [m for m in net.order if m["id"] not in members]
            online_sum = OnlineSum(net, chains, k)
            net.fns[n["id"]] = online_sum
            n["inputs"] = [source]
    return net


def run_torch(args):
    import torch
    import torch.nn.functional as F
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    with open(args.harness) as f:
        design = json.load(f)
    model = build_model(design, args.online)
    model.train()
    first = design["nodes"][0]
    n = args.steps * args.batch
    images = torch.randn(n, first["channels"], first["height"], first["width"])
    labels = torch.randint(0, CLASSES, (n,))
    opt = torch.optim.SGD(model.parameters(), lr=LR, momentum=MOMENTUM, weight_decay=WEIGHT_DECAY)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, args.steps, eta_min=LR * FINAL)
    order = torch.randperm(n)
    faults0 = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    cpu0 = thread_cpu()
    ends = []
    start = time.perf_counter()
    for s in range(args.steps):
        idx = order[s * args.batch:(s + 1) * args.batch]
        x, y = images[idx], labels[idx]
        loss = F.cross_entropy(model(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
        loss.item()
        ends.append(time.perf_counter())
    faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt - faults0
    cpu1 = thread_cpu()
    steps_ms = [(ends[i] - (ends[i - 1] if i else start)) * 1e3 for i in range(len(ends))]
    first_n = min(5, len(ends))
    print(json.dumps({
        "imagesPerSecond": n / (ends[-1] - start),
        "medianStepMs": statistics.median(steps_ms),
        "firstStepsMs": (ends[first_n - 1] - start) * 1e3 / first_n,
        "faultsPerStep": faults / args.steps,
        "workCpuMsPerStep": (cpu1[0] - cpu0[0]) / 1e6 / args.steps,
        "jitCpuMs": 0.0,
        "gcCpuMs": 0.0,
        "waitMsPerStep": (cpu1[1] - cpu0[1]) / 1e6 / args.steps,
        "torch": torch.__version__,
    }))


# ---------------------------------------------------------------------------------------------- comparison

def last_json(text):
    """The last JSON object printed (the tools may log lines before it)."""
    start = text.rfind("\n{")
    return json.loads(text[start + 1 if start >= 0 else text.find("{"):])


def run_java(launcher, sample, flags, args, env, harness_out=None):
    steps = 2 if harness_out else args.steps  # the run that writes the harness is not timed
    cmd = [launcher, "bench", os.path.join(ROOT, sample), "--train", "--json", "--steps", str(steps),
           "--batch", str(args.batch), "--threads", str(args.threads)] + flags
    if harness_out:
        cmd += ["--harness-out", harness_out]
    out = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit("%s failed:\n%s" % (" ".join(cmd), out.stderr[-3000:]))
    return last_json(out.stdout)


def run_python(harness, args, flags=()):
    cmd = [sys.executable, os.path.abspath(__file__), "torch", harness, "--steps", str(args.steps),
           "--batch", str(args.batch), "--threads", str(args.threads)] + [f for f in flags if f == "--online"]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return last_json(out.stdout)


def parse_variant(text):
    """LABEL=LAUNCHER[,K=V...]: a RepStudio build (its ./repstudio) and extra environment for its runs."""
    label, _, rest = text.partition("=")
    parts = rest.split(",")
    env = dict(os.environ)
    for kv in parts[1:]:
        k, _, v = kv.partition("=")
        env[k] = v
    return label, os.path.abspath(parts[0]), env


# (header, JSON key, decimals) of the per-run figures both sides print
COLUMNS = [("img/s", "imagesPerSecond", 0), ("step ms", "medianStepMs", 2), ("first ms", "firstStepsMs", 2),
           ("faults/step", "faultsPerStep", 0), ("cpu ms/step", "workCpuMsPerStep", 2), ("jit ms", "jitCpuMs", 0),
           ("wait ms/step", "waitMsPerStep", 2)]
LEGEND = """columns: img/s over all steps (median of runs, range); vs PT = ratio of medians to PyTorch; step ms = median
step; first ms = mean of the first 5 steps; faults/step = minor page faults; cpu ms/step = CPU time of the threads
that train (not the JVM's JIT compilers or GC); jit ms = CPU time of the JIT compilers during the steps; wait
ms/step = time the process's threads were ready but other threads held the cores (0 on a quiet machine)"""


def fmt(value, decimals):
    return "-" if value is None else "%.*f" % (decimals, value)


def median_of(runs, key):
    values = [x[key] for x in runs if x.get(key) is not None]
    return statistics.median(values) if values else None


def compare(args):
    variants = [parse_variant(v) for v in (args.variant or ["RepStudio=" + os.path.join(ROOT, "repstudio")])]
    blocks = args.blocks.split(",")
    tmp = tempfile.mkdtemp(prefix="train-speed-")
    harness = {}
    load_before = os.getloadavg()
    sides = [v[0] for v in variants] + ["PyTorch"]
    results = {b: {s: [] for s in sides} for b in blocks}
    for b in blocks:  # writes each harness once
        sample, flags = BLOCKS[b]
        harness[b] = os.path.join(tmp, b + ".json")
        label, launcher, env = variants[0]
        run_java(launcher, sample, [f for f in flags if f != "--online"], args, env, harness[b])
    for r in range(args.runs):
        for i, b in enumerate(blocks):
            sample, flags = BLOCKS[b]
            shift = (r + i) % len(sides)
            for side in sides[shift:] + sides[:shift]:  # rotate so no side always runs first
                if side == "PyTorch":
                    res = run_python(harness[b], args, flags)
                else:
                    label, launcher, env = next(v for v in variants if v[0] == side)
                    res = run_java(launcher, sample, flags, args, env)
                results[b][side].append(res)
                print("run %d %-12s %-10s %s" % (r + 1, b, side, " ".join(
                    "%s %s" % (c[0].strip(), fmt(res.get(c[1]), c[2])) for c in COLUMNS)), file=sys.stderr, flush=True)
    load_after = os.getloadavg()
    print("batch %d, %d steps, %d threads, %d interleaved runs per side; load average %.2f before, %.2f after"
          % (args.batch, args.steps, args.threads, args.runs, load_before[0], load_after[0]))
    for label, launcher, env in variants:
        extra = [k + "=" + env[k] for k in sorted(env) if os.environ.get(k) != env[k]]
        print("%s: %s %s" % (label, launcher, " ".join(extra)))
    print(LEGEND)
    print("%-13s %-10s %22s %7s " % ("block", "side", "img/s median (range)", "vs PT") + " ".join(
        c[0] for c in COLUMNS[1:]))
    rows = {}
    for b in blocks:
        pt = median_of(results[b]["PyTorch"], "imagesPerSecond")
        rows[b] = {}
        for side in sides:
            runs = results[b][side]
            ips = [x["imagesPerSecond"] for x in runs]
            row = {"imagesPerSecond": statistics.median(ips), "range": [min(ips), max(ips)],
                   "vsPyTorch": statistics.median(ips) / pt}
            for c in COLUMNS[1:]:
                row[c[1]] = median_of(runs, c[1])
            rows[b][side] = row
            print("%-13s %-10s %7.0f (%5.0f-%5.0f) %6.2fx " % (
                b, side, row["imagesPerSecond"], row["range"][0], row["range"][1], row["vsPyTorch"]) + " ".join(
                fmt(row[c[1]], c[2]).rjust(len(c[0])) for c in COLUMNS[1:]))
    if args.json_out:
        with open(args.json_out, "w") as f:
            json.dump({"load": [load_before[0], load_after[0]], "rows": rows, "runs": results}, f, indent=1)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    t = sub.add_parser("torch")
    t.add_argument("harness")
    t.add_argument("--online", action="store_true", help="OREPA online: each branch sum squeezed into one conv")
    c = sub.add_parser("compare")
    c.add_argument("--runs", type=int, default=5)
    c.add_argument("--blocks", default="repvgg,dbb,plain")
    c.add_argument("--variant", action="append", metavar="LABEL=LAUNCHER[,K=V...]",
                   help="a RepStudio build to run (default: this tree's ./repstudio); repeat to interleave builds,"
                        " e.g. before=/tmp/old/repstudio,GLIBC_TUNABLES=")
    c.add_argument("--json-out")
    for q in (t, c):
        q.add_argument("--steps", type=int, default=125)
        q.add_argument("--batch", type=int, default=64)
        q.add_argument("--threads", type=int, default=2)
        q.add_argument("--seed", type=int, default=42)
    args = p.parse_args()
    run_torch(args) if args.cmd == "torch" else compare(args)


if __name__ == "__main__":
    main()
