"""PyTorch peer of scripts/bench-training.sh: the same training, one process, torch threads fixed.

tiny:  iris (150 rows, the last 20% kept for validation as Backprop does), standardised, 4-8-3
       (tanh, softmax via cross_entropy), batch 16, SGD lr 0.01 momentum 0.9, a shuffle per epoch;
       after each epoch the training loss/accuracy and a validation forward pass (loss, accuracy),
       as a Backprop job computes. Prints "torch µs/step <median of runs>".
large: synthetic 784-256-128-10 (relu, relu, softmax), ROWS rows, batch 128, SGD lr 0.01
       momentum 0.9, shuffled, per-epoch loss. Prints "torch samples/s <median of runs>".
Each warms with the same runs for --warmup seconds first.

Usage: python3 train_peer.py tiny --csv examples/iris.csv --epochs 2000 --threads 1
       python3 train_peer.py large --rows 10000 --epochs 5 --threads 2
"""
import argparse
import statistics
import time

import torch
import torch.nn.functional as F


def iris(path):
    rows = [line.strip().split(",") for line in open(path) if line.strip()][1:]
    species = []
    for r in rows:
        if r[4] not in species:
            species.append(r[4])
    x = torch.tensor([[float(v) for v in r[:4]] for r in rows])
    y = torch.tensor([species.index(r[4]) for r in rows])
    return x, y


def split(x, y, fraction):
    valid = round(len(x) * fraction)
    train = len(x) - valid
    xt, yt, xv, yv = x[:train], y[:train], x[train:], y[train:]
    mean, std = xt.mean(0), xt.std(0, unbiased=False).clamp_min(1e-12)
    return (xt - mean) / std, yt, (xv - mean) / std, yv


def train(model, xt, yt, xv, yv, epochs, batch):
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    n = len(xt)
    steps = 0
    for _ in range(epochs):
        order = torch.randperm(n)
        loss_sum, correct, batches = 0.0, 0, 0
        for start in range(0, n, batch):
            idx = order[start:start + batch]
            out = model(xt[idx])
            loss = F.cross_entropy(out, yt[idx])
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            loss_sum += loss.item()
            correct += int((out.argmax(1) == yt[idx]).sum())
            batches += 1
            steps += 1
        if xv is not None:
            with torch.no_grad():
                out = model(xv)
                F.cross_entropy(out, yv).item()
                int((out.argmax(1) == yv).sum())
    return steps


def measure(make, data, epochs, batch, warmup, runs):
    end = time.perf_counter() + warmup
    while True:
        train(make(), *data, epochs, batch)
        if time.perf_counter() >= end:
            break
    seconds, steps = [], 0
    for _ in range(runs):
        model = make()
        t0 = time.perf_counter()
        steps = train(model, *data, epochs, batch)
        seconds.append(time.perf_counter() - t0)
    return seconds, steps


def main():
    p = argparse.ArgumentParser()
    p.add_argument("case", choices=["tiny", "large"])
    p.add_argument("--csv", default="examples/iris.csv")
    p.add_argument("--rows", type=int, default=10000)
    p.add_argument("--epochs", type=int, default=2000)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--warmup", type=float, default=45)
    p.add_argument("--runs", type=int, default=5)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(7)
    if a.case == "tiny":
        data = split(*iris(a.csv), 0.2)
        make = lambda: torch.nn.Sequential(
            torch.nn.Linear(4, 8), torch.nn.Tanh(), torch.nn.Linear(8, 3))
        seconds, steps = measure(make, data, a.epochs, 16, a.warmup, a.runs)
        print("torch µs/step %.3f" % (statistics.median(seconds) * 1e6 / steps))
    else:
        x = torch.rand(a.rows, 784)
        y = torch.randint(0, 10, (a.rows,))
        make = lambda: torch.nn.Sequential(
            torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 128),
            torch.nn.ReLU(), torch.nn.Linear(128, 10))
        seconds, _ = measure(make, (x, y, None, None), a.epochs, 128, a.warmup, a.runs)
        print("torch samples/s %.0f" % (a.rows * a.epochs / statistics.median(seconds)))


if __name__ == "__main__":
    main()
