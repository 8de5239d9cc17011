"""Model documents and request bodies of scripts/bench-serving.sh, with seeded random weights and
inputs, written to the directory given: iris.json and mnist.json (Backprop model documents),
iris-v1.json, iris-v2.json, mnist-v1.json, mnist-v2.json, and mnist-v2.bin with
mnist-v2.bin.header-length (the same row as tritonclient sends it by default: binary tensor data
in, and out)."""
import json
import random
import struct
import sys

work = sys.argv[1]
rnd = random.Random(42)


def document(name, inputs, units, labels=None, standardization=None):
    layers, defs, fan_in = [], [], inputs
    for i, u in enumerate(units):
        scale = (2.0 / (fan_in + u)) ** 0.5
        layers.append({"weights": [[round(rnd.gauss(0, scale), 5) for _ in range(fan_in)]
                                   for _ in range(u)],
                       "biases": [round(rnd.uniform(-0.1, 0.1), 5) for _ in range(u)]})
        defs.append({"units": u, "activation": "softmax" if i == len(units) - 1 else "relu"})
        fan_in = u
    net = {"name": name, "inputs": inputs, "layers": defs, "loss": "cross_entropy", "seed": 42}
    if labels:
        net["labels"] = labels
    return {"format": "backprop-model", "formatVersion": 1, "network": net, "version": 1,
            "standardization": standardization, "layers": layers}


def write(name, value):
    with open(f"{work}/{name}", "w") as f:
        json.dump(value, f)


write("iris.json", document("bench-iris", 4, [8, 3], ["setosa", "versicolor", "virginica"],
                            {"mean": [5.8, 3.0, 3.7, 1.2], "std": [0.8, 0.4, 1.7, 0.7]}))
write("mnist.json", document("bench-mnist", 784, [256, 128, 10]))
write("iris-v1.json", {"inputs": [[5.1, 3.5, 1.4, 0.2]]})
write("iris-v2.json", {"inputs": [{"name": "input", "shape": [1, 4], "datatype": "FP32",
                                   "data": [5.1, 3.5, 1.4, 0.2]}]})
pixels = [round(rnd.random(), 3) for _ in range(784)]
write("mnist-v2.json", {"inputs": [{"name": "input", "shape": [1, 784], "datatype": "FP32",
                                    "data": pixels}]})
write("mnist-v1.json", {"inputs": [pixels]})
# The compact JSON header, then the 784 values as little-endian float32.
header = json.dumps({"inputs": [{"name": "input", "shape": [1, 784], "datatype": "FP32",
                                 "parameters": {"binary_data_size": 784 * 4}}],
                     "parameters": {"binary_data_output": True}}, separators=(",", ":")).encode()
with open(f"{work}/mnist-v2.bin", "wb") as f:
    f.write(header + struct.pack("<784f", *pixels))
with open(f"{work}/mnist-v2.bin.header-length", "w") as f:
    f.write(str(len(header)))
