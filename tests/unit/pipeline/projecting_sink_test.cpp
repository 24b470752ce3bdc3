// The fixed sparse random projection of wide layers (core/pipeline/projecting_sink.h): its statistics, its
// determinism, and its effect on the GLUE markers of a real model's layers.
#include "core/pipeline/projecting_sink.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <random>

#include "core/pipeline/analyse_job.h"
#include "core/store/project_file.h"
#include "tests/unit/pipeline/test_cnn.h"

namespace ms::pipeline {
namespace {
namespace fs = std::filesystem;

TEST(ProjectingSink, TheProjectionIsSparseSeededAndPreservesSquaredNormsOnAverage) {
  const int64_t d = 4096, k = 1000;
  const Eigen::SparseMatrix<float> R = sparse_random_projection(d, k, 7, "layer1.0:conv2d");
  // About k sqrt(d) = 64000 non-zeros (binomial: sd 250).
  EXPECT_NEAR(static_cast<double>(R.nonZeros()), 64000.0, 2000.0);
  // The same seed and layer give the same matrix; another layer or seed another one.
  EXPECT_TRUE(R.isApprox(sparse_random_projection(d, k, 7, "layer1.0:conv2d"), 0.0f));
  EXPECT_FALSE(R.isApprox(sparse_random_projection(d, k, 7, "layer1.1:conv2d")));
  EXPECT_FALSE(R.isApprox(sparse_random_projection(d, k, 8, "layer1.0:conv2d")));
  // E ||x R||^2 = ||x||^2: over 40 random vectors the mean ratio is within 2 % of 1 (each has sd ~ sqrt(2/k) = 4.5 %).
  std::mt19937_64 rng(1);
  std::normal_distribution<float> normal;
  double ratios = 0;
  for (int trial = 0; trial < 40; ++trial) {
    Eigen::RowVectorXf x(d);
    for (int64_t i = 0; i < d; ++i) x(i) = normal(rng);
    const Eigen::RowVectorXf projected = x * R;
    ratios += projected.squaredNorm() / x.squaredNorm() / 40;
  }
  EXPECT_NEAR(ratios, 1.0, 0.02);
}

// The small CNN's conv and relu layers (3136 features) projected to 1000: the other layers are untouched (bitwise),
// the projected ones keep D_eff and Psi_eff close to their full-width values.
TEST(ProjectingSink, GlueMarkersOfProjectedLayersStayCloseToTheFullWidthOnes) {
  const fs::path dir = fixtures::fresh_dir_with_cnn("projection", 3);
  auto run = [&](const std::string& name, int64_t project_dim) {
    AnalyseOptions options;
    options.checkpoints = {(dir / "checkpoints").string()};
    options.glue.points_per_manifold = 30;
    options.glue.n_t = 100;
    options.project_dim = project_dim;
    options.project_path = (dir / (name + ".msproj")).string();
    NullProgress progress;
    CancelToken cancel;
    EXPECT_TRUE(run_analyse(options, progress, cancel).ok());
    return store::read_project(options.project_path);
  };
  auto full = run("full", 0);
  auto projected = run("projected", 1000);
  ASSERT_TRUE(full.ok() && projected.ok());
  ASSERT_EQ(full->geometry.size(), projected->geometry.size());
  for (size_t i = 0; i < full->geometry.size(); ++i) {
    const auto& a = full->geometry[i].markers;
    const auto& b = projected->geometry[i].markers;
    const std::string& layer = full->geometry[i].layer;
    if (a.at("num_features") <= 1000) {
      EXPECT_EQ(a.at("dimension"), b.at("dimension")) << layer;
      EXPECT_EQ(a.at("utility"), b.at("utility")) << layer;
      continue;
    }
    EXPECT_EQ(b.at("num_features"), 1000) << layer;
    const double dimension_change = b.at("dimension") / a.at("dimension") - 1;
    const double utility_change = b.at("utility") / a.at("utility") - 1;
    std::printf("%s: D_eff %.4f -> %.4f (%+.1f %%), Psi_eff %.4f -> %.4f (%+.1f %%)\n", layer.c_str(), a.at("dimension"),
                b.at("dimension"), 100 * dimension_change, a.at("utility"), b.at("utility"), 100 * utility_change);
    EXPECT_LT(std::abs(dimension_change), 0.10) << layer;
    EXPECT_LT(std::abs(utility_change), 0.10) << layer;
  }
  EXPECT_EQ(projected->geometry[0].options.at("project_dim"), "1000");
  EXPECT_EQ(full->geometry[0].options.count("project_dim"), 0u);
}

}  // namespace
}  // namespace ms::pipeline
