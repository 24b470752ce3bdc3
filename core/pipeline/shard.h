// Shards of a sweep for cluster array jobs (`manifoldscope analyze … --shard I/N`): every task gets the same
// checkpoint list and keeps its own deterministic slice, writes its own project, and `manifoldscope merge`
// (store/project_merge.h) joins the parts.
//
// parse_shard("I/N")    I in [0, N), N >= 1 (0-based, like Slurm's --array=0-(N-1)); an error naming the text.
// shard_files(files, s) the files sorted by path, then every N-th from the I-th: the slices of 0..N-1 are disjoint,
//                       cover the list, and do not depend on the order the files were given in. Shards may be
//                       empty when N exceeds the number of files.
#pragma once

#include <string>
#include <vector>

#include "core/common/result.h"

namespace ms::pipeline {

struct Shard {
  int index = 0;  // I
  int count = 1;  // N
};

Result<Shard> parse_shard(const std::string& text);
std::vector<std::string> shard_files(std::vector<std::string> files, const Shard& shard);

}  // namespace ms::pipeline
