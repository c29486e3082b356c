#!/usr/bin/env python3
# Interleaved timing of ONNX files, given in unfused/fused pairs, in ONNX Runtime (2 intra-op threads, ORT_ENABLE_ALL, batch 1).
import onnxruntime as ort, numpy as np, time, sys, collections, onnx
files=sys.argv[1:]
def sess(f):
    o=ort.SessionOptions(); o.intra_op_num_threads=2; o.inter_op_num_threads=1
    o.graph_optimization_level=ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    o.execution_mode=ort.ExecutionMode.ORT_SEQUENTIAL
    return ort.InferenceSession(f,o,providers=['CPUExecutionProvider'])
for f in files:
    ops=collections.Counter(n.op_type for n in onnx.load(f,load_external_data=False).graph.node)
    print(f.split('/')[-1], dict(ops))
S=[sess(f) for f in files]; x=np.random.randn(1,3,224,224).astype(np.float32)
for s in S:
    for _ in range(5): s.run(None,{'input':x})
T=[[] for _ in S]
for r in range(60):
    for k in range(len(S)):
        i=(k+r)%len(S); time.sleep(0.02); t=time.perf_counter(); S[i].run(None,{'input':x}); T[i].append((time.perf_counter()-t)*1e3)
print('ort', ort.__version__)
for f,t in zip(files,T): print('%-20s median %.2f ms  min %.2f ms'%(f.split('/')[-1],np.median(t),np.min(t)))
m=[np.median(t) for t in T]; n=[np.min(t) for t in T]
for a in range(0, len(files) - 1, 2):
    print('%s / %s: speedup median %.2f, fastest %.2f' % (files[a].split('/')[-1], files[a + 1].split('/')[-1], m[a] / m[a + 1], n[a] / n[a + 1]))
