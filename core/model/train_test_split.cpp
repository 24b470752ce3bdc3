#include "core/model/train_test_split.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <random>

namespace ms::model {

Split train_test_split(const std::vector<int32_t>& labels, double test_fraction, uint64_t seed) {
  std::map<int32_t, std::vector<int64_t>> by_class;
  for (int64_t i = 0; i < static_cast<int64_t>(labels.size()); ++i) by_class[labels[i]].push_back(i);
  std::mt19937_64 random(seed);
  Split split;
  for (auto& [label, items] : by_class) {
    std::shuffle(items.begin(), items.end(), random);
    auto count = static_cast<int64_t>(items.size());
    auto test = static_cast<int64_t>(std::llround(test_fraction * double(count)));
    if (count >= 2) test = std::clamp<int64_t>(test, 1, count - 1);
    else test = 0;
    split.test.insert(split.test.end(), items.begin(), items.begin() + test);
    split.train.insert(split.train.end(), items.begin() + test, items.end());
  }
  std::sort(split.train.begin(), split.train.end());
  std::sort(split.test.begin(), split.test.end());
  return split;
}

}  // namespace ms::model
