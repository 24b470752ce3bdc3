"""The route users take today to every layer's activations, timed for bench_extract: PyTorch forward hooks in Python.

    /usr/bin/python3 bench_extract_hooks.py OUT_DIR [--time] [--batch 500] [--threads 2] [--repeats 3]

Always: builds the CIFAR-style torchvision ResNet18 (3x3 stem, no max-pool, 10 classes) with seed 0, in eval mode,
saves its traced TorchScript export as OUT_DIR/resnet18_cifar_traced.pt (what bench_extract loads for our side) and
lists what a hook on every leaf module sees in OUT_DIR/hooks.json: {"outputs": [{"module", "call", "features"}...]}
in call order (a module called twice, like a BasicBlock's ReLU, has calls 0 and 1). nn.Identity (the removed
max-pool) is not hooked: its output is its input, already kept from the layer before.

With --time, it also reads bench_extract's inputs, OUT_DIR/images.u8 (N x 3 x 32 x 32 uint8, CHW per image) and
OUT_DIR/rows.i64 (the kept dataset rows, ascending int64), and measures on the same eager model:
  forward  N images in batches, x / 255, under torch.no_grad(): the plain Python forward;
  hooks    the same with register_forward_hook on every hooked leaf module, each hook copying the batch's kept rows
           of its output (index_select straight into one rows x features tensor per output, allocated per pass: one
           copy, as our SubsetSink does; at hook time, before the in-place ReLU or residual add can change it).
torch.set_num_threads(threads); one warm-up call per method on the first batch, then `repeats` rounds of both,
alternating; the fastest wall time of each, its CPU seconds (time.process_time) and minor page faults
(getrusage). Appends to hooks.json: forward_s, forward_cpu_s, forward_faults, the same for hooks, and per output the
sum of |kept values| (float64), so that bench_extract can check both sides kept the same rows of the same tensors.
glibc's allocator keeps its defaults, as users run it, unless the caller sets MALLOC_MMAP_THRESHOLD_ and
MALLOC_TRIM_THRESHOLD_ (bench_extract --python-keep-freed).
"""
import argparse
import json
import os
import resource
import time

import numpy
import torch
import torch.nn as nn
import torchvision

IMAGE_SHAPE = (3, 32, 32)


def resnet18_cifar():
    # As tests/unit/model/export_torchvision.py builds it: what researchers train on CIFAR-10.
    model = torchvision.models.resnet18(num_classes=10)
    model.conv1 = nn.Conv2d(3, 64, kernel_size=3, stride=1, padding=1, bias=False)
    model.maxpool = nn.Identity()
    return model


def hooked_modules(model):
    return [(name, module) for name, module in model.named_modules()
            if name and not list(module.children()) and not isinstance(module, nn.Identity)]


def list_hooked_outputs(model):
    """(module, call, features per image) of every hooked leaf module call, in call order."""
    seen = []
    handles = [module.register_forward_hook(
        lambda module_, inputs, output, name=name: seen.append(
            {"module": name, "call": sum(s["module"] == name for s in seen), "features": output[0].numel()}))
        for name, module in hooked_modules(model)]
    with torch.no_grad():
        model(torch.zeros(1, *IMAGE_SHAPE))
    for handle in handles:
        handle.remove()
    return seen


class KeptRows:
    """Per hooked output, one rows x features tensor; the hooks fill the current batch's slice."""

    def __init__(self, outputs, rows):
        self.store = {(o["module"], o["call"]): torch.empty(len(rows), o["features"]) for o in outputs}
        self.calls = {}
        self.local = None  # kept rows of the current batch, as batch positions
        self.slice = slice(0, 0)  # where they go in the store

    def start_batch(self, local, first):
        self.calls = {}
        self.local = local
        self.slice = slice(first, first + len(local))

    def hook(self, name):
        def keep(module, args, output):
            call = self.calls.get(name, 0)
            self.calls[name] = call + 1
            torch.index_select(output.reshape(output.shape[0], -1), 0, self.local,
                               out=self.store[(name, call)][self.slice])
        return keep


def batches(images, rows, batch):
    """(first, last, kept rows as batch positions, their first index in the kept list) per batch."""
    out = []
    for first in range(0, len(images), batch):
        last = min(first + batch, len(images))
        lo, hi = numpy.searchsorted(rows, [first, last])
        out.append((first, last, torch.from_numpy(rows[lo:hi] - first), int(lo)))
    return out


def run(model, images, plan, kept=None):
    """One pass over the images; with `kept`, a hook on every hooked leaf module copies the kept rows."""
    handles = [] if kept is None else [module.register_forward_hook(kept.hook(name))
                                       for name, module in hooked_modules(model)]
    try:
        with torch.no_grad():
            for first, last, local, position in plan:
                if kept is not None:
                    kept.start_batch(local, position)
                model(torch.from_numpy(images[first:last]).float().div_(255))
    finally:
        for handle in handles:
            handle.remove()


def timed(function):
    """(wall s, CPU s, minor page faults) of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    function()
    return (time.perf_counter() - wall, time.process_time() - cpu,
            resource.getrusage(resource.RUSAGE_SELF).ru_minflt - faults)


def measure(model, outputs, out_dir, batch, repeats):
    images = numpy.fromfile(os.path.join(out_dir, "images.u8"), numpy.uint8).reshape(-1, *IMAGE_SHAPE)
    rows = numpy.fromfile(os.path.join(out_dir, "rows.i64"), "<i8")
    plan = batches(images, rows, batch)
    run(model, images, plan[:1])  # warm-up, once per method
    run(model, images, plan[:1], KeptRows(outputs, rows))
    kept = []

    def hooked():  # a fresh store per extraction, as our side's SubsetSink is
        kept[:] = [KeptRows(outputs, rows)]
        run(model, images, plan, kept[0])

    best = {"forward": (float("inf"), 0.0, 0), "hooks": (float("inf"), 0.0, 0)}
    for _ in range(repeats):  # alternating, so that load from other jobs hits both alike
        best["forward"] = min(best["forward"], timed(lambda: run(model, images, plan)))
        best["hooks"] = min(best["hooks"], timed(hooked))
    return {"images": len(images), "kept_rows": len(rows),
            "forward_s": best["forward"][0], "forward_cpu_s": best["forward"][1], "forward_faults": best["forward"][2],
            "hooks_s": best["hooks"][0], "hooks_cpu_s": best["hooks"][1], "hooks_faults": best["hooks"][2],
            "sums": [kept[0].store[(o["module"], o["call"])].double().abs().sum().item() for o in outputs]}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out_dir")
    parser.add_argument("--time", action="store_true")
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    os.makedirs(args.out_dir, exist_ok=True)
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    model = resnet18_cifar().eval()
    with torch.no_grad():
        traced = torch.jit.trace(model, torch.zeros(2, *IMAGE_SHAPE))
    traced.save(os.path.join(args.out_dir, "resnet18_cifar_traced.pt"))
    outputs = list_hooked_outputs(model)
    report = {"torch": torch.__version__, "torchvision": torchvision.__version__, "outputs": outputs}
    if args.time:
        report.update(measure(model, outputs, args.out_dir, args.batch, args.repeats))
    with open(os.path.join(args.out_dir, "hooks.json"), "w") as out:
        json.dump(report, out, indent=1)


if __name__ == "__main__":
    main()
