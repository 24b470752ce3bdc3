"""Exports a torchvision architecture as TorchScript (torch.jit.trace and torch.jit.script) and records what PyTorch
forward hooks see on a fixed input: every module call's output, in call order, as raw float32 files.

    /usr/bin/python3 export_torchvision.py ARCH OUT_DIR

writes OUT_DIR/ARCH_traced.pt, OUT_DIR/ARCH_scripted.pt, OUT_DIR/input.bin (4 x 3 x 32 x 32), a small ID set for
analyses (OUT_DIR/id.npy, 10 classes x 12 images 32x32x3 uint8 NHWC, labels in id_labels.npy) and OUT_DIR/hooks.json:
{"input_shape": [3, 32, 32], "batch": 4, "classifier_in_features": 512, "outputs": [{"module": "layer1.0", "call": 0, "shape": [4, 64, 8, 8],
  "file": "out_17.bin", "identity": false}, ...]}. `identity` marks calls that return their input unchanged (Dropout in
eval, Identity): TorchScript graphs hold no op for those. Widths are narrowed where the full model would be large.
"""
import json
import os
import sys

import torch
import torch.nn as nn
import torchvision
from torchvision.models import vgg


def narrow_vgg19_bn():
    config = [8, 8, "M", 16, 16, "M", 32, 32, 32, 32, "M", 64, 64, 64, 64, "M", 64, 64, 64, 64, "M"]
    model = vgg.VGG(vgg.make_layers(config, batch_norm=True), num_classes=10)
    model.classifier = nn.Sequential(nn.Linear(64 * 7 * 7, 64), nn.ReLU(True), nn.Dropout(), nn.Linear(64, 10))
    return model


def narrow_efficientnet_b0():
    from torchvision.models import efficientnet
    settings, last_channel = efficientnet._efficientnet_conf("efficientnet_b0", width_mult=0.25, depth_mult=0.5)
    return efficientnet.EfficientNet(settings, 0.2, num_classes=10, last_channel=last_channel)


def resnet18_cifar():
    # The CIFAR-10 variant researchers train (and the paper's sweep uses): 3x3 stem, no max-pool, 32x32 feature maps.
    model = torchvision.models.resnet18(num_classes=10)
    model.conv1 = nn.Conv2d(3, 64, kernel_size=3, stride=1, padding=1, bias=False)
    model.maxpool = nn.Identity()
    return model


ARCHITECTURES = {
    "resnet18": lambda: torchvision.models.resnet18(num_classes=10),
    "resnet18_cifar": resnet18_cifar,
    "vgg19_bn": narrow_vgg19_bn,
    "mobilenet_v2": lambda: torchvision.models.mobilenet_v2(num_classes=10, width_mult=0.25),
    # DenseNet-121's block configuration (6, 12, 24, 16), narrow growth.
    "densenet121": lambda: torchvision.models.DenseNet(growth_rate=8, block_config=(6, 12, 24, 16),
                                                       num_init_features=16, num_classes=10),
    "efficientnet_b0": narrow_efficientnet_b0,
    "vit": lambda: torchvision.models.VisionTransformer(image_size=32, patch_size=8, num_layers=3, num_heads=2,
                                                       hidden_dim=32, mlp_dim=64, num_classes=10),
}


def randomise_norm_statistics(model):
    # Fresh BatchNorm layers have mean 0 and variance 1; other values make a wrong folding or order visible.
    generator = torch.Generator().manual_seed(1)
    for module in model.modules():
        if isinstance(module, nn.BatchNorm2d):
            module.running_mean.copy_(torch.randn(module.num_features, generator=generator) * 0.1)
            module.running_var.copy_(torch.rand(module.num_features, generator=generator) + 0.5)


def numpy_save(path, array):
    import numpy
    numpy.save(path, array)


def record_hooks(model, x, out_dir):
    records = []
    inputs = {}

    def pre_hook(name):
        def hook(module, args):
            first = args[0] if args and isinstance(args[0], torch.Tensor) else None
            inputs[name] = first.clone() if first is not None else None
        return hook

    def hook(name):
        def record(module, args, output):
            if not isinstance(output, torch.Tensor):
                return
            calls = sum(1 for r in records if r["module"] == name)
            before = inputs.get(name)
            identity = before is not None and before.shape == output.shape and torch.equal(before, output)
            file = "out_%d.bin" % len(records)
            output.detach().contiguous().numpy().astype("<f4").tofile(os.path.join(out_dir, file))
            records.append({"module": name, "call": calls, "shape": list(output.shape), "file": file,
                            "identity": bool(identity)})
        return record

    for name, module in model.named_modules():
        if name:
            module.register_forward_pre_hook(pre_hook(name))
            module.register_forward_hook(hook(name))
    with torch.no_grad():
        model(x)
    return records


def main():
    arch, out_dir = sys.argv[1], sys.argv[2]
    os.makedirs(out_dir, exist_ok=True)
    torch.manual_seed(0)
    model = ARCHITECTURES[arch]().eval()
    randomise_norm_statistics(model)
    x = torch.randn(4, 3, 32, 32, generator=torch.Generator().manual_seed(2))
    with torch.no_grad():
        torch.jit.trace(model, x).save(os.path.join(out_dir, arch + "_traced.pt"))
        torch.jit.script(model).save(os.path.join(out_dir, arch + "_scripted.pt"))
    x.numpy().astype("<f4").tofile(os.path.join(out_dir, "input.bin"))
    records = record_hooks(model, x, out_dir)
    generator = torch.Generator().manual_seed(3)
    labels = torch.arange(10).repeat_interleave(12)
    images = (torch.rand(120, 32, 32, 3, generator=generator) * 255).to(torch.uint8)
    for row, label in enumerate(labels.tolist()):
        images[row, :, :, label % 3] //= 2  # classes differ a little in colour
    numpy_save(os.path.join(out_dir, "id.npy"), images.numpy())
    numpy_save(os.path.join(out_dir, "id_labels.npy"), labels.numpy())
    final_linear = [m for m in model.modules() if isinstance(m, nn.Linear)][-1]
    with open(os.path.join(out_dir, "hooks.json"), "w") as manifest:
        json.dump({"input_shape": [3, 32, 32], "batch": 4, "classifier_in_features": final_linear.in_features,
                   "outputs": records}, manifest, indent=1)


if __name__ == "__main__":
    main()
