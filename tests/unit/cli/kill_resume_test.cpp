// `manifoldscope analyze` killed with SIGKILL at seeded random moments (while loading, tapping layers, computing
// GLUE, evaluating shifted sets, saving the project): after every kill the project file opens; a re-run resumes; the
// final results equal those of an uninterrupted run, value for value.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "core/store/project_file.h"
#include "tests/unit/cli/fresh_dir.h"
#include "tests/unit/cli/run_cli.h"

namespace ms {
namespace {
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// Runs the binary with `arguments` (no shell), stdout and stderr discarded. Returns the child's pid.
pid_t spawn(const std::vector<std::string>& arguments) {
  const pid_t pid = fork();
  if (pid == 0) {
    freopen("/dev/null", "w", stdout);
    freopen("/dev/null", "w", stderr);
    std::vector<char*> argv{const_cast<char*>(MS_BINARY)};
    for (const std::string& argument : arguments) argv.push_back(const_cast<char*>(argument.c_str()));
    argv.push_back(nullptr);
    execv(MS_BINARY, argv.data());
    _exit(127);
  }
  return pid;
}

// Waits at most `seconds` for the child; kills it with SIGKILL if it is still running. True when it was killed.
bool kill_after(pid_t pid, double seconds, int* exit_code) {
  const auto deadline = Clock::now() + std::chrono::duration<double>(seconds);
  int status = 0;
  while (Clock::now() < deadline) {
    if (waitpid(pid, &status, WNOHANG) == pid) {
      *exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  kill(pid, SIGKILL);
  waitpid(pid, &status, 0);
  return true;
}

using Values = std::map<std::string, double>;  // "checkpoint|dataset|layer|marker" -> value

Values values_of(const store::Project& project) {
  Values values;
  for (const auto& entry : project.geometry)
    for (const auto& [name, value] : entry.markers)
      if (name.find("seconds") == std::string::npos)  // timings differ run to run
        values[entry.checkpoint + "|" + entry.dataset + "|" + entry.layer + "|" + name] = value;
  for (const auto& entry : project.evaluations)
    for (const auto& [name, value] : entry.metrics) values[entry.checkpoint + "|" + entry.dataset + "||" + name] = value;
  return values;
}

void expect_same(const Values& expected, const Values& actual) {
  ASSERT_EQ(expected.size(), actual.size());
  for (const auto& [key, value] : expected) {
    auto it = actual.find(key);
    ASSERT_NE(it, actual.end()) << key;
    if (std::isnan(value))
      EXPECT_TRUE(std::isnan(it->second)) << key;
    else
      EXPECT_NEAR(it->second, value, 1e-9 * std::max(1.0, std::fabs(value))) << key;
  }
}

TEST(KillResume, AnalysisKilledAtTwentyMomentsResumesToTheSameResults) {
  const fs::path dir = test::fresh_dir("cli-kill");
  auto zoo = test::run_cli("zoo train --preset quick --runs 3 --out " + (dir / "zoo").string());
  ASSERT_EQ(zoo.exit_code, 0) << zoo.err;
  auto analyze = [&](const fs::path& project) {
    return std::vector<std::string>{"analyze", (dir / "zoo").string(), "--project", project.string(),
                                    "--points-per-manifold", "10", "--n-t", "20", "--threads", "1",
                                    "--ood", "fog:3", "gaussian_noise:3"};
  };

  // The uninterrupted run, timed: kill moments are drawn over its length.
  const fs::path reference = dir / "reference.msproj";
  const auto start = Clock::now();
  int code = -1;
  ASSERT_FALSE(kill_after(spawn(analyze(reference)), 600, &code));
  ASSERT_EQ(code, 0);
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  Result<store::Project> expected = store::read_project(reference.string());
  ASSERT_TRUE(expected.ok()) << expected.error();
  ASSERT_EQ(expected->checkpoints.size(), 3u);

  // Kill, check, resume; a run that finishes before its kill moment is checked and started over.
  const fs::path project = dir / "killed.msproj";
  std::mt19937 rng(11);
  std::uniform_real_distribution<double> moment(0.05, 1.0);
  int kills = 0, completed = 0, partial = 0;  // partial: kills that found some checkpoints saved, not all
  for (int attempt = 0; kills < 20 && attempt < 80; ++attempt) {
    const bool killed = kill_after(spawn(analyze(project)), moment(rng) * seconds, &code);
    if (fs::exists(project)) {
      Result<store::Project> opened = store::read_project(project.string());
      ASSERT_TRUE(opened.ok()) << "after kill " << kills << ": " << opened.error();
      if (killed && opened->checkpoints.size() < 3) ++partial;
    }
    if (killed) {
      ++kills;
      continue;
    }
    ASSERT_EQ(code, 0);
    ++completed;
    Result<store::Project> done = store::read_project(project.string());
    ASSERT_TRUE(done.ok()) << done.error();
    expect_same(values_of(*expected), values_of(*done));
    fs::remove(project);
  }
  EXPECT_EQ(kills, 20);
  EXPECT_GE(partial, 3) << "too few kills landed between checkpoints: the moments do not cover the run";
  // The last killed run, resumed to the end.
  ASSERT_FALSE(kill_after(spawn(analyze(project)), 600, &code));
  ASSERT_EQ(code, 0);
  Result<store::Project> final_project = store::read_project(project.string());
  ASSERT_TRUE(final_project.ok()) << final_project.error();
  expect_same(values_of(*expected), values_of(*final_project));
  std::printf("uninterrupted run %.1f s; %d kills (%d with some checkpoints saved), %d runs completed between them\n",
              seconds, kills, partial, completed);
}

}  // namespace
}  // namespace ms
