// Datasets from NumPy .npy files, including CIFAR-10-C's layout: one file per corruption (fog.npy, 50000x32x32x3
// uint8) holding severities 1..5 as five stacked blocks of 10000 rows, and labels.npy beside it.
//
// Shapes (the first axis is the item):
//   [n, h, w, c] with c = 1 or 3   NHWC images (NumPy's usual layout), stored here channel-major {c, h, w}
//   [n, c, h, w] with c = 1 or 3   NCHW images, when the last extent is not 1 or 3
//   [n, h, w]                      grey images {1, h, w}
//   [n, d]                         feature vectors {d}
// Values stay in the file's units (uint8 stays 0..255); element_type names the stored dtype.
//
// Labels: NAME_labels.npy beside NAME.npy, else labels.npy in the same folder; an integer vector holding one label
// per row read, or a multiple of that many covering the rows read, which are then taken from the same rows (so a
// severity block of fog.npy takes its block of CIFAR-10-C's 50000 labels). Labels must be class ids >= 0.
// Classes are numbered, except CIFAR-10-C's layout (labels.npy, 50000 rows of 32x32x3, ten classes) gets
// CIFAR-10's class names.
#pragma once

#include <string>

#include "core/common/result.h"
#include "core/data/dataset.h"

namespace ms::data {

// severity 0 reads the whole array; 1..5 reads rows (s-1)*n/5 .. s*n/5 - 1, which needs n divisible by 5.
Result<Dataset> read_npy_dataset(const std::string& path, int severity = 0);

}  // namespace ms::data
