// `manifoldscope geometry` through the real binary, on a small HDF5 file written here: P classes, each a tight
// cluster of points around one of P orthonormal directions. Nearly points, so alpha is close to 2 (spec glue.md
// check 1); the JSON carries every key the app and scripts read.
#include <H5Cpp.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "tests/unit/cli/run_cli.h"

namespace ms {
namespace {
namespace fs = std::filesystem;

// The number after `"key": ` in the printed JSON (first occurrence; keys of the top level come before nested ones
// except inside "diagnostics"/"options", which are looked up by their unique names). NaN when absent.
double json_number(const std::string& json, const std::string& key) {
  const size_t at = json.find("\"" + key + "\": ");
  if (at == std::string::npos) return NAN;
  return std::strtod(json.c_str() + at + key.size() + 4, nullptr);
}

// P classes x M points in d dims: e_mu + 1e-3 noise; float32 features [n, d], int32 labels [n].
fs::path write_clusters(int P, int M, int d) {
  const fs::path dir = fs::path(MS_TEST_OUTPUT_DIR) / "cli-geometry";
  fs::create_directories(dir);
  // One file per shape: CTest runs the cases of this file as parallel processes.
  const fs::path path = dir / ("clusters-" + std::to_string(P) + "x" + std::to_string(M) + "x" + std::to_string(d) + ".h5");
  std::mt19937 rng(5);
  std::normal_distribution<float> normal;
  const int n = P * M;
  std::vector<float> values(static_cast<size_t>(n) * d);
  std::vector<int32_t> labels(n);
  for (int i = 0; i < n; ++i) {
    labels[i] = i % P;  // interleaved classes: the reader and the subsampling must group them
    for (int j = 0; j < d; ++j) values[static_cast<size_t>(i) * d + j] = (j == labels[i] ? 1.0f : 0.0f) + 1e-3f * normal(rng);
  }
  H5::H5File file(path.string(), H5F_ACC_TRUNC);
  const hsize_t dims[2] = {static_cast<hsize_t>(n), static_cast<hsize_t>(d)};
  H5::Group group = file.createGroup("layer");
  group.createDataSet("features", H5::PredType::NATIVE_FLOAT, H5::DataSpace(2, dims))
      .write(values.data(), H5::PredType::NATIVE_FLOAT);
  const hsize_t count = n;
  file.createDataSet("labels", H5::PredType::NATIVE_INT32, H5::DataSpace(1, &count))
      .write(labels.data(), H5::PredType::NATIVE_INT32);
  return path;
}

TEST(CliGeometry, ClustersNearPointsHaveCapacityNearTwo) {
  const fs::path file = write_clusters(8, 6, 24);
  const auto run = test::run_cli("geometry '" + file.string() +
                                 "' --features /layer/features --labels /labels --n-t 1500 --seed 3 --threads 2 --json");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string& json = run.out;
  ASSERT_EQ(json.front(), '{') << json;
  for (const char* key : {"capacity", "dimension", "radius", "utility", "center_alignment", "axis_alignment",
                          "center_axis_alignment", "center_alignment_abs_inner", "axis_alignment_signed",
                          "active_fraction", "participation_ratio", "nc1", "seconds", "diagnostics", "options"})
    EXPECT_NE(json.find(std::string("\"") + key + "\":"), std::string::npos) << key;
  // Tight clusters behave like P orthonormal points: E[a] = P/2. n_t = 1500, P = 8: sd of alpha ~0.04; the
  // clusters' spread (1e-3) lowers alpha by far less. Tolerance 0.15.
  EXPECT_NEAR(json_number(json, "capacity"), 2.0, 0.15);
  EXPECT_EQ(json_number(json, "num_manifolds"), 8);
  EXPECT_EQ(json_number(json, "num_points"), 48);
  EXPECT_EQ(json_number(json, "failed_solves"), 0);
  // Orthogonal class centers: center alignment ~0; NC1 tiny (within-class spread 1e-3 vs centers 1 apart).
  EXPECT_LT(json_number(json, "center_alignment"), 0.01);
  EXPECT_LT(json_number(json, "nc1"), 1e-4);
  // Identity of spec 4.1 survives the JSON round trip (Qt prints doubles with 17 digits).
  const double D = json_number(json, "dimension"), R = json_number(json, "radius"),
               psi = json_number(json, "utility");
  EXPECT_NEAR(psi * (1 + 1 / (R * R)) / D, json_number(json, "capacity"), 1e-9);
}

TEST(CliGeometry, TableAndErrors) {
  const fs::path file = write_clusters(4, 5, 10);
  const auto table = test::run_cli("geometry '" + file.string() + "' --features /layer/features --labels /labels "
                                   "--n-t 50 --repeats 2 --inactive B --points-per-manifold 3");
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("capacity"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("+-"), std::string::npos) << table.out;  // spread over the 2 repeats
  EXPECT_NE(table.out.find("inactive zero_axis"), std::string::npos) << table.out;

  const auto missing = test::run_cli("geometry '" + file.string() + "' --features /nope --labels /labels");
  EXPECT_NE(missing.exit_code, 0);
  EXPECT_FALSE(missing.err.empty());
  const auto bad = test::run_cli("geometry '" + file.string() +
                                 "' --features /layer/features --labels /labels --dichotomies sometimes");
  EXPECT_TRUE(test::refused_with(bad, 2, "--dichotomies"));
}

}  // namespace
}  // namespace ms

