"""Reference PyTorch modules of the re-param blocks in the official repos' key layouts (written here from
the papers' block definitions), sized after the RepStudio samples. For each case writes OUT/NAME/:
official.pth (state_dict, random weights and BN statistics), input.safetensors and output.safetensors
(the eval forward, summed branches then ReLU). Also OUT/deploy.pth, a RepVGG block in deploy form.
Usage: official_layouts.py SAMPLES_DIR OUT"""
import json
import os
import sys

import torch
import torch.nn.functional as F
from torch import nn

from safetensors_io import save_tensor

samples, out = sys.argv[1], sys.argv[2]
torch.manual_seed(3)
torch.set_num_threads(2)


def conv_bn(cin, cout, k, stride, pad, groups=1):
    s = nn.Sequential()
    s.add_module("conv", nn.Conv2d(cin, cout, k, stride, pad, groups=groups, bias=False))
    s.add_module("bn", nn.BatchNorm2d(cout))
    return s


class RepVGGBlock(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.rbr_identity = nn.BatchNorm2d(cin) if cin == cout and stride == 1 else None
        self.rbr_dense = conv_bn(cin, cout, 3, stride, 1)
        self.rbr_1x1 = conv_bn(cin, cout, 1, stride, 0)

    def forward(self, x):
        y = self.rbr_dense(x) + self.rbr_1x1(x)
        return F.relu(y if self.rbr_identity is None else y + self.rbr_identity(x))


class ACBlock(nn.Module):
    def __init__(self, c, k):
        super().__init__()
        self.square_conv = nn.Conv2d(c, c, (k, k), 1, (k // 2, k // 2), bias=False)
        self.square_bn = nn.BatchNorm2d(c)
        self.ver_conv = nn.Conv2d(c, c, (k, 1), 1, (k // 2, 0), bias=False)
        self.ver_bn = nn.BatchNorm2d(c)
        self.hor_conv = nn.Conv2d(c, c, (1, k), 1, (0, k // 2), bias=False)
        self.hor_bn = nn.BatchNorm2d(c)

    def forward(self, x):
        return F.relu(self.square_bn(self.square_conv(x)) + self.ver_bn(self.ver_conv(x))
                      + self.hor_bn(self.hor_conv(x)))


class BNAndPad(nn.Module):
    """BN whose output is padded with its own bias (so a following conv can absorb it exactly)."""

    def __init__(self, c, pad):
        super().__init__()
        self.bn = nn.BatchNorm2d(c)
        self.pad = pad

    def forward(self, x):
        y = self.bn(x)
        fill = self.bn.bias - self.bn.running_mean * self.bn.weight / torch.sqrt(self.bn.running_var + self.bn.eps)
        inside = F.pad(torch.ones_like(y[:1, :1]), [self.pad] * 4) > 0
        return torch.where(inside, F.pad(y, [self.pad] * 4), fill.view(1, -1, 1, 1))


class IdentityBasedConv1x1(nn.Conv2d):
    def __init__(self, c, groups):
        super().__init__(c, c, 1, 1, 0, groups=groups, bias=False)
        eye = torch.zeros(c, c // groups, 1, 1)
        for i in range(c):
            eye[i, i % (c // groups), 0, 0] = 1
        self.eye = eye  # a plain attribute, not in the state_dict

    def forward(self, x):
        return F.conv2d(x, self.weight + self.eye, None, 1, 0, 1, self.groups)


class DiverseBranchBlock(nn.Module):
    def __init__(self, cin, cout, k, stride, groups, internal):
        super().__init__()
        self.dbb_origin = conv_bn(cin, cout, k, stride, k // 2, groups)
        self.dbb_avg = nn.Sequential()
        self.dbb_avg.add_module("conv", nn.Conv2d(cin, cout, 1, 1, 0, groups=groups, bias=False))
        self.dbb_avg.add_module("bn", BNAndPad(cout, k // 2))
        self.dbb_avg.add_module("avg", nn.AvgPool2d(k, stride, 0))
        self.dbb_avg.add_module("avgbn", nn.BatchNorm2d(cout))
        self.dbb_1x1 = conv_bn(cin, cout, 1, stride, 0, groups)
        self.dbb_1x1_kxk = nn.Sequential()
        if internal == cin:
            self.dbb_1x1_kxk.add_module("idconv1", IdentityBasedConv1x1(cin, groups))
        else:
            self.dbb_1x1_kxk.add_module("conv1", nn.Conv2d(cin, internal, 1, 1, 0, groups=groups, bias=False))
        self.dbb_1x1_kxk.add_module("bn1", BNAndPad(internal, k // 2))
        self.dbb_1x1_kxk.add_module("conv2", nn.Conv2d(internal, cout, k, stride, 0, groups=groups, bias=False))
        self.dbb_1x1_kxk.add_module("bn2", nn.BatchNorm2d(cout))

    def forward(self, x):
        return F.relu(self.dbb_origin(x) + self.dbb_avg(x) + self.dbb_1x1(x) + self.dbb_1x1_kxk(x))


class MobileOneBlock(nn.Module):
    def __init__(self, cin, cout, k, stride, groups, branches):
        super().__init__()
        self.rbr_skip = nn.BatchNorm2d(cin) if cin == cout and stride == 1 else None
        self.rbr_conv = nn.ModuleList([conv_bn(cin, cout, k, stride, k // 2, groups) for _ in range(branches)])
        self.rbr_scale = conv_bn(cin, cout, 1, stride, 0, groups) if k > 1 else None

    def forward(self, x):
        y = sum(c(x) for c in self.rbr_conv)
        if self.rbr_scale is not None:
            y = y + self.rbr_scale(x)
        if self.rbr_skip is not None:
            y = y + self.rbr_skip(x)
        return F.relu(y)


class RepGhostModule(nn.Module):
    def __init__(self, cin, c):
        super().__init__()
        self.primary_conv = nn.Sequential(nn.Conv2d(cin, c, 1, 1, 0, bias=False), nn.BatchNorm2d(c), nn.ReLU())
        self.cheap_operation = nn.Sequential(nn.Conv2d(c, c, 3, 1, 1, groups=c, bias=False), nn.BatchNorm2d(c))
        self.fusion_bn = nn.ModuleList([nn.BatchNorm2d(c)])

    def forward(self, x):
        x1 = self.primary_conv(x)
        return F.relu(self.cheap_operation(x1) + self.fusion_bn[0](x1))


class ReparamLargeKernelConv(nn.Module):
    def __init__(self, c, big, small):
        super().__init__()
        self.lkb_origin = conv_bn(c, c, big, 1, big // 2, c)
        self.small_conv = conv_bn(c, c, small, 1, small // 2, c)

    def forward(self, x):
        return F.relu(self.lkb_origin(x) + self.small_conv(x))


class Network(nn.Module):
    """stage0 block, stage1..4 as Sequentials of blocks, global pool, linear."""

    def __init__(self, stage0, stages, features, classes):
        super().__init__()
        self.stage0 = stage0
        for i, blocks in enumerate(stages, 1):
            setattr(self, f"stage{i}", nn.Sequential(*blocks))
        self.gap = nn.AdaptiveAvgPool2d(1)
        self.linear = nn.Linear(features, classes)
        self.count = len(stages)

    def forward(self, x):
        x = self.stage0(x)
        for i in range(1, self.count + 1):
            x = getattr(self, f"stage{i}")(x)
        return self.linear(torch.flatten(self.gap(x), 1))


def design(path):
    with open(os.path.join(samples, path)) as f:
        d = json.load(f)
    return {n["id"]: n for n in d["nodes"]}


def repvgg_a0():
    nodes = design("networks/repvgg-a0.json")
    cin = nodes["in"]["channels"]
    stage0 = RepVGGBlock(cin, nodes["s0b0_conv3x3"]["outChannels"], 2)
    cin = nodes["s0b0_conv3x3"]["outChannels"]
    stages = []
    for s in range(1, 5):
        blocks, b = [], 0
        while f"s{s}b{b}_conv3x3" in nodes:
            conv = nodes[f"s{s}b{b}_conv3x3"]
            blocks.append(RepVGGBlock(cin, conv["outChannels"], conv["stride"][0]))
            cin, b = conv["outChannels"], b + 1
        stages.append(blocks)
    return Network(stage0, stages, cin, nodes["fc"]["outFeatures"]), (2, nodes["in"]["channels"], 224, 224)


def count(nodes, prefix):
    return sum(1 for k in nodes if k.startswith(prefix))


def mobileone_s0():
    nodes = design("networks/mobileone-s0.json")
    cin = nodes["in"]["channels"]
    c = nodes["stem_conv3x3_1"]["outChannels"]
    stage0 = MobileOneBlock(cin, c, 3, 2, 1, count(nodes, "stem_conv3x3_"))
    cin, stages = c, []
    for s in range(1, 5):
        blocks, b = [], 0
        while f"s{s}b{b}_dw_conv3x3_1" in nodes:
            dw = nodes[f"s{s}b{b}_dw_conv3x3_1"]
            pw = nodes[f"s{s}b{b}_pw_conv1x1_1"]
            blocks.append(MobileOneBlock(cin, cin, 3, dw["stride"][0], cin, count(nodes, f"s{s}b{b}_dw_conv3x3_")))
            blocks.append(MobileOneBlock(cin, pw["outChannels"], 1, 1, 1, count(nodes, f"s{s}b{b}_pw_conv1x1_")))
            cin, b = pw["outChannels"], b + 1
        stages.append(blocks)
    return Network(stage0, stages, cin, nodes["fc"]["outFeatures"]), (2, nodes["in"]["channels"], 224, 224)


def block(path, make):
    nodes = design(path)
    i = nodes["in"]
    return make(nodes), (2, i["channels"], i["height"], i["width"])


def dbb(nodes):
    c = nodes["conv3x3"] if "conv3x3" in nodes else nodes["conv5x5"]
    return DiverseBranchBlock(nodes["in"]["channels"], c["outChannels"], c["kernel"][0], c["stride"][0], c["groups"],
                              nodes["seq_conv1x1"]["outChannels"])


def mobileone_block(nodes):
    c = nodes["in"]["channels"]
    return nn.Sequential(MobileOneBlock(c, c, 3, 1, c, count(nodes, "dw_conv3x3_")),
                         MobileOneBlock(c, nodes["pw_conv1x1_1"]["outChannels"], 1, 1, 1, count(nodes, "pw_conv1x1_")))


cases = {
    "repvgg-s1": block("repvgg-s1.json", lambda n: RepVGGBlock(16, 16, 1)),
    "repvgg-s2": block("repvgg-s2.json", lambda n: RepVGGBlock(16, 32, 2)),
    "acb-k3": block("acb-k3.json", lambda n: ACBlock(16, 3)),
    "acb-k5": block("acb-k5.json", lambda n: ACBlock(16, 5)),
    "dbb-k3-s1-g1": block("dbb-k3-s1-g1.json", dbb),
    "dbb-k3-s2-g2": block("dbb-k3-s2-g2.json", dbb),
    "dbb-k5-s2-g1": block("dbb-k5-s2-g1.json", dbb),
    "mobileone": block("mobileone.json", mobileone_block),
    "repghost": block("repghost.json", lambda n: RepGhostModule(16, n["primary_conv1x1"]["outChannels"])),
    "replk-13": block("replk-13.json", lambda n: ReparamLargeKernelConv(16, 13, 5)),
    "repvgg-a0": repvgg_a0(),
    "mobileone-s0": mobileone_s0(),
}


for name, (net, shape) in cases.items():
    with torch.no_grad():
        for m in net.modules():
            if isinstance(m, nn.BatchNorm2d):
                m.weight.uniform_(0.3, 0.8)
                m.bias.uniform_(-0.2, 0.2)
                m.running_mean.uniform_(-0.2, 0.2)
                m.running_var.uniform_(0.5, 1.5)
            if isinstance(m, IdentityBasedConv1x1):
                m.weight.normal_(0, 0.1)
    net.eval()
    x = torch.randn(*shape)
    with torch.no_grad():
        y = net(x)
    os.makedirs(f"{out}/{name}", exist_ok=True)
    torch.save(net.state_dict(), f"{out}/{name}/official.pth")
    save_tensor(f"{out}/{name}/input.safetensors", "input", x)
    save_tensor(f"{out}/{name}/output.safetensors", "output", y)
    print(name, len(net.state_dict()), "keys", flush=True)
deploy = {"rbr_reparam.weight": torch.randn(16, 16, 3, 3), "rbr_reparam.bias": torch.randn(16)}
torch.save(deploy, f"{out}/deploy.pth")
