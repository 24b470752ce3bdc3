// Joining the projects of a sharded analysis (`manifoldscope merge OUT.msproj PARTS…`, pipeline/shard.h) into one,
// as if one process had analysed every checkpoint.
//
// merge_projects(parts, names)
//   parts  projects written by `analyze` (the shards), or earlier merges; names: one per part, for messages
//   Returns one project: the datasets (the same in every part; the first part's entries, so its file locations),
//   every checkpoint with its geometry and evaluations
//   (sorted by checkpoint id), the first part's view state and every part's folder relocations. A checkpoint in
//   several parts (a re-run shard, a part merged twice) is taken once, from the first part that finished it, so
//   merging is idempotent: merging the result with any of its parts again changes nothing.
//   Errors, naming the two parts: other datasets (a dataset only in one part, or under one id other labels,
//   classes or shift: other data; where a file was read from may differ, e.g. per cluster node), geometry computed with other options (points per class, probes, dichotomies, policy, seeds, …),
//   the same checkpoint id with different file contents (sha256), no parts.
#pragma once

#include <string>
#include <vector>

#include "core/common/result.h"
#include "core/store/project.h"

namespace ms::store {

Result<Project> merge_projects(const std::vector<Project>& parts, const std::vector<std::string>& names);

// The files `part_paths` read, merged, and written to `out` (atomically) with its tidy CSV `csv` (default: out with
// .csv). `out` may be one of the parts. Errors name the file that could not be read or written.
Result<Project> merge_project_files(const std::vector<std::string>& part_paths, const std::string& out,
                                    std::string csv = {});

}  // namespace ms::store
