// A seeded, class-stratified train/test split of item indices.
//
// Inputs:
//   labels         n class ids (>= 0)
//   test_fraction  in (0, 1): per class, round(fraction * count) items go to test, at least one of each when the
//                  class has two or more items
//   seed           same seed, same split
// Outputs:
//   train, test    disjoint sorted indices covering [0, n)
#pragma once

#include <cstdint>
#include <vector>

namespace ms::model {

struct Split {
  std::vector<int64_t> train;
  std::vector<int64_t> test;
};

Split train_test_split(const std::vector<int32_t>& labels, double test_fraction, uint64_t seed);

}  // namespace ms::model
