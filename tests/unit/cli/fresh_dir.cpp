#include "tests/unit/cli/fresh_dir.h"

#include <unistd.h>

namespace ms::test {

std::filesystem::path fresh_dir(const std::string& name) {
  const std::filesystem::path dir = std::filesystem::path(MS_TEST_OUTPUT_DIR) / (name + "-" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace ms::test
