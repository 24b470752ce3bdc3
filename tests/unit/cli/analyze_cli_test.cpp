// `manifoldscope analyze --ood-set NAME=SPEC --ood-limit N` through the real binary, on a real quick-zoo checkpoint
// and a CIFAR-10-C style folder of real Fashion-MNIST images.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "core/store/ood_sets.h"
#include "core/store/project_file.h"
#include "tests/unit/cli/fresh_dir.h"
#include "tests/unit/cli/run_cli.h"
#include "tests/unit/data/ood_folder.h"

namespace ms {
namespace {
namespace fs = std::filesystem;

TEST(AnalyzeCli, AUserOodSetWithALimitGetsItsColumnsAndInterval) {
  const fs::path dir = test::fresh_dir("cli-ood-set");
  auto zoo = test::run_cli("zoo train --preset quick --runs 1 --out " + (dir / "zoo").string());
  ASSERT_EQ(zoo.exit_code, 0) << zoo.err;
  ASSERT_EQ(test::write_fashion_corruption(dir.string(), "fog", 100), "");
  const std::string project = (dir / "sweep.msproj").string();
  auto run = test::run_cli("analyze " + (dir / "zoo").string() + " --project " + project +
                           " --layers penultimate --points-per-manifold 10 --n-t 20 --ood-set mine=" +
                           (dir / "fog.npy:2").string() + " --ood-limit 40");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("1 checkpoint(s) analysed"), std::string::npos) << run.out;

  auto stored = store::read_project(project);
  ASSERT_TRUE(stored.ok()) << stored.error();
  const auto sets = store::ood_sets(*stored, "fashion-mnist:test");
  ASSERT_EQ(sets.size(), 1u);
  EXPECT_EQ(sets[0].name, "mine");
  for (const auto& evaluation : stored->evaluations)
    if (evaluation.dataset == "mine") {
      EXPECT_EQ(evaluation.metrics.at(store::kEvaluatedItems), 40);
      const double accuracy = evaluation.metrics.at("accuracy");
      EXPECT_EQ(accuracy * 40, std::round(accuracy * 40)) << "a count of 40";
      EXPECT_LE(evaluation.metrics.at(store::kAccuracyLow), accuracy);
      EXPECT_GE(evaluation.metrics.at(store::kAccuracyHigh), accuracy);
    }
  std::ifstream csv(dir / "sweep.csv");
  std::string header;
  std::getline(csv, header);
  for (const char* column : {"acc_mine", "acc_mine_low", "acc_mine_high", "acc_mine_n"})
    EXPECT_NE(header.find(column), std::string::npos) << column << " missing in " << header;

  // The same command again: nothing to do.
  auto again = test::run_cli("analyze " + (dir / "zoo").string() + " --project " + project +
                             " --layers penultimate --points-per-manifold 10 --n-t 20 --ood-set mine=" +
                             (dir / "fog.npy:2").string() + " --ood-limit 40");
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("0 checkpoint(s) analysed, 1 already complete"), std::string::npos) << again.out;
}

// Relative paths typed in the sweep's folder: the project records them relative to itself (and absolute), so it can be
// opened from elsewhere or moved with the folder (store/locations.h).
TEST(AnalyzeCli, RelativePathsAreStoredRelativeToTheProject) {
  const fs::path dir = test::fresh_dir("cli-relative");
  auto zoo = test::run_cli("zoo train --preset quick --runs 1 --out " + (dir / "ckpts").string());
  ASSERT_EQ(zoo.exit_code, 0) << zoo.err;
  ASSERT_EQ(test::write_fashion_corruption(dir.string(), "fog", 100), "");
  fs::create_directories(dir / "out");
  const fs::path previous = fs::current_path();
  fs::current_path(dir);
  auto run = test::run_cli("analyze ckpts --project out/sweep.msproj --layers penultimate --points-per-manifold 10 "
                           "--n-t 20 --ood-set mine=fog.npy:2 --ood-limit 40");
  fs::current_path(previous);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  auto stored = store::read_project((dir / "out" / "sweep.msproj").string());
  ASSERT_TRUE(stored.ok()) << stored.error();
  ASSERT_EQ(stored->checkpoints.size(), 1u);
  const auto& checkpoint = stored->checkpoints[0];
  EXPECT_EQ(checkpoint.relative_path, "../ckpts/" + fs::path(checkpoint.path).filename().string());
  EXPECT_TRUE(fs::path(checkpoint.path).is_absolute()) << checkpoint.path;
  bool found = false;
  for (const auto& dataset : stored->datasets)
    if (dataset.id == "mine") {
      found = true;
      EXPECT_EQ(dataset.location, (dir / "fog.npy").string() + ":2");
      EXPECT_EQ(dataset.relative_location, "../fog.npy:2");
    } else if (dataset.shift.empty()) {
      EXPECT_EQ(dataset.location, "fashion-mnist:test") << "a known dataset is no path";
    }
  EXPECT_TRUE(found);
}

// Also a device that is misspelt or not there.
TEST(AnalyzeCli, BadOodSetsAndLimitsAreOneLineErrors) {
  const fs::path dir = test::fresh_dir("cli-ood-bad");
  std::ofstream(dir / "model.pt") << "never loaded: the data is checked first";
  const std::string base = "analyze " + (dir / "model.pt").string() + " --project " + (dir / "p.msproj").string();
  auto malformed = test::run_cli(base + " --ood-set just-a-name");
  EXPECT_TRUE(test::refused_with(malformed, 2, "--ood-set 'just-a-name': expected NAME=SPEC"));
  auto shift_name = test::run_cli(base + " --ood-set fog:3=x.npy");
  EXPECT_TRUE(test::refused_with(shift_name, 2, "built-in shift"));
  auto missing = test::run_cli(base + " --ood-set gone=" + (dir / "no-such.npy").string());
  EXPECT_TRUE(test::refused_with(missing, 1, "--ood-set gone"));
  EXPECT_NE(missing.err.find("no-such.npy"), std::string::npos) << missing.err;
  auto limit = test::run_cli(base + " --ood-limit -5");
  EXPECT_TRUE(test::refused_with(limit, 2, "--ood-limit expects a non-negative integer"));
  auto device = test::run_cli(base + " --device gpu");
  EXPECT_TRUE(test::refused_with(device, 2, "device 'gpu': expected cpu, cuda or cuda:N"));
  auto cuda = test::run_cli(base + " --device cuda:7");  // no machine here has eight GPUs
  EXPECT_EQ(cuda.exit_code, 2);
  EXPECT_TRUE(cuda.err.find("this LibTorch has no CUDA") != std::string::npos ||
              cuda.err.find("CUDA device(s)") != std::string::npos)
      << cuda.err;
  auto help = test::run_cli("analyze --help");
  EXPECT_NE(help.out.find("--device <DEVICE>"), std::string::npos) << help.out;
  EXPECT_NE(help.out.find("--ood-set <NAME=SPEC>"), std::string::npos) << help.out;
  EXPECT_NE(help.out.find("--ood-limit <N>"), std::string::npos) << help.out;
}

}  // namespace
}  // namespace ms
