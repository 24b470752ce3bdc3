#!/usr/bin/env python3
"""Exports a PyTorch model as a TorchScript checkpoint ManifoldScope reads, with its JSON sidecar.

    python3 packaging/export_model.py --arch torchvision:resnet18 --num-classes 10 --weights run7.pth \
        --input-shape 3x32x32 --mean 0.4914,0.4822,0.4465 --std 0.2470,0.2435,0.2616 \
        --hp lr=0.1 --hp weight_decay=5e-4 --hp seed=7 --hp optimizer=SGD --out sweep/run7.pt

writes sweep/run7.pt (torch.jit.trace of the model in eval mode; --script for torch.jit.script) and sweep/run7.json:
{"architecture", "input_shape", "normalization": {"scale", "mean", "std"}, "class_names", "hyper_parameters"}.

--arch is torchvision:NAME (any torchvision.models builder, e.g. resnet18, vgg19_bn, mobilenet_v2, densenet121,
efficientnet_b0, vit_b_16) or MODULE:CALLABLE for your own code (e.g. mypkg.models:ResNet18; the folder holding mypkg
must be on PYTHONPATH or be the current folder). --weights takes a state_dict saved with torch.save (a checkpoint dict
with "state_dict", "model" or "model_state_dict" works too, and DataParallel's "module." prefix is dropped).
Images stored as bytes (CIFAR, .npy uint8, PNG) are scaled by 1/255 before mean/std unless --scale says otherwise.
"""
import argparse
import importlib
import json
import os
import sys

import torch


def build_model(arch, num_classes):
    source, _, name = arch.partition(":")
    if not name:
        sys.exit("export_model: --arch is torchvision:NAME or MODULE:CALLABLE, got %r" % arch)
    if source == "torchvision":
        import torchvision
        builder = getattr(torchvision.models, name, None)
    else:
        sys.path.insert(0, os.getcwd())
        builder = getattr(importlib.import_module(source), name, None)
    if builder is None:
        sys.exit("export_model: %s has no %s" % (source, name))
    return builder(num_classes=num_classes) if num_classes else builder()


def load_weights(model, path):
    state = torch.load(path, map_location="cpu")
    for key in ("state_dict", "model_state_dict", "model"):
        if isinstance(state, dict) and key in state and isinstance(state[key], dict):
            state = state[key]
            break
    state = {(k[len("module."):] if k.startswith("module.") else k): v for k, v in state.items()}
    model.load_state_dict(state)


def floats(text):
    return [float(value) for value in text.split(",")] if text else None


def sidecar(args, architecture):
    description = {"architecture": architecture,
                   "input_shape": [int(extent) for extent in args.input_shape.split("x")]}
    normalization = {"scale": args.scale}
    if args.mean:
        normalization["mean"] = floats(args.mean)
    if args.std:
        normalization["std"] = floats(args.std)
    description["normalization"] = normalization
    if args.class_names:
        description["class_names"] = args.class_names.split(",")
    if args.hp:
        description["hyper_parameters"] = dict(item.split("=", 1) for item in args.hp)
    return description


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--arch", required=True, help="torchvision:NAME or MODULE:CALLABLE")
    parser.add_argument("--num-classes", type=int, default=0, help="passed to the builder (0: its default)")
    parser.add_argument("--weights", help="state_dict file; without it the weights are the builder's (random)")
    parser.add_argument("--input-shape", required=True, help="one input item, CxHxW, e.g. 3x32x32")
    parser.add_argument("--scale", type=float, default=1 / 255, help="multiplies the stored values first")
    parser.add_argument("--mean", help="per-channel mean after scaling, comma-separated")
    parser.add_argument("--std", help="per-channel standard deviation, comma-separated")
    parser.add_argument("--class-names", help="comma-separated, in label order")
    parser.add_argument("--hp", action="append", metavar="KEY=VALUE", help="a hyper-parameter (repeatable)")
    parser.add_argument("--script", action="store_true", help="torch.jit.script instead of torch.jit.trace")
    parser.add_argument("--out", required=True, help="the .pt file; the sidecar is written beside it as .json")
    args = parser.parse_args()

    model = build_model(args.arch, args.num_classes)
    if args.weights:
        load_weights(model, args.weights)
    model.eval()
    shape = [int(extent) for extent in args.input_shape.split("x")]
    with torch.no_grad():
        exported = torch.jit.script(model) if args.script else torch.jit.trace(model, torch.zeros([2] + shape))
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    exported.save(args.out)
    with open(os.path.splitext(args.out)[0] + ".json", "w") as out:
        json.dump(sidecar(args, args.arch.partition(":")[2]), out, indent=2)
    print("export_model: wrote %s and its sidecar" % args.out)


if __name__ == "__main__":
    main()
