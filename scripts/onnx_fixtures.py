#!/usr/bin/env python3
# Writes train-time ONNX models, as PyTorch users export them, for `./repstudio import`:
#   /usr/bin/python3 scripts/onnx_fixtures.py OUTDIR [small|resnet18|networks|all]
# small    : the block stacks committed under model-core/src/test/resources/onnx (each well under 1 MB)
# resnet18 : torchvision's ResNet-18 (about 45 MB; generated, never committed)
# networks : RepVGG-A0 and MobileOne-S0 written from their papers (generated, never committed)
# Every BatchNorm gets non-trivial statistics so a fusion that ignores one is caught. Models are exported
# in eval mode (PyTorch's exporter then folds each Conv+BN into a biased Conv), batch dimension dynamic.
# Needs Debian's python3-torch and python3-torchvision (apt), run with /usr/bin/python3.
import os
import sys

import torch
import torch.nn as nn


def randomize_bn(model, seed=0):
    g = torch.Generator().manual_seed(seed)
    for m in model.modules():
        if isinstance(m, nn.BatchNorm2d):
            n = m.num_features
            m.running_mean.copy_(torch.rand(n, generator=g) * 0.4 - 0.2)
            m.running_var.copy_(torch.rand(n, generator=g) + 0.5)
            m.weight.data.copy_(torch.rand(n, generator=g) + 0.5)
            m.bias.data.copy_(torch.rand(n, generator=g) * 0.4 - 0.2)
    return model


def calibrate_bn(model, size, batches=2):
    """Running statistics measured on random batches (as after training), so a deep network's activations stay
    of order one; gamma and beta keep their random values."""
    for m in model.modules():
        if isinstance(m, nn.BatchNorm2d):
            m.reset_running_stats()
            m.momentum = None  # a plain average over the batches
    model.train()
    with torch.no_grad():
        for _ in range(batches):
            model(torch.randn(8, 3, size, size))
    return model


