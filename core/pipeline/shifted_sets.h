// The shifted copies of the ID set an analysis evaluates (--ood fog:3 …), corrupted on a background thread in the
// order the OOD stage evaluates them: the first checkpoint's geometry and ID logits run while the first copies are
// made, and its OOD logits on copy k while copy k+1 is made — a pipeline, not two phases. Made once, kept for the
// later checkpoints; nothing is made for a run whose checkpoints are all complete already (start() is never called).
//
// Each copy is cut to its class-stratified subsample (--ood-limit) before it is corrupted: the kept rows keep their
// random streams (data::apply_shift_to_rows), so the copy equals limit_items(apply_shift(id)) item for item.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "core/common/progress.h"
#include "core/common/result.h"
#include "core/data/corruptions.h"
#include "core/data/dataset.h"

namespace ms::pipeline {

class ShiftedSets {
 public:
  // `id` must outlive this object. limit 0 = every item; seed draws the subsample and the corruptions.
  ShiftedSets(const data::Dataset& id, std::vector<data::Shift> shifts, int64_t limit, uint64_t seed);
  ~ShiftedSets();  // stops the work in progress and waits for it
  ShiftedSets(const ShiftedSets&) = delete;
  ShiftedSets& operator=(const ShiftedSets&) = delete;

  size_t size() const { return shifts_.size(); }
  // The name copy k is stored under ("fashion-mnist:test+fog:3"), known before it is made.
  std::string name(size_t k) const;
  // Begins making the copies in the background (once; later calls do nothing).
  void start();
  // Copy k, waiting for it (and starting the work if need be). An error when corrupting failed, or "cancelled" when
  // `cancel` fires while waiting; `waiting` hears what is awaited while it is not ready.
  Result<const data::Dataset*> get(size_t k, Progress& waiting, const CancelToken& cancel);

 private:
  void make_all();

  const data::Dataset& id_;
  const std::vector<data::Shift> shifts_;
  const int64_t limit_;
  const uint64_t seed_;
  std::mutex mutex_;
  std::condition_variable made_;
  std::vector<std::optional<Result<data::Dataset>>> copies_;  // filled in order by the worker
  CancelToken stop_;
  std::thread worker_;
};

}  // namespace ms::pipeline
