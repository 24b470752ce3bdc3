// Fuzz targets read files, not buffers: every reader takes a path. The bytes of one input go to a file in a scratch
// folder of this process (on /dev/shm when there is one, so millions of iterations do not wear a disk).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace ms::fuzz {

// The folder, created once per process, removed at exit.
const std::string& scratch_folder();

// Writes `size` bytes to scratch_folder()/relative (sub-folders created) and returns the full path.
std::string write_scratch(const std::string& relative, const uint8_t* data, size_t size);
inline std::string write_scratch(const std::string& relative, std::string_view text) {
  return write_scratch(relative, reinterpret_cast<const uint8_t*>(text.data()), text.size());
}

}  // namespace ms::fuzz
