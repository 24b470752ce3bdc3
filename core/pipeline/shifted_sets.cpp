#include "core/pipeline/shifted_sets.h"

#include <chrono>

#include "core/pipeline/ood_inputs.h"

namespace ms::pipeline {

ShiftedSets::ShiftedSets(const data::Dataset& id, std::vector<data::Shift> shifts, int64_t limit, uint64_t seed)
    : id_(id), shifts_(std::move(shifts)), limit_(limit), seed_(seed), copies_(shifts_.size()) {}

ShiftedSets::~ShiftedSets() {
  stop_.cancel();
  if (worker_.joinable()) worker_.join();
}

std::string ShiftedSets::name(size_t k) const { return id_.name + "+" + shifts_[k].label(); }

void ShiftedSets::start() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!worker_.joinable() && !shifts_.empty()) worker_ = std::thread([this] { make_all(); });
}

void ShiftedSets::make_all() {
  auto rows = limited_rows(id_, limit_, seed_);
  for (size_t k = 0; k < shifts_.size(); ++k) {
    Result<data::Dataset> copy = make_error(rows ? "" : rows.error());
    if (rows) copy = data::apply_shift_to_rows(id_, *rows, shifts_[k], seed_, nullptr, &stop_);
    std::lock_guard<std::mutex> lock(mutex_);
    copies_[k] = std::move(copy);
    made_.notify_all();
    if (stop_.cancelled()) return;
  }
}

Result<const data::Dataset*> ShiftedSets::get(size_t k, Progress& waiting, const CancelToken& cancel) {
  if (k >= shifts_.size()) return make_error("no shifted set " + std::to_string(k));
  start();
  std::unique_lock<std::mutex> lock(mutex_);
  bool told = false;
  while (!copies_[k]) {
    if (cancel.cancelled()) return make_cancelled();
    if (!told) waiting.report(0.0, "corrupting " + name(k) + " (in the background)");
    told = true;
    made_.wait_for(lock, std::chrono::milliseconds(100));
  }
  if (!*copies_[k]) return make_error(copies_[k]->error());
  return &copies_[k]->value();
}

}  // namespace ms::pipeline
