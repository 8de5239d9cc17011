"""The Python peer of scripts/bench-serving.sh: the same networks served the way a Python user
would deploy them, FastAPI + uvicorn (uvloop, httptools, 2 workers) + PyTorch, answering the same
KServe V2 infer requests (JSON, and Triton's binary tensor data) as Backprop.

The networks are Backprop's own model documents (GET /api/v1/networks/{name}/versions/{v}/export),
one <name>.json per model in --models: the same weights, biases and standardisation.

Usage: /usr/bin/python3 scripts/peer/v2_peer.py --port 18093 --models DIR [--workers 2]
Needs: fastapi, uvicorn, uvloop, httptools, torch (Debian: python3-fastapi python3-uvicorn
python3-uvloop python3-httptools python3-torch).

Bodies are read with json.loads and answers written with json.dumps, the fastest the standard
library offers, rather than pydantic models: the peer is given its best chance.
"""
import argparse
import json
import os
from pathlib import Path

import torch
from fastapi import FastAPI, Request, Response

MODELS_ENV = "BACKPROP_PEER_MODELS"
HEADER_LENGTH = "inference-header-content-length"
ACTIVATIONS = {
    "relu": torch.nn.ReLU,
    "sigmoid": torch.nn.Sigmoid,
    "tanh": torch.nn.Tanh,
    "softmax": lambda: torch.nn.Softmax(dim=1),
}


def load(document):
    """A torch module computing what Backprop computes: standardise, then each layer."""
    network, layers = document["network"], document["layers"]
    modules = []
    standardization = document.get("standardization")
    if standardization:
        mean = torch.tensor(standardization["mean"], dtype=torch.float32)
        std = torch.tensor(standardization["std"], dtype=torch.float32)
        modules.append(Standardize(mean, std))
    for definition, values in zip(network["layers"], layers):
        weights = torch.tensor(values["weights"], dtype=torch.float32)
        linear = torch.nn.Linear(weights.shape[1], weights.shape[0])
        with torch.no_grad():
            linear.weight.copy_(weights)
            linear.bias.copy_(torch.tensor(values["biases"], dtype=torch.float32))
        modules.append(linear)
        activation = ACTIVATIONS.get(definition["activation"])
        if activation:
            modules.append(activation())
    return torch.nn.Sequential(*modules).eval(), network["inputs"], document.get("version", 1)


class Standardize(torch.nn.Module):
    def __init__(self, mean, std):
        super().__init__()
        self.mean, self.std = mean, std

    def forward(self, x):
        return (x - self.mean) / self.std


torch.set_num_threads(1)  # two workers on two cores: one thread each
MODELS = {}
if os.environ.get(MODELS_ENV):
    for path in Path(os.environ[MODELS_ENV]).glob("*.json"):
        MODELS[path.stem] = load(json.loads(path.read_text()))
app = FastAPI()


def error(status, message):
    return Response(json.dumps({"error": message}), status_code=status,
                    media_type="application/json")


@app.post("/v2/models/{name}/infer")
async def infer(name: str, request: Request):
    if name not in MODELS:
        return error(404, f"no model '{name}'")
    module, width, version = MODELS[name]
    body = await request.body()
    header_length = request.headers.get(HEADER_LENGTH)
    binary = header_length is not None
    header = json.loads(body[: int(header_length)] if binary else body)
    tensor = header["inputs"][0]
    rows = tensor["shape"][0]
    if binary:
        x = torch.frombuffer(bytearray(body[int(header_length):]), dtype=torch.float32)
    else:
        x = torch.tensor(tensor["data"], dtype=torch.float32)
    with torch.inference_mode():
        y = module(x.reshape(rows, width))
    shape = list(y.shape)
    answer = {"model_name": name, "model_version": str(version), "outputs": [
        {"name": "output", "datatype": "FP32", "shape": shape}]}
    if header.get("parameters", {}).get("binary_data_output"):
        data = y.numpy().astype("<f4").tobytes()
        answer["outputs"][0]["parameters"] = {"binary_data_size": len(data)}
        head = json.dumps(answer, separators=(",", ":")).encode()
        return Response(head + data, media_type="application/octet-stream",
                        headers={"Inference-Header-Content-Length": str(len(head))})
    answer["outputs"][0]["data"] = y.reshape(-1).tolist()
    return Response(json.dumps(answer), media_type="application/json")


@app.get("/v2")
async def metadata():
    # Server metadata, as V2 has it: the benchmark checks that its port is answered by this peer.
    return {"name": "python-peer", "version": torch.__version__, "extensions": []}


@app.get("/v2/health/ready")
async def ready():
    return Response(status_code=200)


if __name__ == "__main__":
    import uvicorn

    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--models", required=True)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    os.environ[MODELS_ENV] = str(Path(args.models).resolve())
    os.chdir(Path(__file__).parent)
    uvicorn.run("v2_peer:app", host="127.0.0.1", port=args.port, workers=args.workers,
                loop="uvloop", http="httptools", access_log=False, log_level="warning")
