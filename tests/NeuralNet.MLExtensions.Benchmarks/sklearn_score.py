#!/usr/bin/python3
"""scikit-learn's MLPClassifier.predict_proba on the Fashion-MNIST training rows, timed on request, so that the
benchmark can interleave it with its own scoring (same moments, same machine load).

Usage: /usr/bin/python3 sklearn_score.py FASHION_DIR THREADS
Fits 784-256-128-10 (ReLU, Adam, batch 128) for one pass over 2,000 rows (the weights' values do not change the time),
prints "ready", then for every line "score" on stdin prints the seconds predict_proba takes on all 60,000 rows
(float32, pixels / 255, as /work/shared/peers/sklearn_mlp.py). Any other line ends it.
"""
import gzip, os, struct, sys, time
import numpy as np
from threadpoolctl import threadpool_limits
from sklearn.neural_network import MLPClassifier

def idx(path):
    with gzip.open(path, 'rb') as f:
        magic = struct.unpack('>I', f.read(4))[0]
        dims = struct.unpack('>' + 'I' * (magic & 0xFF), f.read(4 * (magic & 0xFF)))
        return np.frombuffer(f.read(), dtype=np.uint8).reshape(dims[0], -1)

directory, threads = sys.argv[1], int(sys.argv[2])
X = (idx(os.path.join(directory, 'train-images-idx3-ubyte.gz')) / np.float32(255)).astype(np.float32)
y = idx(os.path.join(directory, 'train-labels-idx1-ubyte.gz')).ravel()
with threadpool_limits(limits=threads):
    clf = MLPClassifier(hidden_layer_sizes=(256, 128), activation='relu', solver='adam', batch_size=128, random_state=0)
    clf.partial_fit(X[:2000], y[:2000], classes=np.arange(10))
    clf.predict_proba(X[:1000])
    print('ready', flush=True)
    for line in sys.stdin:
        if line.strip() != 'score':
            break
        t = time.perf_counter()
        clf.predict_proba(X)
        print(time.perf_counter() - t, flush=True)
