// Building blocks for class-disjoint transfer sets: keep some classes, resize images to a model's input size.
#pragma once

#include <vector>

#include "core/common/result.h"
#include "core/data/dataset.h"

namespace ms::data {

// The items of `classes` (ids of `dataset`), relabelled 0..classes.size()-1 in the order given.
Result<Dataset> select_classes(const Dataset& dataset, const std::vector<int>& classes);

// Every image resampled to height x width (bilinear); values rescaled linearly from [0, source max] to
// [0, target_max] so a small-range dataset (UCI digits, 0..16) matches a uint8 one (0..255).
Result<Dataset> resize_images(const Dataset& dataset, int height, int width, float target_max);

}  // namespace ms::data
