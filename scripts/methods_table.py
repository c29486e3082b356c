#!/usr/bin/env python3
"""Measures the per-method table of docs/methods.md: for each seed method's sample, whether the design
validates, a one-epoch training run on the built-in data (accuracy unfused / fused, agreement), the
collapse (fusion steps and the rules its trace uses), verify's maxRelDiff and the fused ONNX export's
error. Prints Markdown rows; every output file goes to a temporary folder.

    scripts/methods_table.py [--no-train] [--only orepa,...] [--java-cp CP] > rows.jsonl
    scripts/methods_table.py --render rows.jsonl [--train-rows train.jsonl]   (Markdown table)

By default it runs ./repstudio; --java-cp runs a copied build (java -cp CP org.repstudio.app.Main), so
the sources can change while a long run goes on.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# method, sample, how to train ("" plain, "--resrep", or a reason to skip)
METHODS = [
    ("RepVGG", "repvgg-s1.json", ""),
    ("ACNet", "acb-k3.json", ""),
    ("DBB", "dbb-k3-s1-g1.json", ""),
    ("OREPA", "orepa.json", ""),
    ("RepLKNet", "replk-13.json", ""),
    ("RepGhost", "repghost.json", ""),
    ("MobileOne", "mobileone.json", ""),
    ("ResRep", "resrep.json", "--resrep"),
    ("RMNet", "rmnet-resblocks.json", ""),
    ("RepMLP", "repmlp.json", ""),
    ("Inception concat", "inception-concat.json", ""),
]


def run(cmd, java_cp):
    if java_cp:
        full = ["java", "-Dai.djl.offline=true", "-Drepstudio.home=" + ROOT, "-cp", java_cp,
                "org.repstudio.app.Main"] + cmd
    else:
        full = [os.path.join(ROOT, "repstudio")] + cmd
    p = subprocess.run(full, cwd=ROOT, capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def last_json(text):
    i = text.find("{")
    return json.loads(text[i:]) if i >= 0 else None


def measure(method, sample, train, tmp, java_cp, do_train):
    s = os.path.join("samples", sample)
    row = {"method": method, "sample": sample}
    code, out, err = run(["fuse", s, "--trace", os.path.join(tmp, "trace.json"), "-o",
                          os.path.join(tmp, "fused.json"), "-q"], java_cp)
    row["valid"] = code != 2
    if code == 2:
        row["error"] = err.strip().splitlines()[-1]
        return row
    trace = json.load(open(os.path.join(tmp, "trace.json")))
    row["steps"] = len(trace["steps"])
    rules = []
    for st in trace["steps"]:
        if st["ruleName"] not in rules:
            rules.append(st["ruleName"])
    row["rules"] = rules
    row["exact"] = trace["exact"]
    code, out, err = run(["verify", s, "--json"], java_cp)
    row["verifyRel"] = last_json(out)["maxRelDiff"]
    code, out, err = run(["export", s, "--fused", "-o", os.path.join(tmp, "x.onnx"), "--json"], java_cp)
    o = last_json(out)
    row["exportRel"] = o["maxRelDiff"] if o else None
    row["exportAbs"] = o["maxAbsDiff"] if o else None
    if do_train and not train.startswith("skip"):
        cmd = ["train", s, "--data", "builtin", "--epochs", "1", "--json", "--no-save"]
        if train:
            cmd.append(train)
        t0 = time.time()
        code, out, err = run(cmd, java_cp)
        o = last_json(out)
        row["trainSeconds"] = round(time.time() - t0)
        if o is None:
            row["train"] = "failed: " + err.strip().splitlines()[-1]
        elif train == "--resrep":
            row["train"] = o
        else:
            row["train"] = {k: o.get(k) for k in ("accuracyUnfused", "accuracyFused", "predictionAgreement",
                                                   "imagesPerSecond", "fusedExactly", "maxLogitRelDiff")}
    return row


def pct(x):
    return "%.1f%%" % (100 * x)


def render(rows, train_rows):
    print("| method | sample | design | train: accuracy unfused / fused, agreement | collapse: steps, rules "
          "| verify maxRelDiff | export (fused ONNX) max rel / abs error |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        t = train_rows.get(r["method"], r).get("train")
        if t is None:
            train = "not run"
        elif isinstance(t, str):
            train = t
        elif "accuracyBeforePrune" in t:
            train = "`--resrep`: %s before pruning / %s pruned and fused; MACs %.2fM -> %.2fM" % (
                pct(t["accuracyBeforePrune"]), pct(t["accuracyAfterPrune"]), t["macsBefore"] / 1e6,
                t["macsAfter"] / 1e6)
        else:
            train = "%s / %s, %s" % (pct(t["accuracyUnfused"]), pct(t["accuracyFused"]),
                                     pct(t["predictionAgreement"]))
        valid = "valid" if r.get("valid") else "invalid: " + r.get("error", "")
        collapse = "%d: %s" % (r["steps"], ", ".join(r["rules"])) if "steps" in r else ""
        print("| %s | `samples/%s` | %s | %s | %s | %.1e | %.1e / %.1e |" % (
            r["method"], r["sample"], valid, train, collapse, r["verifyRel"], r["exportRel"], r["exportAbs"]))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--render", default="")
    ap.add_argument("--train-rows", default="")
    ap.add_argument("--no-train", action="store_true")
    ap.add_argument("--only", default="")
    ap.add_argument("--java-cp", default="")
    a = ap.parse_args()
    if a.render:
        rows = [json.loads(l) for l in open(a.render) if l.strip()]
        train_rows = {}
        if a.train_rows:
            for l in open(a.train_rows):
                if l.strip():
                    o = json.loads(l)
                    train_rows[o["method"]] = o
        render(rows, train_rows)
        return 0
    only = [x.strip().lower() for x in a.only.split(",") if x.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        for method, sample, train in METHODS:
            if only and method.lower() not in only and sample.lower() not in only:
                continue
            row = measure(method, sample, train, tmp, a.java_cp, not a.no_train)
            print(json.dumps(row), flush=True)


if __name__ == "__main__":
    sys.exit(main())
