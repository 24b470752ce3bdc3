// Whether a file of about `bytes` can be written at `path`: the free space of its folder's file system and the
// process's file-size limit (ulimit -f). Checked before writes that go through a library which cannot report a
// refused write cleanly (HDF5 1.10 crashes at exit on a file it could not flush).
//
// Errors: "PATH: needs about N MB, M MB free" / "… above the file-size limit of L KB" (KB below 10 MB); a folder that cannot be
// inspected is not an error (the write itself will say what is wrong).
#pragma once

#include <sys/resource.h>
#include <sys/statvfs.h>

#include <cstdint>
#include <filesystem>
#include <string>

#include "core/common/result.h"

namespace ms {

inline Status check_disk_room(const std::string& path, uint64_t bytes) {
  auto megabytes = [](uint64_t b) {
    return b < (10u << 20) ? std::to_string((b + 1023) >> 10) + " KB" : std::to_string((b + (1u << 20) - 1) >> 20) + " MB";
  };
  rlimit limit{};
  if (getrlimit(RLIMIT_FSIZE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY && bytes > limit.rlim_cur)
    return make_error(path + ": needs about " + megabytes(bytes) + ", above the file-size limit of " +
                      megabytes(limit.rlim_cur));
  const std::string folder = std::filesystem::path(path).parent_path().string();
  struct statvfs disk {};
  if (statvfs(folder.empty() ? "." : folder.c_str(), &disk) != 0) return Ok{};
  const uint64_t available = static_cast<uint64_t>(disk.f_bavail) * disk.f_frsize;
  if (bytes > available)
    return make_error(path + ": needs about " + megabytes(bytes) + ", " + megabytes(available) + " free");
  return Ok{};
}

}  // namespace ms