def conv_bn(i, o, k, s=1, p=None, g=1):
    if p is None:
        p = (k[0] // 2, k[1] // 2) if isinstance(k, tuple) else k // 2
    return nn.Sequential(nn.Conv2d(i, o, k, s, p, groups=g, bias=False), nn.BatchNorm2d(o))


class RepVGGBlock(nn.Module):
    """3x3-BN + 1x1-BN + BN identity (when shapes allow), summed, ReLU."""

    def __init__(self, i, o, s):
        super().__init__()
        self.k3 = conv_bn(i, o, 3, s)
        self.k1 = conv_bn(i, o, 1, s, 0)
        self.id = nn.BatchNorm2d(i) if i == o and s == 1 else None
        self.act = nn.ReLU()

    def forward(self, x):
        y = self.k3(x) + self.k1(x)
        if self.id is not None:
            y = y + self.id(x)
        return self.act(y)


class ACBBlock(nn.Module):
    """ACNet: KxK-BN + 1xK-BN + Kx1-BN, summed, ReLU."""

    def __init__(self, i, o, s, k=3):
        super().__init__()
        self.square = conv_bn(i, o, k, s)
        self.hor = conv_bn(i, o, (1, k), s, (0, k // 2))
        self.ver = conv_bn(i, o, (k, 1), s, (k // 2, 0))
        self.act = nn.ReLU()

    def forward(self, x):
        return self.act(self.square(x) + self.hor(x) + self.ver(x))


class MobileOneBlock(nn.Module):
    """MobileOne: k over-parameterized KxK conv-BN branches, a 1x1 conv-BN scale branch and a BN identity."""

    def __init__(self, i, o, k, s, g, branches):
        super().__init__()
        self.convs = nn.ModuleList([conv_bn(i, o, k, s, k // 2, g) for _ in range(branches)])
        self.scale = conv_bn(i, o, 1, s, 0, g) if k > 1 else None
        self.id = nn.BatchNorm2d(i) if i == o and s == 1 else None
        self.act = nn.ReLU()

    def forward(self, x):
        y = sum(c(x) for c in self.convs)
        if self.scale is not None:
            y = y + self.scale(x)
        if self.id is not None:
            y = y + self.id(x)
        return self.act(y)


def mobileone_unit(i, o, s, branches):
    """Depthwise KxK block then pointwise 1x1 block, as in the paper's Figure 3."""
    return [MobileOneBlock(i, i, 3, s, i, branches), MobileOneBlock(i, o, 1, 1, 1, branches)]


class RepConv(nn.Module):
    """YOLO-style RepConv: 3x3-BN + 1x1-BN, summed, SiLU."""

    def __init__(self, i, o, s=1):
        super().__init__()
        self.k3 = conv_bn(i, o, 3, s)
        self.k1 = conv_bn(i, o, 1, s, 0)
        self.act = nn.SiLU()

    def forward(self, x):
        return self.act(self.k3(x) + self.k1(x))


class RepConvNeck(nn.Module):
    """A small FPN-like neck: RepConv blocks, MaxPool down, nearest Resize up, Concat of the two paths."""

    def __init__(self):
        super().__init__()
        self.stem = RepConv(3, 8)
        self.down = nn.MaxPool2d(2, 2)
        self.deep = RepConv(8, 16)
        self.up = nn.Upsample(scale_factor=2, mode='nearest')
        self.fuse = RepConv(24, 16)
        self.head = nn.Conv2d(16, 6, 1)

    def forward(self, x):
        a = self.stem(x)
        b = self.up(self.deep(self.down(a)))
        return self.head(self.fuse(torch.cat([a, b], 1)))


class Mixed(nn.Module):
    """The other ops the importer maps: Pad + AvgPool branch, per-channel Mul and Div, Dropout, PReLU,
    ReduceMean over H,W and a MatMul + Add head."""

    def __init__(self):
        super().__init__()
        self.conv = conv_bn(3, 8, 3)
        self.pool_conv = conv_bn(3, 8, 1, 1, 0)
        self.pool = nn.AvgPool2d(3, 1, 0)
        self.scale = nn.Parameter(torch.rand(1, 8, 1, 1) + 0.5)
        self.div = nn.Parameter(torch.rand(8, 1, 1) + 0.5)
        self.act = nn.PReLU(8)
        self.drop = nn.Dropout(0.1)
        self.post = conv_bn(8, 12, 3, 2)
        self.w = nn.Parameter(torch.randn(12, 5) * 0.3)
        self.b = nn.Parameter(torch.randn(5) * 0.1)

    def forward(self, x):
        # zero padding before the conv is exact to fuse; after a biased conv it would not be
        pooled = self.pool(self.pool_conv(nn.functional.pad(x, [1, 1, 1, 1])))
        y = self.conv(x) * self.scale + pooled / self.div
        y = self.post(self.drop(self.act(y)))
        return y.mean(dim=(2, 3)) @ self.w + self.b


class ViewHead(nn.Module):
    """The official RepVGG head: global pool, then out.view(out.size(0), -1), which PyTorch exports as
    Shape, Gather, Unsqueeze, Concat and a Reshape to a computed shape."""

    def __init__(self, c, classes=10):
        super().__init__()
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(c, classes)

    def forward(self, x):
        x = self.pool(x)
        return self.fc(x.view(x.size(0), -1))


def stack(*blocks):
    return nn.Sequential(*blocks)


def head(c, classes=10):
    return [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(c, classes)]


def small_models():
    return {
        'repvgg-stack': (stack(RepVGGBlock(3, 16, 2), RepVGGBlock(16, 16, 1), RepVGGBlock(16, 32, 2),
                               RepVGGBlock(32, 32, 1), ViewHead(32)), 32, 11),
        'acb-stack': (stack(ACBBlock(3, 16, 1), ACBBlock(16, 16, 2), ACBBlock(16, 24, 1, 5)), 32, 13),
        'mobileone-stack': (stack(MobileOneBlock(3, 8, 3, 1, 1, 3), *mobileone_unit(8, 16, 2, 3), *mobileone_unit(16, 16, 1, 3), *head(16)), 32, 17),
        'repconv-neck': (RepConvNeck(), 32, 12),
        'mixed-ops': (Mixed(), 16, 14),
    }


def repvgg_a0():
    widths, depths, layers, c = [48, 48, 96, 192, 1280], [1, 2, 4, 14, 1], [], 3
    for w, d in zip(widths, depths):
        for j in range(d):
            layers.append(RepVGGBlock(c, w, 2 if j == 0 else 1))
            c = w
    return stack(*layers, *head(c, 1000))


def mobileone_s0():
    # MobileOne-S0 (Table 7 of the paper): k = 4 branches, widths 48, 48, 128, 256, 384, 1024
    layers = [MobileOneBlock(3, 48, 3, 2, 1, 4)]
    c = 48
    for w, d in zip([48, 128, 256, 384, 1024], [2, 8, 10, 1, 1]):
        for j in range(d):
            s = 2 if j == 0 and w != 384 else 1
            layers += mobileone_unit(c, w, s, 4)
            c = w
    return stack(*layers, *head(c, 1000))


def export(model, size, opset, path, calibrate=False):
    model = randomize_bn(model)
    if calibrate:
        calibrate_bn(model, size)
    model = model.eval()
    x = torch.randn(1, 3, size, size)
    with torch.no_grad():
        torch.onnx.export(model, x, path, opset_version=opset, input_names=['input'], output_names=['output'],
                          dynamic_axes={'input': {0: 'batch'}, 'output': {0: 'batch'}})
    print('wrote %s (%d bytes, opset %d)' % (path, os.path.getsize(path), opset))


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else '.'
    which = sys.argv[2] if len(sys.argv) > 2 else 'small'
    os.makedirs(out, exist_ok=True)
    torch.manual_seed(0)
    if which in ('small', 'all'):
        for name, (model, size, opset) in small_models().items():
            export(model, size, opset, os.path.join(out, name + '.onnx'))
    if which in ('resnet18', 'all'):
        import torchvision
        export(torchvision.models.resnet18(), 224, 13, os.path.join(out, 'resnet18.onnx'), calibrate=True)
    if which in ('networks', 'all'):
        export(repvgg_a0(), 224, 17, os.path.join(out, 'repvgg-a0.onnx'), calibrate=True)
        export(mobileone_s0(), 224, 17, os.path.join(out, 'mobileone-s0.onnx'), calibrate=True)


if __name__ == '__main__':
    main()
