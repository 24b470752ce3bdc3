// An empty folder of this test process's own under <build>/test-output: CTest runs test cases as parallel processes,
// so the process id is part of the name.
#pragma once

#include <filesystem>
#include <string>

namespace ms::test {

// <build>/test-output/NAME-<pid>, emptied (or made) now; its path.
std::filesystem::path fresh_dir(const std::string& name);

}  // namespace ms::test
