// A folder of images per class: ROOT/<class name>/*.png|*.jpg|*.jpeg. Classes are the sub-folders in name order.
#pragma once

#include <string>

#include "core/common/result.h"
#include "core/data/dataset.h"

namespace ms::data {

// All images must share one size; grey images give 1 channel, colour images 3 (alpha is dropped).
Result<Dataset> read_image_folder(const std::string& root);

// True when `root` is a directory whose sub-folders contain image files.
bool looks_like_image_folder(const std::string& root);

}  // namespace ms::data
