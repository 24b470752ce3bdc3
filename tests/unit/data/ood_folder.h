// A CIFAR-10-C style folder of real Fashion-MNIST test images, for the tests of `--ood-set`: what a researcher's own
// OOD data looks like on disk, made from data every test machine has.
#pragma once

#include <cstdint>
#include <string>

#include "core/data/dataset.h"

namespace ms::test {

// dir/<name>.npy: Fashion-MNIST test images 0 .. 5 * per_block - 1 as [5 * per_block, 28, 28, 1] uint8 (NHWC), five
// "severity" blocks of per_block rows; dir/labels.npy: their labels (int64). An empty string on success, else what
// failed.
std::string write_fashion_corruption(const std::string& dir, const std::string& name, int64_t per_block);

// The same images as a dataset built straight from Fashion-MNIST (not through the .npy reader): test rows
// first .. first + count - 1.
data::Dataset fashion_rows(int64_t first, int64_t count);

// dir/<name>.npy of `count` zero images of shape [count, h, w, c] uint8 with labels (int64) 0, 1, .., classes - 1
// repeating in dir/<name>_labels.npy.
void write_blank_images(const std::string& dir, const std::string& name, int64_t count, int h, int w, int c,
                        int classes);

}  // namespace ms::test
