#!/usr/bin/env python3
"""Makes the ONNX fixtures of the import tests with PyTorch, and records what PyTorch computes.

The .onnx files, the .json files and this script are committed, so the build needs no Python.
To make them again (Debian: apt-get install python3-torch python3-onnx):

    python3 src/test/resources/onnx/make_fixtures.py

Each accepted model gets <name>.json next to it: the network the import should define (layers and
loss), some input rows, and PyTorch's outputs for them. The refused models get no JSON; the tests
say what each refusal names.
"""
import json
import os

import onnx
import onnx.numpy_helper
import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
DYNAMIC = {"input": {0: "batch"}, "output": {0: "batch"}}


class Standardize(nn.Module):
    """(x - mean) / std with constant buffers: exported as Sub then Div by initializers."""

    def __init__(self, mean, std):
        super().__init__()
        self.register_buffer("mean", torch.tensor(mean))
        self.register_buffer("std", torch.tensor(std))

    def forward(self, x):
        return (x - self.mean) / self.std


class MatMulLinear(nn.Linear):
    """A Linear written as x @ W^T + b: exported as MatMul then Add, as Linear is for N-d input."""

    def forward(self, x):
        return torch.matmul(x, self.weight.t()) + self.bias


class Atan(nn.Module):
    def forward(self, x):
        return torch.atan(x)


def export(name, model, example, layers=None, loss=None, rows=None):
    model.eval()
    path = os.path.join(HERE, name + ".onnx")
    torch.onnx.export(
        model,
        example,
        path,
        input_names=["input"],
        output_names=["output"],
        dynamic_axes=DYNAMIC,
        opset_version=13,
        do_constant_folding=True,
    )
    onnx.checker.check_model(onnx.load(path))
    ops = [n.op_type for n in onnx.load(path).graph.node]
    print(name, ops)
    if rows is None:
        return
    with torch.no_grad():
        outputs = model(rows)
    record = {
        "model": name + ".onnx",
        "ops": ops,
        "layers": layers,
        "loss": loss,
        "inputs": rows.tolist(),
        "outputs": outputs.tolist(),
    }
    with open(os.path.join(HERE, name + ".json"), "w") as f:
        json.dump(record, f, indent=1)
        f.write("\n")


def transposed(source, name, layers):
    """Rewrites every Gemm of <source>.onnx to transB = 0 with B transposed; same outputs."""
    model = onnx.load(os.path.join(HERE, source + ".onnx"))
    initializers = {t.name: t for t in model.graph.initializer}
    for node in model.graph.node:
        if node.op_type != "Gemm":
            continue
        b = initializers[node.input[1]]
        values = onnx.numpy_helper.to_array(b).T.copy()
        b.CopyFrom(onnx.numpy_helper.from_array(values, b.name))
        for attribute in node.attribute:
            if attribute.name == "transB":
                attribute.i = 0
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(HERE, name + ".onnx"))
    with open(os.path.join(HERE, source + ".json")) as f:
        record = json.load(f)
    record["model"] = name + ".onnx"
    record["layers"] = layers
    with open(os.path.join(HERE, name + ".json"), "w") as f:
        json.dump(record, f, indent=1)
        f.write("\n")
    print(name, [n.op_type for n in model.graph.node])


def main():
    torch.manual_seed(13)

    # Iris-shaped classifier: Flatten, standardisation, Gemm layers, relu then softmax.
    iris = nn.Sequential(
        nn.Flatten(),
        Standardize([5.84, 3.05, 3.76, 1.20], [0.83, 0.43, 1.76, 0.76]),
        nn.Linear(4, 8),
        nn.ReLU(),
        nn.Linear(8, 3),
        nn.Softmax(dim=1),
    )
    rows = torch.tensor([[5.84, 3.05, 3.76, 1.20]]) + torch.randn(16, 4) * torch.tensor(
        [0.83, 0.43, 1.76, 0.76]
    )
    export(
        "iris_gemm",
        iris,
        rows[:2],
        [{"units": 8, "activation": "relu"}, {"units": 3, "activation": "softmax"}],
        "cross_entropy",
        rows,
    )

    # The same graph with Gemm's B stored [inputs, units] (transB = 0), as other exporters write it.
    transposed(
        "iris_gemm", "iris_gemm_transb0", [{"units": 8, "activation": "relu"}, {"units": 3, "activation": "softmax"}]
    )

    # Regression with MatMul + Add layers: tanh, sigmoid, then identity.
    regression = nn.Sequential(
        MatMulLinear(3, 6), nn.Tanh(), MatMulLinear(6, 4), nn.Sigmoid(), MatMulLinear(4, 1)
    )
    rows = torch.randn(16, 3)
    export(
        "regression_matmul",
        regression,
        rows[:2],
        [
            {"units": 6, "activation": "tanh"},
            {"units": 4, "activation": "sigmoid"},
            {"units": 1, "activation": "identity"},
        ],
        "quadratic",
        rows,
    )

    # Binary classifier in float64: Gemm with float64 initializers, leaky relu, sigmoid.
    binary = nn.Sequential(nn.Linear(5, 7), nn.LeakyReLU(0.01), nn.Linear(7, 1), nn.Sigmoid())
    binary = binary.double()
    rows = torch.randn(16, 5, dtype=torch.float64)
    export(
        "binary_float64",
        binary,
        rows[:2],
        [{"units": 7, "activation": "leaky_relu"}, {"units": 1, "activation": "sigmoid"}],
        "binary_cross_entropy",
        rows,
    )

    # Four layers: tanh, sigmoid, atan, identity.
    deep = nn.Sequential(
        nn.Linear(6, 5),
        nn.Tanh(),
        nn.Linear(5, 5),
        nn.Sigmoid(),
        nn.Linear(5, 4),
        Atan(),
        nn.Linear(4, 2),
    )
    rows = torch.randn(16, 6)
    export(
        "deep_atan",
        deep,
        rows[:2],
        [
            {"units": 5, "activation": "tanh"},
            {"units": 5, "activation": "sigmoid"},
            {"units": 4, "activation": "arctan"},
            {"units": 2, "activation": "identity"},
        ],
        "quadratic",
        rows,
    )

    # Refused: a convolution.
    conv = nn.Sequential(nn.Conv1d(1, 2, 3), nn.Flatten(), nn.Linear(12, 2))
    export("refused_conv", conv, torch.randn(2, 1, 8))

    # Refused: leaky relu with another slope than the service's 0.01.
    leaky = nn.Sequential(nn.Linear(3, 4), nn.LeakyReLU(0.2), nn.Linear(4, 1))
    export("refused_leaky_alpha", leaky, torch.randn(2, 3))

    # Refused: rows of rank 3 (a Linear over the last axis of [N, 2, 3]).
    rank3 = nn.Sequential(nn.Linear(3, 2))
    export("refused_rank3", rank3, torch.randn(2, 2, 3))


if __name__ == "__main__":
    main()
