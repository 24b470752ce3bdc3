// ShiftedSets: the background worker's copies equal the two-phase route (corrupt everything, then subsample), come
// in any order they are asked for, and a cancelled wait or an early destruction neither hangs nor crashes.
#include "core/pipeline/shifted_sets.h"

#include <gtest/gtest.h>

#include "core/data/dataset_registry.h"
#include "core/pipeline/ood_inputs.h"

namespace ms::pipeline {
namespace {

const data::Dataset& images() {
  static const data::Dataset first = [] {
    data::Dataset all = data::open_dataset("fashion-mnist:test").value();
    return data::take_rows(all, [] {
      std::vector<int64_t> rows(600);
      for (size_t i = 0; i < rows.size(); ++i) rows[i] = static_cast<int64_t>(i);
      return rows;
    }());
  }();
  return first;
}

const std::vector<data::Shift> kShifts = {{"gaussian_noise", 3}, {"fog", 3}, {"pixelate", 5}};

TEST(ShiftedSets, EqualCorruptingAllThenSampling) {
  for (int64_t limit : {int64_t{0}, int64_t{97}}) {
    ShiftedSets sets(images(), kShifts, limit, 5);
    NullProgress quiet;
    CancelToken cancel;
    ASSERT_EQ(sets.size(), 3u);
    for (size_t k : {2u, 0u, 1u}) {  // asked for out of order: the worker makes them in order regardless
      auto made = sets.get(k, quiet, cancel);
      ASSERT_TRUE(made.ok()) << made.error();
      auto whole = data::apply_shift(images(), kShifts[k], 5);
      ASSERT_TRUE(whole.ok());
      auto expected = limit_items(std::move(whole).value(), limit, 5);
      ASSERT_TRUE(expected.ok());
      EXPECT_EQ((*made)->name, sets.name(k));
      EXPECT_EQ((*made)->name, expected->name);
      EXPECT_EQ((*made)->count(), limit ? limit : 600);
      EXPECT_EQ((*made)->labels, expected->labels) << k;
      EXPECT_EQ((*made)->values, expected->values) << k;  // bitwise
    }
  }
}

TEST(ShiftedSets, CancelledWaitAndEarlyDestructionReturn) {
  NullProgress quiet;
  {
    ShiftedSets sets(images(), kShifts, 0, 1);
    CancelToken cancel;
    cancel.cancel();
    auto made = sets.get(2, quiet, cancel);  // cancelled while the worker is still at it
    ASSERT_FALSE(made.ok());
    EXPECT_EQ(made.error(), "cancelled");
    EXPECT_TRUE(made.cancelled());
  }  // the destructor stops the worker mid-set and joins it
  {
    ShiftedSets sets(images(), kShifts, 0, 1);
    sets.start();
  }
  ShiftedSets none(images(), {}, 0, 1);
  none.start();
  CancelToken cancel;
  EXPECT_FALSE(none.get(0, quiet, cancel).ok());
}

}  // namespace
}  // namespace ms::pipeline
