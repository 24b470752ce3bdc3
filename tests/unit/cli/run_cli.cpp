#include "tests/unit/cli/run_cli.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>

namespace ms::test {

CliRun run_cli(const std::string& arguments, const std::vector<std::string>& unset, const std::string& launcher) {
  std::string environment;
  for (const std::string& name : unset) environment += (environment.empty() ? "env -u " : " -u ") + name;
  return run_command(environment + (environment.empty() ? "" : " ") + launcher + (launcher.empty() ? "'" : " '") +
                     MS_BINARY + "' " + arguments);
}

CliRun run_command(const std::string& shell_command) {
  // CTest runs test cases as parallel processes: the file name carries the process id, not just a counter.
  static int counter = 0;
  const std::string err_file = std::string(MS_TEST_OUTPUT_DIR) + "/cli-stderr-" + std::to_string(getpid()) + "-" +
                               std::to_string(++counter);
  const std::string command = shell_command + " 2>'" + err_file + "' </dev/null";
  CliRun run;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return run;
  char buffer[4096];
  for (size_t got; (got = fread(buffer, 1, sizeof buffer, pipe)) > 0;) run.out.append(buffer, got);
  const int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  std::ifstream err(err_file);
  std::stringstream text;
  text << err.rdbuf();
  run.err = text.str();
  return run;
}

::testing::AssertionResult refused_with(const CliRun& run, int exit_code, const std::string& message) {
  if (run.exit_code == exit_code && run.err.find(message) != std::string::npos) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "exit code " << run.exit_code << " (expected " << exit_code
                                       << "), stderr without \"" << message << "\": " << run.err;
}

}  // namespace ms::test
