// Replacing a file only when its new content is complete: the writer fills a temporary file in the same folder (so
// the final rename stays on one file system and is atomic), then the temporary is renamed over the target. On any
// failure — the writer's error, a failed rename, an exception (removed, then rethrown) — the temporary is removed and
// the earlier file is untouched, so a full disk or a cancel never leaves a half-written result behind (and a crash
// leaves at most a stray temporary, never a damaged target; the next successful write of that file removes it).
//
//   Status write(const std::string& temporary_path)   fills the temporary file (it does not exist yet)
//
// Errors: the writer's error as it is; "PATH: WHAT: reason" for a failed rename (what: e.g. "could not save project").
#pragma once

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <utility>

#include "core/common/result.h"

namespace ms {

// "PATH.tmp-PID-N": unique per process and call, beside PATH.
inline std::string temporary_path_for(const std::string& path) {
  static std::atomic<unsigned> counter{0};
  return path + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
}

// Whether a file can be created beside `path` (its folder exists and takes new files): checked before long work whose
// result goes there, so an unwritable folder is said at once, not after the work. Errors: "FOLDER: reason".
inline Status check_can_write_beside(const std::string& path) {
  const std::string probe = temporary_path_for(path);
  std::FILE* file = std::fopen(probe.c_str(), "wb");
  if (!file) {
    const std::string folder = std::filesystem::path(path).parent_path().string();
    return make_error((folder.empty() ? std::string(".") : folder) + ": cannot write there (" +
                      std::strerror(errno) + ")");
  }
  std::fclose(file);
  std::error_code ignored;
  std::filesystem::remove(probe, ignored);
  return Ok{};
}

// Removes the temporaries of earlier writes of `path` whose process is gone (a killed save leaves one behind): files
// "PATH.tmp-PID-N" whose PID no longer runs. Those of a live process (a concurrent writer) stay; so may one whose
// PID was reused — harmless, and removed once that process has ended too.
inline void remove_stale_temporaries(const std::string& path) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  const std::string prefix = target.filename().string() + ".tmp-";
  const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.rfind(prefix, 0) != 0) continue;
    const std::string rest = name.substr(prefix.size());
    const size_t dash = rest.find('-');
    if (dash == 0 || dash == std::string::npos || rest.find_first_not_of("0123456789-") != std::string::npos) continue;
    const long pid = std::strtol(rest.substr(0, dash).c_str(), nullptr, 10);
    if (pid <= 0 || pid == static_cast<long>(::getpid())) continue;
    if (::kill(static_cast<pid_t>(pid), 0) == -1 && errno == ESRCH) {
      std::error_code ignored;
      fs::remove(it->path(), ignored);
    }
  }
}

template <class Writer>
Status write_atomically(const std::string& path, Writer&& write, const std::string& what = "cannot replace the file") {
  const std::string temporary = temporary_path_for(path);
  std::error_code ignored;
  Status written = make_error(path + ": not written");
  try {
    written = std::forward<Writer>(write)(temporary);
  } catch (...) {
    std::filesystem::remove(temporary, ignored);
    throw;
  }
  if (!written) {
    std::filesystem::remove(temporary, ignored);
    return written;
  }
  std::error_code ec;
  std::filesystem::rename(temporary, path, ec);
  if (ec) {
    std::filesystem::remove(temporary, ignored);
    return make_error(path + ": " + what + ": " + ec.message());
  }
  remove_stale_temporaries(path);
  return Ok{};
}

}  // namespace ms
