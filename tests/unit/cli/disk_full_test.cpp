// Writes the disk refuses, through the real binary under a file-size limit (`ulimit -f`, what a full disk or a quota
// looks like to a program): a project save fails with a clear message and keeps the earlier project; an activation
// cache that would not fit is skipped with a warning; the process never crashes.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "core/store/project_file.h"
#include "tests/unit/cli/fresh_dir.h"
#include "tests/unit/cli/run_cli.h"

namespace ms {
namespace {
namespace fs = std::filesystem;

// `manifoldscope ARGS` with files limited to `bytes` (POSIX sh counts ulimit -f in 512-byte blocks); the exit code
// (128 + signal when it died), stderr in *err.
int run_limited(uintmax_t bytes, const std::string& arguments, const fs::path& err_file, std::string* err) {
  const std::string command = "ulimit -f " + std::to_string(bytes / 512) + "; '" + MS_BINARY + "' " + arguments +
                              " >/dev/null 2>'" + err_file.string() + "' </dev/null";
  const int status = std::system(("/bin/sh -c \"" + command + "\"").c_str());
  std::ifstream in(err_file);
  std::stringstream text;
  text << in.rdbuf();
  *err = text.str();
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  const int code = WEXITSTATUS(status);
  return code;
}

TEST(DiskFull, ARefusedSaveKeepsTheEarlierProjectAndATooLargeCacheIsSkipped) {
  const fs::path dir = test::fresh_dir("cli-disk-full");
  auto zoo = test::run_cli("zoo train --preset quick --runs 2 --out " + (dir / "zoo").string());
  ASSERT_EQ(zoo.exit_code, 0) << zoo.err;
  const std::string options = " --points-per-manifold 10 --n-t 20";
  // One checkpoint analysed without a limit: the earlier project.
  fs::create_directories(dir / "one");
  fs::copy(dir / "zoo" / "mlp-sgd-lr0.025-wd0.0005-s0.pt", dir / "one");
  fs::copy(dir / "zoo" / "mlp-sgd-lr0.025-wd0.0005-s0.json", dir / "one");
  const fs::path project = dir / "sweep.msproj";
  auto first = test::run_cli("analyze " + (dir / "one").string() + " --project " + project.string() + options);
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const auto size = fs::file_size(project);

  // Both checkpoints under a limit the two-checkpoint project exceeds: a clear error, no crash, the earlier file.
  std::string err;
  const int code = run_limited(size * 3 / 2, "analyze " + (dir / "zoo").string() +
                               " --project " + project.string() + options, dir / "err.txt", &err);
  EXPECT_EQ(code, 1) << err;
  EXPECT_NE(err.find("could not save project: File too large"), std::string::npos) << err;
  Result<store::Project> kept = store::read_project(project.string());
  ASSERT_TRUE(kept.ok()) << kept.error();
  EXPECT_EQ(kept->checkpoints.size(), 1u);
  for (const auto& entry : fs::directory_iterator(dir))
    EXPECT_EQ(entry.path().string().find(".tmp-"), std::string::npos) << entry.path();

  // An activation cache larger than the limit is skipped with a warning; the analysis itself completes.
  const fs::path cached = dir / "cached.msproj";
  const int cache_code = run_limited(200 * 1024, "analyze " + (dir / "one").string() + " --project " + cached.string() +
                                     options + " --cache-activations", dir / "err2.txt", &err);
  EXPECT_EQ(cache_code, 0) << err;
  EXPECT_NE(err.find("no activation cache written"), std::string::npos) << err;
  EXPECT_NE(err.find("above the file-size limit of 200 KB"), std::string::npos) << err;
  EXPECT_TRUE(store::read_project(cached.string()).ok());
}

TEST(DiskFull, AnUnwritableProjectFolderIsRefusedBeforeAnyWork) {
  const fs::path dir = test::fresh_dir("cli-unwritable");
  std::ofstream(dir / "a-file") << "not a folder";
  auto zoo = test::run_cli("zoo train --preset quick --runs 1 --out " + (dir / "zoo").string());
  ASSERT_EQ(zoo.exit_code, 0) << zoo.err;
  auto run = test::run_cli("analyze " + (dir / "zoo").string() + " --project " + (dir / "a-file" / "p.msproj").string());
  EXPECT_TRUE(test::refused_with(
      run, 1, "p.msproj cannot be saved: " + (dir / "a-file").string() + ": cannot write there (Not a directory)"));
  EXPECT_EQ(run.err.find("reading fashion-mnist"), std::string::npos) << "refused before reading the data: " << run.err;
}

}  // namespace
}  // namespace ms
