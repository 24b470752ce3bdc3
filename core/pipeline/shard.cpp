#include "core/pipeline/shard.h"

#include <algorithm>
#include <cstdlib>

namespace ms::pipeline {

Result<Shard> parse_shard(const std::string& text) {
  const size_t slash = text.find('/');
  const auto whole = [](const std::string& part, long* value) {
    if (part.empty() || part.find_first_not_of("0123456789") != std::string::npos || part.size() > 6) return false;
    *value = std::strtol(part.c_str(), nullptr, 10);
    return true;
  };
  long index = 0, count = 0;
  if (slash == std::string::npos || !whole(text.substr(0, slash), &index) || !whole(text.substr(slash + 1), &count) ||
      count < 1 || index >= count)
    return make_error("--shard '" + text + "': expected I/N with 0 <= I < N, e.g. 0/8 (I as Slurm's " +
                      "$SLURM_ARRAY_TASK_ID with --array=0-7)");
  return Shard{static_cast<int>(index), static_cast<int>(count)};
}

std::vector<std::string> shard_files(std::vector<std::string> files, const Shard& shard) {
  std::sort(files.begin(), files.end());
  std::vector<std::string> mine;
  for (size_t k = static_cast<size_t>(shard.index); k < files.size(); k += static_cast<size_t>(shard.count))
    mine.push_back(files[k]);
  return mine;
}

}  // namespace ms::pipeline
