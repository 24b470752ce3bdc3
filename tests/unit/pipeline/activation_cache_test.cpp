// The activation cache: file round trip, a re-run with other GLUE options computed from it without the sample's
// forward pass, and damaged or foreign cache files ignored with a warning.
#include "core/pipeline/activation_cache.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "core/data/dataset_registry.h"
#include "core/pipeline/analyse_job.h"
#include "core/store/project_file.h"
#include "tests/unit/pipeline/test_cnn.h"

namespace ms::pipeline {
namespace {
namespace fs = std::filesystem;

fs::path fresh_dir(const std::string& name) {
  const fs::path dir = fs::path(MS_TEST_OUTPUT_DIR) / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

model::RowMatrixXf random_matrix(Eigen::Index rows, Eigen::Index cols, unsigned seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<float> normal;
  model::RowMatrixXf m(rows, cols);
  for (Eigen::Index j = 0; j < cols; ++j)
    for (Eigen::Index i = 0; i < rows; ++i) m(i, j) = normal(rng);
  return m;
}

TEST(ActivationCache, RoundTripPicksRowsByDatasetIndex) {
  const fs::path dir = fresh_dir("cache-round-trip");
  const std::string file = activation_cache_file((dir / "p.msproj").string(), "abc123");
  EXPECT_EQ(file, (dir / "p.msproj.activations" / "abc123.h5").string());
  ActivationCacheKey key{"abc123", "fashion-mnist:test", 100, {}, 7};
  key.normalization.scale = 1.0f / 255.0f;
  const std::vector<int64_t> rows = {3, 10, 42, 57, 99, 0};
  Eigen::VectorXi labels(6);
  labels << 0, 0, 1, 1, 2, 2;
  // Wider than one chunk row and with a '/' in the id, so both the chunking and the name escaping are exercised.
  const std::vector<model::RowMatrixXf> values = {random_matrix(6, 300000, 1), random_matrix(6, 3, 2)};
  ASSERT_TRUE(write_activation_cache(file, key, rows, labels, {"block/conv:conv2d", "fc:linear"}, {{3, 100, 1000}, {3}},
                                     values).ok());
  ASSERT_TRUE(fs::exists(file));

  // A subset of the rows in another order comes back bit-identical, row i for dataset row wanted[i].
  const std::vector<int64_t> wanted = {57, 3, 0};
  Eigen::VectorXi wanted_labels(3);
  wanted_labels << 1, 0, 2;
  auto read = read_activation_cache(file, key, wanted, wanted_labels, {"fc:linear", "block/conv:conv2d"});
  ASSERT_TRUE(read.ok()) << read.error();
  ASSERT_TRUE(read->has_value());
  const auto& got = **read;
  ASSERT_EQ(got.size(), 2u);
  ASSERT_EQ(got[1].rows(), 3);
  ASSERT_EQ(got[1].cols(), 300000);
  const int source[3] = {3, 0, 5};  // positions of 57, 3, 0 in rows
  for (int i = 0; i < 3; ++i) {
    EXPECT_TRUE((got[0].row(i).array() == values[1].row(source[i]).array()).all()) << i;
    EXPECT_TRUE((got[1].row(i).array() == values[0].row(source[i]).array()).all()) << i;
  }

  // Misses: a row, a layer, another normalisation, dataset size or checkpoint; no file.
  auto miss = [&](const ActivationCacheKey& k, std::vector<int64_t> r, Eigen::VectorXi y, std::vector<std::string> ids) {
    auto result = read_activation_cache(file, k, r, y, ids);
    EXPECT_TRUE(result.ok()) << result.error();
    return result.ok() && !result->has_value();
  };
  EXPECT_TRUE(miss(key, {57, 4}, Eigen::VectorXi::Constant(2, 1), {"fc:linear"}));
  EXPECT_TRUE(miss(key, wanted, wanted_labels, {"fc:linear", "fc2:linear"}));
  ActivationCacheKey other = key;
  other.normalization.scale = 1.0f;
  EXPECT_TRUE(miss(other, wanted, wanted_labels, {"fc:linear"}));
  other = key;
  other.item_count = 101;
  EXPECT_TRUE(miss(other, wanted, wanted_labels, {"fc:linear"}));
  other = key;
  other.sha256 = "def456";
  EXPECT_TRUE(miss(other, wanted, wanted_labels, {"fc:linear"}));
  EXPECT_TRUE(miss(key, wanted, wanted_labels, {}) == false);  // no layers asked: a (trivial) hit
  auto nofile = read_activation_cache((dir / "none.h5").string(), key, wanted, wanted_labels, {"fc:linear"});
  ASSERT_TRUE(nofile.ok());
  EXPECT_FALSE(nofile->has_value());

  // Labels that disagree with the cached ones: the same id names other data, an error (the caller rebuilds).
  Eigen::VectorXi wrong = wanted_labels;
  wrong[0] = 2;
  EXPECT_FALSE(read_activation_cache(file, key, wanted, wrong, {"fc:linear"}).ok());

  // A second dataset of the same checkpoint is added beside the first, which is kept.
  ActivationCacheKey second = key;
  second.dataset = "cifar10:test";
  ASSERT_TRUE(write_activation_cache(file, second, {5}, Eigen::VectorXi::Constant(1, 4), {"fc:linear"}, {{3}},
                                     {random_matrix(1, 3, 9)}).ok());
  auto first_again = read_activation_cache(file, key, wanted, wanted_labels, {"fc:linear"});
  ASSERT_TRUE(first_again.ok() && first_again->has_value());
  EXPECT_TRUE(((**first_again)[0] - got[0]).isZero(0));
  auto second_read = read_activation_cache(file, second, {5}, Eigen::VectorXi::Constant(1, 4), {"fc:linear"});
  ASSERT_TRUE(second_read.ok() && second_read->has_value());
}

TEST(ActivationCache, ForeignAndTruncatedFilesAreErrorsNotCrashes) {
  const fs::path dir = fresh_dir("cache-foreign");
  ActivationCacheKey key{"abc", "d", 10, {}, 0};
  const std::vector<int64_t> rows = {1, 2};
  const Eigen::VectorXi labels = Eigen::VectorXi::Zero(2);
  const std::string text = (dir / "text.h5").string();
  std::ofstream(text) << "not HDF5 at all";
  auto read = read_activation_cache(text, key, rows, labels, {"x"});
  ASSERT_FALSE(read.ok());
  EXPECT_NE(read.error().find("text.h5"), std::string::npos) << read.error();

  // A valid HDF5 file of another kind (a project file).
  const std::string project = (dir / "project.h5").string();
  ASSERT_TRUE(store::write_project(store::Project{}, project).ok());
  EXPECT_FALSE(read_activation_cache(project, key, rows, labels, {"x"}).ok());

  // A cache cut in half.
  const std::string cut = (dir / "cut.h5").string();
  ASSERT_TRUE(write_activation_cache(cut, key, rows, labels, {"x"}, {{50000}}, {random_matrix(2, 50000, 3)}).ok());
  fs::resize_file(cut, fs::file_size(cut) / 2);
  EXPECT_FALSE(read_activation_cache(cut, key, rows, labels, {"x"}).ok());
}

// Progress that remembers its messages.
class RecordingProgress final : public Progress {
 public:
  void report(double, const std::string& message) override { messages.push_back(message); }
  bool any(const std::string& part) const {
    for (const std::string& message : messages)
      if (message.find(part) != std::string::npos) return true;
    return false;
  }
  std::vector<std::string> messages;
};

// The first 1500 Fashion-MNIST test images as an uncompressed IDX pair in dir (the ID logits of every run are the
// slow part on the full 10000). Returns the images file, a dataset spec for open_dataset.
std::string write_small_id_set(const fs::path& dir) {
  auto full = data::open_dataset("fashion-mnist:test");
  EXPECT_TRUE(full.ok()) << full.error();
  const uint32_t n = 1500;
  auto big_endian = [](std::ofstream& out, uint32_t v) {
    const char bytes[4] = {char(v >> 24), char(v >> 16), char(v >> 8), char(v)};
    out.write(bytes, 4);
  };
  const fs::path images = dir / "small-images-idx3-ubyte", labels = dir / "small-labels-idx1-ubyte";
  std::ofstream image_out(images, std::ios::binary), label_out(labels, std::ios::binary);
  for (uint32_t v : {0x803u, n, 28u, 28u}) big_endian(image_out, v);
  for (uint32_t v : {0x801u, n}) big_endian(label_out, v);
  for (uint32_t i = 0; i < n * 784; ++i) image_out.put(static_cast<char>(full->values[i]));
  for (uint32_t i = 0; i < n; ++i) label_out.put(static_cast<char>(full->labels[i]));
  return images.string();
}

AnalyseOptions cache_options(const fs::path& dir, const std::string& project) {
  AnalyseOptions options;
  options.checkpoints = {(dir / "cnn.pt").string()};
  options.id_dataset = write_small_id_set(dir);
  options.layers = {"conv2d", "relu", "linear"};  // three of the five layers keep the test quick
  options.glue.points_per_manifold = 12;
  options.glue.n_t = 20;
  options.glue.threads = 2;
  // The exact mean covariance is O(n d^2) on the 3136-wide layers; the seeded pair estimate is as deterministic.
  options.baselines.covariance_exact_max_features = 256;
  options.baselines.covariance_pairs = 20000;
  options.project_path = (dir / project).string();
  options.cache_activations = true;
  return options;
}

std::vector<store::GeometryEntry> geometry_of(const std::string& project_path) {
  auto project = store::read_project(project_path);
  EXPECT_TRUE(project.ok()) << project.error();
  return project.ok() ? project->geometry : std::vector<store::GeometryEntry>{};
}

// Every marker (not the timings) of every layer agrees to 1e-9 (relative to the value's size, at least 1).
void expect_same_markers(const std::vector<store::GeometryEntry>& a, const std::vector<store::GeometryEntry>& b) {
  ASSERT_EQ(a.size(), b.size());
  ASSERT_FALSE(a.empty());
  for (size_t l = 0; l < a.size(); ++l) {
    EXPECT_EQ(a[l].layer, b[l].layer);
    ASSERT_EQ(a[l].markers.size(), b[l].markers.size()) << a[l].layer;
    for (const auto& [name, value] : a[l].markers)
      if (name.find("seconds") == std::string::npos) {  // timings differ
        EXPECT_NEAR(value, b[l].markers.at(name), 1e-9 * std::max(1.0, std::abs(value))) << a[l].layer << " " << name;
      }
  }
}

Result<AnalyseSummary> run(const AnalyseOptions& options, RecordingProgress& progress) {
  CancelToken cancel;
  return run_analyse(options, progress, cancel);
}

// `options` without the activation cache, into dir/plain.msproj: the reference a cached run must match.
AnalyseOptions without_cache(const AnalyseOptions& options, const fs::path& dir) {
  AnalyseOptions plain = options;
  plain.cache_activations = false;
  plain.project_path = (dir / "plain.msproj").string();
  return plain;
}

TEST(ActivationCache, RerunWithOtherGlueOptionsReadsTheCache) {
  const fs::path dir = fresh_dir("cache-rerun");
  fixtures::write_cnn(dir, "cnn", 5);

  // First run: computes and writes the cache.
  AnalyseOptions options = cache_options(dir, "cached.msproj");
  RecordingProgress first;
  auto summary = run(options, first);
  ASSERT_TRUE(summary.ok()) << summary.error();
  EXPECT_EQ(summary->analysed, 1);
  EXPECT_EQ(summary->cache_hits, 0);
  EXPECT_TRUE(summary->warnings.empty());
  EXPECT_TRUE(first.any("activations: batch"));
  ASSERT_EQ(fs::directory_iterator(dir / "cached.msproj.activations") != fs::directory_iterator(), true);

  // Other GLUE options: the checkpoint is recomputed, its sample comes from the cache and the model's tap pass
  // never runs (it reports "activations: batch" per batch).
  options.glue.n_t = 15;
  options.glue.dichotomies = geometry::Dichotomies::one_vs_rest;
  RecordingProgress second;
  summary = run(options, second);
  ASSERT_TRUE(summary.ok()) << summary.error();
  EXPECT_EQ(summary->analysed, 1);
  EXPECT_EQ(summary->cache_hits, 1);
  EXPECT_TRUE(second.any("from cache"));
  EXPECT_FALSE(second.any("activations: batch"));
  const auto cached = geometry_of(options.project_path);

  // The same options without the cache, into another project: the same markers.
  AnalyseOptions plain = without_cache(options, dir);
  RecordingProgress third;
  auto uncached = run(plain, third);
  ASSERT_TRUE(uncached.ok()) << uncached.error();
  EXPECT_EQ(uncached->cache_hits, 0);
  EXPECT_TRUE(third.any("activations: batch"));
  expect_same_markers(cached, geometry_of(plain.project_path));

  // Fewer points per class: the smaller class-balanced sample is a subset of the cached one.
  options.glue.points_per_manifold = 8;
  RecordingProgress fourth;
  summary = run(options, fourth);
  ASSERT_TRUE(summary.ok()) << summary.error();
  EXPECT_EQ(summary->cache_hits, 1);
  EXPECT_FALSE(fourth.any("activations: batch"));
  plain.glue.points_per_manifold = 8;
  RecordingProgress fifth;
  ASSERT_TRUE(run(plain, fifth).ok());
  // The rows went through the model in other batches (80 vs 120 items): float results may differ in the last bit,
  // which GLUE's n_t solves amplify little; 1e-9 held exactly in practice, keep it.
  expect_same_markers(geometry_of(options.project_path), geometry_of(plain.project_path));

  // More points per class than cached: a miss, the model runs and the cache is rewritten with the larger sample.
  options.glue.points_per_manifold = 14;
  RecordingProgress sixth;
  summary = run(options, sixth);
  ASSERT_TRUE(summary.ok()) << summary.error();
  EXPECT_EQ(summary->cache_hits, 0);
  EXPECT_TRUE(sixth.any("activations: batch"));
}

TEST(ActivationCache, DamagedCacheGivesAWarningAndCorrectResults) {
  const fs::path dir = fresh_dir("cache-damaged");
  const std::string checkpoint = fixtures::write_cnn(dir, "cnn", 6);
  AnalyseOptions options = cache_options(dir, "cached.msproj");
  RecordingProgress progress;
  auto summary = run(options, progress);
  ASSERT_TRUE(summary.ok()) << summary.error();
  const fs::path folder = dir / "cached.msproj.activations";
  ASSERT_FALSE(fs::is_empty(folder));
  const fs::path file = fs::directory_iterator(folder)->path();

  // Overwrite the middle of the cache file with garbage; then re-run with another GLUE option.
  {
    std::fstream damage(file, std::ios::in | std::ios::out | std::ios::binary);
    damage.seekp(static_cast<std::streamoff>(fs::file_size(file) / 3));
    const std::string junk(4096, '\x5a');
    damage.write(junk.data(), static_cast<std::streamsize>(junk.size()));
  }
  options.glue.n_t = 16;
  RecordingProgress damaged;
  summary = run(options, damaged);
  ASSERT_TRUE(summary.ok()) << summary.error();
  EXPECT_EQ(summary->analysed, 1);
  EXPECT_EQ(summary->cache_hits, 0);
  ASSERT_EQ(summary->warnings.size(), 1u);
  EXPECT_NE(summary->warnings[0].find(file.filename().string()), std::string::npos) << summary->warnings[0];
  EXPECT_TRUE(damaged.any("warning: activation cache ignored"));

  AnalyseOptions plain = without_cache(options, dir);
  RecordingProgress quiet;
  ASSERT_TRUE(run(plain, quiet).ok());
  expect_same_markers(geometry_of(options.project_path), geometry_of(plain.project_path));

  // The cache was rebuilt: the next change of GLUE options reads it again.
  options.glue.n_t = 17;
  RecordingProgress rebuilt;
  summary = run(options, rebuilt);
  ASSERT_TRUE(summary.ok()) << summary.error();
  EXPECT_EQ(summary->cache_hits, 1);
  EXPECT_TRUE(summary->warnings.empty());

  // A foreign file in its place (not HDF5): a warning, then rebuilt.
  std::ofstream(file, std::ios::trunc) << "something else";
  options.glue.n_t = 18;
  RecordingProgress foreign;
  summary = run(options, foreign);
  ASSERT_TRUE(summary.ok()) << summary.error();
  EXPECT_EQ(summary->analysed, 1);
  EXPECT_EQ(summary->warnings.size(), 1u);
  EXPECT_EQ(summary->cache_hits, 0);
  (void)checkpoint;
}

}  // namespace
}  // namespace ms::pipeline
