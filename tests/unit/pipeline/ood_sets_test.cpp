// `--ood-set` and `--ood-limit` in the whole analysis: a real TorchScript CNN, the real Fashion-MNIST test set as the
// ID data, and a CIFAR-10-C style .npy folder of real Fashion-MNIST images as the user's OOD set.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <optional>

#include "core/data/corruptions.h"
#include "core/data/dataset_registry.h"
#include "core/data/sampling.h"
#include "core/model/compute_logits.h"
#include "core/model/evaluate_logits.h"
#include "core/model/model.h"
#include "core/pipeline/analyse_job.h"
#include "core/pipeline/ood_inputs.h"
#include "core/store/ood_sets.h"
#include "core/store/project_file.h"
#include "tests/unit/data/ood_folder.h"
#include "tests/unit/pipeline/test_cnn.h"

namespace ms::pipeline {
namespace {
namespace fs = std::filesystem;

// A folder of its own per test process (CTest runs the cases in parallel processes).
fs::path fresh_dir(const std::string& name) {
  const fs::path dir = fs::path(MS_TEST_OUTPUT_DIR) / (name + "-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "checkpoints");
  fs::create_directories(dir / "c10c");
  return dir;
}

// Small geometry (one layer, few points) so the OOD evaluation is what the test spends its time on.
AnalyseOptions small_options(const fs::path& dir, const std::string& project) {
  AnalyseOptions options;
  options.checkpoints = {(dir / "checkpoints").string()};
  options.layers = {"linear"};
  options.glue.points_per_manifold = 10;
  options.glue.n_t = 20;
  options.glue.threads = 2;
  options.seed = 5;
  options.project_path = (dir / project).string();
  return options;
}

// The project a run of one checkpoint wrote (at options.project_path); nullopt, with the reason as a test failure,
// unless the run worked, analysed exactly that checkpoint and left a readable project.
std::optional<store::Project> project_of_one(const Result<AnalyseSummary>& summary, const AnalyseOptions& options) {
  if (!summary.ok()) {
    ADD_FAILURE() << summary.error();
    return std::nullopt;
  }
  if (summary->analysed != 1) {
    ADD_FAILURE() << "analysed " << summary->analysed << " checkpoints, not 1: "
                  << (summary->failures.empty() ? "" : summary->failures[0]);
    return std::nullopt;
  }
  auto project = store::read_project(options.project_path);
  if (!project.ok()) {
    ADD_FAILURE() << project.error();
    return std::nullopt;
  }
  return std::move(*project);
}

// Accuracy of the checkpoint on `dataset`, evaluated here directly with the analysis's batching (uint8 as 0..1).
double direct_accuracy(const std::string& checkpoint, const data::Dataset& dataset) {
  auto net = model::load_model(checkpoint);
  EXPECT_TRUE(net.ok()) << net.error();
  model::BatchOptions batch;
  batch.normalization.scale = 1.0f / 255.0f;
  NullProgress progress;
  CancelToken cancel;
  const Eigen::Map<const model::RowMatrixXf> X(dataset.values.data(), dataset.count(), dataset.item_size());
  auto logits = model::compute_logits(*net, X, dataset.item_shape, batch, progress, cancel);
  EXPECT_TRUE(logits.ok()) << logits.error();
  auto evaluation = model::evaluate_logits(*logits, dataset.labels);
  EXPECT_TRUE(evaluation.ok()) << evaluation.error();
  return evaluation->accuracy;
}

data::Dataset rows_of(const data::Dataset& dataset, const std::vector<int64_t>& rows) {
  data::Dataset subset = dataset;
  subset.values.clear();
  subset.labels.clear();
  for (int64_t row : rows) {
    subset.values.insert(subset.values.end(), dataset.item(row), dataset.item(row) + dataset.item_size());
    subset.labels.push_back(dataset.labels[static_cast<size_t>(row)]);
  }
  return subset;
}

// The Wilson 95 % bounds as the roots of (1 + z^2/n) p^2 - (2 q + z^2/n) p + q^2 = 0, q = k/n (closed form).
std::pair<double, double> wilson_roots(double accuracy, double n) {
  const double z = 1.959963984540054, k = std::round(accuracy * n), q = k / n;
  const double a = 1 + z * z / n, b = -(2 * q + z * z / n), c = q * q, root = std::sqrt(b * b - 4 * a * c);
  return {std::max(0.0, (-b - root) / (2 * a)), std::min(1.0, (-b + root) / (2 * a))};
}

const store::EvaluationEntry& evaluation_of(const store::Project& project, const std::string& dataset) {
  for (const auto& evaluation : project.evaluations)
    if (evaluation.dataset == dataset) return evaluation;
  static const store::EvaluationEntry none;
  ADD_FAILURE() << "no evaluation on " << dataset;
  return none;
}

void expect_wilson(const store::EvaluationEntry& evaluation, double n) {
  const auto& m = evaluation.metrics;
  ASSERT_TRUE(m.count("accuracy") && m.count(store::kAccuracyLow) && m.count(store::kAccuracyHigh));
  EXPECT_EQ(m.at(store::kEvaluatedItems), n) << evaluation.dataset;
  const auto [low, high] = wilson_roots(m.at("accuracy"), n);
  EXPECT_NEAR(m.at(store::kAccuracyLow), low, 1e-12) << evaluation.dataset;
  EXPECT_NEAR(m.at(store::kAccuracyHigh), high, 1e-12) << evaluation.dataset;
}

TEST(OodSets, AUserSetIsEvaluatedLikeTheSameImagesDirectly) {
  const fs::path dir = fresh_dir("pipeline-ood-user");
  const std::string checkpoint = fixtures::write_cnn(dir / "checkpoints", "cnn_a", 1);
  ASSERT_EQ(test::write_fashion_corruption((dir / "c10c").string(), "fog", 100), "");
  AnalyseOptions options = small_options(dir, "user.msproj");
  const std::string spec = (dir / "c10c" / "fog.npy:3").string();
  options.ood_sets = {{"fmnist-c", spec}};
  CancelToken cancel;
  NullProgress progress;
  auto summary = run_analyse(options, progress, cancel);
  const std::optional<store::Project> project = project_of_one(summary, options);
  ASSERT_TRUE(project);
  // Severity 3 = the third block of 100 rows: Fashion-MNIST test images 200..299, evaluated exactly alike.
  const store::EvaluationEntry& evaluation = evaluation_of(*project, "fmnist-c");
  EXPECT_EQ(evaluation.metrics.at("accuracy"), direct_accuracy(checkpoint, test::fashion_rows(200, 100)));
  expect_wilson(evaluation, 100);
  const auto sets = store::ood_sets(*project, "fashion-mnist:test");
  ASSERT_EQ(sets.size(), 1u);
  EXPECT_EQ(sets[0].name, "fmnist-c");
  auto entry = std::find_if(project->datasets.begin(), project->datasets.end(),
                            [](const auto& d) { return d.id == "fmnist-c"; });
  ASSERT_NE(entry, project->datasets.end());
  EXPECT_EQ(entry->kind, store::kOodSetKind);
  EXPECT_EQ(entry->source, spec);  // what a re-run compares against

  std::ifstream csv(summary->csv_path);
  std::string header;
  std::getline(csv, header);
  for (const char* column :
       {"acc_fmnist-c", "acc_fmnist-c_low", "acc_fmnist-c_high", "acc_fmnist-c_n", "loss_fmnist-c"})
    EXPECT_NE(header.find(column), std::string::npos) << column << " missing in " << header;

  // The same options again: complete, skipped. Another spec under the same name: evaluated again.
  auto again = run_analyse(options, progress, cancel);
  ASSERT_TRUE(again.ok()) << again.error();
  EXPECT_EQ(again->skipped, 1);
  options.ood_sets[0].spec = (dir / "c10c" / "fog.npy:4").string();
  auto changed = run_analyse(options, progress, cancel);
  ASSERT_TRUE(changed.ok()) << changed.error();
  EXPECT_EQ(changed->analysed, 1);
  auto rerun = store::read_project(options.project_path);
  EXPECT_EQ(evaluation_of(*rerun, "fmnist-c").metrics.at("accuracy"),
            direct_accuracy(checkpoint, test::fashion_rows(300, 100)));
}

TEST(OodSets, TheLimitTakesAStratifiedSeededSubsampleOfEveryOodSet) {
  const fs::path dir = fresh_dir("pipeline-ood-limit");
  const std::string checkpoint = fixtures::write_cnn(dir / "checkpoints", "cnn_b", 2);
  ASSERT_EQ(test::write_fashion_corruption((dir / "c10c").string(), "fog", 100), "");
  AnalyseOptions options = small_options(dir, "limit.msproj");
  options.shifts = {{"contrast", 3}};
  options.ood_sets = {{"fmnist-c", (dir / "c10c" / "fog.npy").string()}};  // all 500 rows
  options.ood_limit = 25;
  CancelToken cancel;
  NullProgress progress;
  const std::optional<store::Project> project = project_of_one(run_analyse(options, progress, cancel), options);
  ASSERT_TRUE(project);

  // The user set: 25 of its 500 rows, 2 or 3 of each of the 10 classes, as data::sample_stratified draws them.
  const data::Dataset all = test::fashion_rows(0, 500);
  auto rows = data::sample_stratified(all.labels, 10, 25, options.seed);
  ASSERT_TRUE(rows.ok()) << rows.error();
  ASSERT_EQ(rows->size(), 25u);
  std::vector<int> counts(10, 0);
  for (int64_t row : *rows) ++counts[all.labels[static_cast<size_t>(row)]];
  EXPECT_LE(*std::max_element(counts.begin(), counts.end()) - *std::min_element(counts.begin(), counts.end()), 1);
  const store::EvaluationEntry& user = evaluation_of(*project, "fmnist-c");
  EXPECT_EQ(user.metrics.at("accuracy"), direct_accuracy(checkpoint, rows_of(all, *rows)));
  expect_wilson(user, 25);

  // The built-in shift: the same kind of subsample of the whole corrupted copy.
  auto id = data::open_dataset("fashion-mnist:test");
  ASSERT_TRUE(id.ok()) << id.error();
  auto contrast = data::apply_shift(*id, {"contrast", 3}, options.seed);
  ASSERT_TRUE(contrast.ok()) << contrast.error();
  auto shift_rows = data::sample_stratified(contrast->labels, 10, 25, options.seed);
  const store::EvaluationEntry& shifted = evaluation_of(*project, "fashion-mnist:test+contrast:3");
  EXPECT_EQ(shifted.metrics.at("accuracy"), direct_accuracy(checkpoint, rows_of(*contrast, *shift_rows)));
  expect_wilson(shifted, 25);

  // Deterministic: a fresh project with the same seed stores the same numbers; the limit is part of what a re-run
  // compares, so another limit recomputes.
  AnalyseOptions same = options;
  same.project_path = (dir / "limit-again.msproj").string();
  ASSERT_TRUE(run_analyse(same, progress, cancel).ok());
  auto second = store::read_project(same.project_path);
  EXPECT_EQ(evaluation_of(*second, "fmnist-c").metrics, user.metrics);
  EXPECT_EQ(evaluation_of(*second, "fashion-mnist:test+contrast:3").metrics, shifted.metrics);
  same.ood_limit = 30;
  auto other_limit = run_analyse(same, progress, cancel);
  ASSERT_TRUE(other_limit.ok()) << other_limit.error();
  EXPECT_EQ(other_limit->analysed, 1);
  EXPECT_EQ(evaluation_of(*store::read_project(same.project_path), "fmnist-c").metrics.at(store::kEvaluatedItems), 30);
}

TEST(OodSets, BadSetsAreClearErrorsNamingThem) {
  const fs::path dir = fresh_dir("pipeline-ood-bad");
  fixtures::write_cnn(dir / "checkpoints", "cnn_c", 3);
  const std::string c10c = (dir / "c10c").string();
  test::write_blank_images(c10c, "colour", 20, 32, 32, 3, 10);  // CIFAR-sized: not the ID set's 1x28x28
  test::write_blank_images(c10c, "five", 20, 28, 28, 1, 5);     // labels 0..4: five classes, not ten
  CancelToken cancel;
  NullProgress progress;
  auto error_of = [&](const std::string& name, const std::string& spec) {
    AnalyseOptions options = small_options(dir, "bad.msproj");
    options.ood_sets = {{name, spec}};
    auto summary = run_analyse(options, progress, cancel);
    return summary.ok() ? std::string("no error") : summary.error();
  };
  const std::string shape = error_of("cifar", c10c + "/colour.npy");
  EXPECT_NE(shape.find("--ood-set cifar"), std::string::npos) << shape;
  EXPECT_NE(shape.find("3x32x32"), std::string::npos) << shape;
  EXPECT_NE(shape.find("1x28x28"), std::string::npos) << shape;
  const std::string classes = error_of("five", c10c + "/five.npy");
  EXPECT_NE(classes.find("--ood-set five"), std::string::npos) << classes;
  EXPECT_NE(classes.find("5 classes"), std::string::npos) << classes;
  const std::string missing = error_of("gone", c10c + "/no-such.npy");
  EXPECT_NE(missing.find("--ood-set gone"), std::string::npos) << missing;
  EXPECT_NE(missing.find("no-such.npy"), std::string::npos) << missing;
  const std::string clash = error_of("fashion-mnist:test", c10c + "/five.npy");
  EXPECT_NE(clash.find("taken by the ID dataset"), std::string::npos) << clash;
  EXPECT_FALSE(fs::exists(dir / "bad.msproj")) << "a failed start writes no project";
}

TEST(OodSets, NameEqualsSpecIsParsedOrRejectedWithTheReason) {
  auto set = parse_ood_set(" c10c-fog3 = CIFAR-10-C/fog.npy:3 ");
  ASSERT_TRUE(set.ok()) << set.error();
  EXPECT_EQ(set->name, "c10c-fog3");
  EXPECT_EQ(set->spec, "CIFAR-10-C/fog.npy:3");
  auto spec_with_equals = parse_ood_set("h5=data.h5:images=x");  // only the first '=' splits
  ASSERT_TRUE(spec_with_equals.ok());
  EXPECT_EQ(spec_with_equals->spec, "data.h5:images=x");
  for (auto [text, reason] : {std::pair<const char*, const char*>{"fog.npy", "expected NAME=SPEC"},
                              {"=fog.npy", "NAME before '=' is empty"},
                              {"mine=", "SPEC after '=' is empty"},
                              {"my set=fog.npy", "may only hold letters"},
                              {"fog:3=fog.npy:3", "built-in shift"}}) {
    auto bad = parse_ood_set(text);
    ASSERT_FALSE(bad.ok()) << text;
    EXPECT_NE(bad.error().find(text), std::string::npos) << bad.error();
    EXPECT_NE(bad.error().find(reason), std::string::npos) << bad.error();
  }
  auto list = parse_ood_sets("a=x.npy; b = y.npy:2 ;");
  ASSERT_TRUE(list.ok()) << list.error();
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[1].spec, "y.npy:2");
  EXPECT_FALSE(parse_ood_sets("a=x.npy; oops").ok());
  AnalyseOptions twice;
  twice.ood_sets = {{"a", "x.npy"}, {"a", "y.npy"}};
  EXPECT_NE(check_ood_set_names(twice).error().find("given twice"), std::string::npos);
}

}  // namespace
}  // namespace ms::pipeline
