#!/usr/bin/env python3
# Checks the RepVGG-A0 ONNX Runtime speed-up target independently of RepStudio: usage
#   pip install torch onnx onnxruntime
#   python3 scripts/reference_repvgg_a0.py OUTDIR     (writes OUTDIR/pt-unfused.onnx and OUTDIR/pt-fused.onnx)
#   python3 scripts/ort_time.py UNFUSED.onnx FUSED.onnx [UNFUSED2.onnx FUSED2.onnx]
# A RepVGG-A0 written from the paper's description (widths 48,48,96,192,1280; depths 1,2,4,14,1),
# exported unfused (eval mode) and fused, for timing in ONNX Runtime next to RepStudio's exports.
import sys, torch, torch.nn as nn
out = sys.argv[1] if len(sys.argv) > 1 else '.'
torch.manual_seed(0)
def conv_bn(i,o,k,s,p,g=1):
    return nn.Sequential(nn.Conv2d(i,o,k,s,p,groups=g,bias=False), nn.BatchNorm2d(o))
class Block(nn.Module):
    def __init__(s,i,o,st):
        super().__init__()
        s.k3=conv_bn(i,o,3,st,1); s.k1=conv_bn(i,o,1,st,0)
        s.id=nn.BatchNorm2d(i) if i==o and st==1 else None
        s.act=nn.ReLU(); s.fused=None
    def forward(s,x):
        if s.fused is not None: return s.act(s.fused(x))
        y=s.k3(x)+s.k1(x)
        if s.id is not None: y=y+s.id(x)
        return s.act(y)
    def fuse(s):
        def fold(conv_w,bn):
            std=(bn.running_var+bn.eps).sqrt(); t=bn.weight/std
            return conv_w*t.reshape(-1,1,1,1), bn.bias-bn.running_mean*t
        w3,b3=fold(s.k3[0].weight,s.k3[1]); w1,b1=fold(s.k1[0].weight,s.k1[1])
        w=w3+nn.functional.pad(w1,[1,1,1,1]); b=b3+b1
        if s.id is not None:
            c=s.id.num_features; eye=torch.zeros(c,c,3,3); eye[range(c),range(c),1,1]=1
            wi,bi=fold(eye,s.id); w=w+wi; b=b+bi
        conv=nn.Conv2d(w.shape[1],w.shape[0],3,s.k3[0].stride,1,bias=True)
        conv.weight.data=w.detach(); conv.bias.data=b.detach(); s.fused=conv
        del s.k3, s.k1, s.id
def a0():
    widths=[48,48,96,192,1280]; depths=[1,2,4,14,1]; layers=[]; c=3
    for w,d in zip(widths,depths):
        for j in range(d): layers.append(Block(c,w,2 if j==0 else 1)); c=w
    return nn.Sequential(*layers, nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(c,1000))
m=a0()
for mod in m.modules():
    if isinstance(mod,nn.BatchNorm2d):
        mod.running_mean.uniform_(-0.1,0.1); mod.running_var.uniform_(0.5,1.5)
        mod.weight.data.uniform_(0.5,1.5); mod.bias.data.uniform_(-0.1,0.1)
m.eval(); x=torch.randn(1,3,224,224)
def export(model,path):
    torch.onnx.export(model,x,path,opset_version=17,input_names=['input'],output_names=['output'],
                      dynamic_axes={'input':{0:'batch'},'output':{0:'batch'}},dynamo=False)
with torch.no_grad():
    ref=m(x); export(m,out+'/pt-unfused.onnx')
    for b in m:
        if isinstance(b,Block): b.fuse()
    print('fuse max abs diff', (m(x)-ref).abs().max().item()); export(m,out+'/pt-fused.onnx')
