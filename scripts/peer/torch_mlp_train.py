"""PyTorch peer of SplitBenchmark: 784-256-128-10 (relu, relu, softmax + cross-entropy), batch 128,
plain SGD (lr 0.01), on seeded random data of 7,680 rows (60 batches), shuffled each epoch as the
engine does. For each thread setting given (torch.set_num_threads), warms up for --warmup seconds,
then times --runs runs of --epochs epochs and prints one line per setting:
  torch threads=N samples/s best=... median=... runs=[...] CPU us/sample median=...
Usage: /usr/bin/python3 scripts/peer/torch_mlp_train.py --threads 1 2 [--warmup 20] [--runs 5]
"""

import argparse
import statistics
import time

import torch
from torch import nn


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    p.add_argument("--warmup", type=float, default=20.0)
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--epochs", type=int, default=10)
    a = p.parse_args()
    torch.manual_seed(1)
    rows = 128 * 60
    x = torch.randn(rows, 784)
    y = torch.randint(0, 10, (rows,))
    for threads in a.threads:
        torch.set_num_threads(threads)
        model = nn.Sequential(
            nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10)
        )
        opt = torch.optim.SGD(model.parameters(), lr=0.01)
        loss_fn = nn.CrossEntropyLoss()

        def epochs(n):
            for _ in range(n):
                order = torch.randperm(rows)
                for start in range(0, rows, 128):
                    idx = order[start : start + 128]
                    opt.zero_grad(set_to_none=True)
                    loss_fn(model(x[idx]), y[idx]).backward()
                    opt.step()

        end = time.monotonic() + a.warmup
        while time.monotonic() < end:
            epochs(1)
        rates = []
        cpu = []
        for _ in range(a.runs):
            t0 = time.perf_counter()
            c0 = time.process_time()
            epochs(a.epochs)
            rates.append(a.epochs * rows / (time.perf_counter() - t0))
            cpu.append((time.process_time() - c0) * 1e6 / (a.epochs * rows))
        print(
            f"torch threads={threads} samples/s best={max(rates):.0f} "
            f"median={statistics.median(rates):.0f} runs={[round(r) for r in rates]} "
            f"CPU us/sample median={statistics.median(cpu):.2f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
