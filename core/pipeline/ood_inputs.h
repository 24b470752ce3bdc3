// The OOD sets of an analysis, made ready for evaluation: `--ood-set NAME=SPEC` parsed and checked, user sets opened
// and checked against the ID set, and every OOD set cut to its class-stratified subsample under --ood-limit.
#pragma once

#include <string>
#include <vector>

#include "core/common/result.h"
#include "core/data/dataset.h"
#include "core/pipeline/analyse_options.h"

namespace ms::pipeline {

// "NAME=SPEC". NAME: letters, digits and _ - . : @, not a built-in shift's name (those are fog:3 and the like);
// SPEC: not empty. The error quotes the text and says what is wrong.
Result<OodSetOption> parse_ood_set(const std::string& text);
// "NAME=SPEC; NAME=SPEC; …" (the GUI's field); blanks around the parts are ignored, empty parts skipped.
Result<std::vector<OodSetOption>> parse_ood_sets(const std::string& list);
// The names against each other and against the other data of the analysis (ID set, transfer set, shifts).
Status check_ood_set_names(const AnalyseOptions& options);

// Opens a user set, named NAME. Errors name the set: items of another shape than the ID set's, another number of
// classes, or the open_dataset error of the spec.
Result<data::Dataset> open_ood_set(const OodSetOption& set, const data::Dataset& id);

// The class-stratified, seeded subsample of at most `limit` items (data::sample_stratified); the whole dataset for
// limit 0 or a limit of at least its size.
// The rows of that subsample, in the order data::sample_stratified gives them (all rows, ascending, for limit 0 or
// a limit of at least the dataset's size).
Result<std::vector<int64_t>> limited_rows(const data::Dataset& dataset, int64_t limit, uint64_t seed);
Result<data::Dataset> limit_items(data::Dataset dataset, int64_t limit, uint64_t seed);

}  // namespace ms::pipeline
