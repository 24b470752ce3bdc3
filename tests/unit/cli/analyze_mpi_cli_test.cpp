// An analysis spread over MPI ranks through the real binary, as a cluster job runs it: three quick-zoo checkpoints
// analysed by one process, and by `mpirun -n 2 … --mpi` (oversubscribed on this machine). The MPI project equals the
// single-process one value for value, no part project is left, a re-run resumes (nothing to do), and parts a killed
// run left behind are merged in and not recomputed.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "core/store/project_file.h"
#include "tests/unit/cli/run_cli.h"
#include "tests/unit/cli/split_runs.h"

namespace ms {
namespace {
namespace fs = std::filesystem;

const char* const kOptions = test::kSplitRunOptions;

// mpirun for two ranks on one machine: more ranks than cores allowed, as root too (containers, CI), and without
// the shared-memory single-copy mechanism a container's ptrace rules refuse. Unbound (--bind-to none), each rank
// sees the cores the single process saw: bound to one core, LibTorch and OpenBLAS would use one thread, and sums in
// another order differ in their last bits — the comparison is exact only under the same threads.
std::string mpirun_two_ranks() {
  std::string launcher = std::string("env OMPI_MCA_btl_vader_single_copy_mechanism=none '") + MS_MPIEXEC +
                         "' -n 2 --oversubscribe --bind-to none";
  if (geteuid() == 0) launcher += " --allow-run-as-root";
  return launcher;
}

TEST(AnalyzeMpi, TwoRanksEqualOneProcessValueForValueAndResume) {
  test::QuickSweep sweep;
  ASSERT_NO_FATAL_FAILURE(test::prepare_quick_sweep("cli-mpi", &sweep));
  const fs::path dir = sweep.dir;
  const std::string zoo_dir = sweep.zoo;

  const std::string mpi_path = (dir / "mpi.msproj").string();
  auto mpi = test::run_cli("analyze " + zoo_dir + " --project " + mpi_path + kOptions + " --mpi", {},
                           mpirun_two_ranks());
  ASSERT_EQ(mpi.exit_code, 0) << mpi.out << mpi.err;
  EXPECT_NE(mpi.out.find("MPI: 2 rank(s)"), std::string::npos) << mpi.out;
  EXPECT_NE(mpi.out.find("3 checkpoint(s) analysed, 0 already complete, 0 failed"), std::string::npos) << mpi.out;
  EXPECT_TRUE(fs::exists(dir / "mpi.csv"));
  for (const char* part : {"mpi.rank-0.msproj", "mpi.rank-1.msproj", "mpi.rank-0.csv", "mpi.rank-1.csv"})
    EXPECT_FALSE(fs::exists(dir / part)) << part;
  auto one = store::read_project((dir / "single.msproj").string());
  auto spread = store::read_project(mpi_path);
  ASSERT_TRUE(one.ok() && spread.ok());
  test::expect_same_results(*one, *spread);

  auto again = test::run_cli("analyze " + zoo_dir + " --project " + mpi_path + kOptions + " --mpi", {},
                             mpirun_two_ranks());
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("0 checkpoint(s) analysed, 3 already complete"), std::string::npos) << again.out;

  // A killed run left one rank's part (one finished checkpoint): merged in first, only the other two computed.
  auto shard = test::run_cli("analyze " + zoo_dir + " --project " + (dir / "resumed.rank-1.msproj").string() +
                             kOptions + " --shard 1/2");
  ASSERT_EQ(shard.exit_code, 0) << shard.err;
  const std::string resumed_path = (dir / "resumed.msproj").string();
  auto resumed = test::run_cli("analyze " + zoo_dir + " --project " + resumed_path + kOptions + " --mpi", {},
                               mpirun_two_ranks());
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_NE(resumed.out.find("2 checkpoint(s) analysed, 1 already complete"), std::string::npos) << resumed.out;
  EXPECT_FALSE(fs::exists(dir / "resumed.rank-1.msproj"));
  auto whole = store::read_project(resumed_path);
  ASSERT_TRUE(whole.ok());
  test::expect_same_results(*one, *whole);

  auto both = test::run_cli("analyze " + zoo_dir + " --project " + (dir / "x.msproj").string() +
                            " --mpi --shard 0/2");
  EXPECT_TRUE(test::refused_with(both, 2, "--mpi and --shard"));
}

}  // namespace
}  // namespace ms