namespace ms {
namespace {

// P = 2 unit-radius D-spheres (M = 200 points each) around random unit centers in N = 1000 (spec glue.md check 5).
fs::path write_spheres(int D) {
  const int P = 2, M = 200, N = 1000;
  std::mt19937 rng(11 + D);
  std::normal_distribution<double> normal;
  auto random_unit = [&] {
    std::vector<double> v(N);
    double norm = 0;
    for (double& x : v) {
      x = normal(rng);
      norm += x * x;
    }
    for (double& x : v) x /= std::sqrt(norm);
    return v;
  };
  std::vector<float> values;
  std::vector<int32_t> labels;
  for (int mu = 0; mu < P; ++mu) {
    const std::vector<double> center = random_unit();
    std::vector<std::vector<double>> axes;  // D random unit directions: nearly orthonormal in N = 1000
    for (int k = 0; k < D; ++k) axes.push_back(random_unit());
    for (int i = 0; i < M; ++i) {
      std::vector<double> u(D);
      double norm = 0;
      for (double& x : u) {
        x = normal(rng);
        norm += x * x;
      }
      for (int j = 0; j < N; ++j) {
        double x = center[j];
        for (int k = 0; k < D; ++k) x += u[k] / std::sqrt(norm) * axes[k][j];
        values.push_back(static_cast<float>(x));
      }
      labels.push_back(mu);
    }
  }
  const fs::path path = fs::path(MS_TEST_OUTPUT_DIR) / "cli-geometry" / ("spheres" + std::to_string(D) + ".h5");
  fs::create_directories(path.parent_path());
  H5::H5File file(path.string(), H5F_ACC_TRUNC);
  const hsize_t dims[2] = {static_cast<hsize_t>(P * M), static_cast<hsize_t>(N)};
  file.createDataSet("features", H5::PredType::NATIVE_FLOAT, H5::DataSpace(2, dims))
      .write(values.data(), H5::PredType::NATIVE_FLOAT);
  const hsize_t count = labels.size();
  file.createDataSet("labels", H5::PredType::NATIVE_INT32, H5::DataSpace(1, &count))
      .write(labels.data(), H5::PredType::NATIVE_INT32);
  return path;
}

TEST(CliGeometry, SpheresGiveTheFiniteSampleCapacityAndGrowingDimension) {
  // Spec check 5 (finite M): alpha ~0.69 (D=2), ~0.43 (D=4), ~0.28 (D=8) from an independent implementation, theory
  // 2/(D+1) = 0.667, 0.400, 0.222 for M -> infinity. n_t = 200 with P = 2 leaves a few percent of sampling noise:
  // tolerance 10 %. D_eff must grow with D (spec check 6, the hard requirement).
  const double expected[] = {0.69, 0.43, 0.28};
  double previous_dimension = 0;
  int index = 0;
  for (int D : {2, 4, 8}) {
    const auto run = test::run_cli("geometry '" + write_spheres(D).string() +
                                   "' --features features --labels labels --points-per-manifold 200 --json");
    ASSERT_EQ(run.exit_code, 0) << run.err;
    const double alpha = json_number(run.out, "capacity"), dimension = json_number(run.out, "dimension");
    EXPECT_NEAR(alpha, expected[index], 0.1 * expected[index]) << "D = " << D;
    EXPECT_GT(dimension, previous_dimension) << "D = " << D;
    previous_dimension = dimension;
    ++index;
  }
}

}  // namespace
}  // namespace ms
