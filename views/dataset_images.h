// Turning dataset items into QImages: one item, or a montage with one row of samples per class.
#pragma once

#include <QImage>
#include <vector>

#include "core/data/dataset.h"

namespace ms::views {

// Maps the item's values linearly from [low, high] to 0..255 (grey for 1 channel, RGB for 3).
QImage item_image(const data::Dataset& dataset, int64_t index, float low, float high);

// Rows of `per_class` samples per class (indices grouped by class as sample_per_class returns them),
// each image scaled by `zoom`, with a gap between tiles.
QImage class_montage(const data::Dataset& dataset, const std::vector<int64_t>& indices, int per_class, int zoom);

}  // namespace ms::views
