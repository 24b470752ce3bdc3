// Runs the real manifoldscope binary and captures what it prints.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace ms::test {

struct CliRun {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

// `arguments` is appended to the binary's path as shell words (quote paths yourself when they may hold spaces).
// `unset`: environment variables the binary runs without (e.g. DISPLAY). `launcher`: shell words before the binary
// (e.g. "mpirun -n 2").
CliRun run_cli(const std::string& arguments, const std::vector<std::string>& unset = {},
               const std::string& launcher = "");

// Success when `run` exited with `exit_code` and its stderr holds `message`; else a failure that shows the exit code
// and the whole stderr. For the one-line refusals of bad arguments and inputs.
::testing::AssertionResult refused_with(const CliRun& run, int exit_code, const std::string& message);

// Any shell command line (e.g. `pdfinfo FILE`), its output captured the same way.
CliRun run_command(const std::string& shell_command);

}  // namespace ms::test
