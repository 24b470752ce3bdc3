// Distribution shifts in the style of CIFAR-10-C (Hendrycks & Dietterich, 2019): corrupted copies of a dataset at
// severities 1..5, deterministic for a seed. The six the paper studies (gaussian_noise, fog, brightness, contrast,
// pixelate, jpeg_compression) plus shot_noise, impulse_noise, gaussian_blur and rotation.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/common/progress.h"
#include "core/common/result.h"
#include "core/data/dataset.h"

namespace ms::data {

struct Shift {
  std::string corruption;  // one of corruption_names()
  int severity = 3;        // 1..5
  std::string label() const { return corruption + ":" + std::to_string(severity); }
};

std::vector<std::string> corruption_names();

// "fog:3" or "fog" (severity 3). Errors name the unknown corruption or the bad severity.
Result<Shift> parse_shift(const std::string& text);

// A corrupted copy of an image dataset, in the clean dataset's units, named "<name>+<corruption>:<severity>".
// Values are mapped to [0, 1] by the type's range (uint8: /255; otherwise by the data's maximum) and back.
// Every image draws from its own random stream (seed, corruption, index): the result does not depend on threading.
Result<Dataset> apply_shift(const Dataset& clean, const Shift& shift, uint64_t seed, Progress* progress = nullptr,
                            const CancelToken* cancel = nullptr);
// The corrupted copies of the items `rows` of `clean` only, in that order (take_rows of the corrupted copy): each
// image keeps the random stream of its index in `clean`, and values are scaled by the range of all of `clean`.
Result<Dataset> apply_shift_to_rows(const Dataset& clean, const std::vector<int64_t>& rows, const Shift& shift,
                                    uint64_t seed, Progress* progress = nullptr, const CancelToken* cancel = nullptr);

}  // namespace ms::data
