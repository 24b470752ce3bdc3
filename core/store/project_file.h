// Reading and writing *.msproj (HDF5). Saves are atomic: a temp file beside the target, renamed over it when complete,
// so a failed or interrupted save leaves the previous file intact.
#pragma once

#include <string>

#include "core/common/result.h"
#include "core/store/project.h"

namespace ms::store {

// The layout version this build writes; files with a larger version are refused with a message, not misread.
constexpr int kSchemaVersion = 1;

Status write_project(const Project& project, const std::string& path);
Result<Project> read_project(const std::string& path);

}  // namespace ms::store
