#include "tests/fuzz/fuzz_scratch.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <system_error>

namespace fs = std::filesystem;

namespace ms::fuzz {
namespace {

struct Scratch {
  std::string folder;
  Scratch() {
    std::error_code ec;
    fs::path base = fs::is_directory("/dev/shm", ec) ? fs::path("/dev/shm") : fs::temp_directory_path();
    folder = (base / ("ms-fuzz-" + std::to_string(getpid()))).string();
    fs::create_directories(folder);
  }
  ~Scratch() {
    std::error_code ec;
    fs::remove_all(folder, ec);
  }
};

}  // namespace

const std::string& scratch_folder() {
  static Scratch scratch;
  return scratch.folder;
}

std::string write_scratch(const std::string& relative, const uint8_t* data, size_t size) {
  fs::path path = fs::path(scratch_folder()) / relative;
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  if (!out) std::abort();  // the scratch folder itself failed: not a finding about the reader
  return path.string();
}

}  // namespace ms::fuzz
