// The whole analysis on a real (untrained) TorchScript CNN and the real Fashion-MNIST test set.
#include "core/pipeline/analyse_job.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <cctype>
#include <cstdio>
#include <map>
#include <fstream>
#include <set>

#include "core/store/marker_catalogue.h"
#include "core/store/ood_sets.h"
#include "core/store/project_file.h"
#include "tests/unit/pipeline/test_cnn.h"

namespace ms::pipeline {
namespace {
namespace fs = std::filesystem;

using fixtures::write_cnn;

AnalyseOptions quick_options(const fs::path& dir) {
  AnalyseOptions options;
  options.checkpoints = {dir.string()};
  options.id_dataset = "fashion-mnist:test";
  options.shifts = {{"fog", 3}, {"gaussian_noise", 5}};
  options.transfer_dataset = "uci-digits@28x28";
  options.glue.points_per_manifold = 20;
  options.glue.n_t = 40;
  options.glue.threads = 2;
  options.project_path = (dir / "sweep.msproj").string();
  return options;
}

// A fresh folder under the test output holding two small CNN checkpoints, cnn_a and cnn_b.
fs::path folder_of_two_cnns(const std::string& name) {
  const fs::path dir = fs::path(MS_TEST_OUTPUT_DIR) / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  write_cnn(dir, "cnn_a", 1);
  write_cnn(dir, "cnn_b", 2);
  return dir;
}

class CountingProgress final : public Progress {
 public:
  void report(double fraction, const std::string&) override {
    EXPECT_GE(fraction, last - 1e-9) << "progress went backwards";
    last = fraction;
    ++calls;
  }
  double last = 0;
  int calls = 0;
};

TEST(AnalyseJob, EveryLayerEveryShiftAndTheTransferProbe) {
  const fs::path dir = folder_of_two_cnns("pipeline-sweep");

  CountingProgress progress;
  CancelToken cancel;
  auto summary = run_analyse(quick_options(dir), progress, cancel);
  ASSERT_TRUE(summary.ok()) << summary.error();
  EXPECT_EQ(summary->analysed, 2);
  EXPECT_TRUE(summary->failures.empty()) << summary->failures.front();
  EXPECT_NEAR(progress.last, 1.0, 1e-12);

  auto project = store::read_project(summary->project_path);
  ASSERT_TRUE(project.ok()) << project.error();
  ASSERT_EQ(project->checkpoints.size(), 2u);
  EXPECT_EQ(project->checkpoints[0].architecture, "SmallCnn");
  EXPECT_EQ(project->checkpoints[0].hyper_parameters.at("optimizer"), "AdamW");
  EXPECT_EQ(project->checkpoints[0].sha256.size(), 64u);
  // conv, relu, max_pool, flatten, linear: five tapped layers per checkpoint.
  ASSERT_EQ(project->geometry.size(), 10u);
  for (const auto& entry : project->geometry) {
    for (const char* marker : {"capacity", "dimension", "radius", "utility", "participation_ratio", "nc1"})
      EXPECT_TRUE(std::isfinite(entry.markers.at(marker))) << entry.layer << " " << marker;
    // The exact identity alpha = Psi (1 + R^-2) / D of the spec holds on every layer of a real model.
    const auto& m = entry.markers;
    EXPECT_NEAR(m.at("capacity"), m.at("utility") * (1 + 1 / (m.at("radius") * m.at("radius"))) / m.at("dimension"),
                1e-9 * m.at("capacity"));
    EXPECT_EQ(m.at("glue_failed_solves"), 0.0);
    EXPECT_EQ(m.at("num_manifolds"), 10.0);
    // Every stored name is a catalogued marker or bookkeeping, never both (store/marker_catalogue.h): a new marker
    // without its catalogue line fails here.
    for (const auto& [name, value] : m)
      EXPECT_NE(store::find_marker(name) != nullptr, store::is_bookkeeping(name)) << name;
  }
  // ID + two shifts + the transfer probe per checkpoint.
  ASSERT_EQ(project->evaluations.size(), 8u);
  for (const auto& evaluation : project->evaluations) {
    if (evaluation.dataset == "uci-digits@28x28") {
      EXPECT_GT(evaluation.metrics.at("probe_accuracy"), 0.5);  // 10 digit classes: chance is 0.1
    } else {
      for (const auto& [name, value] : evaluation.metrics) {  // the ID set's logit markers are catalogued too
        if (evaluation.dataset == "fashion-mnist:test" && name != "analysis_complete") {
          EXPECT_NE(store::find_marker(name), nullptr) << name;
        }
      }
      const double accuracy = evaluation.metrics.at("accuracy");
      EXPECT_GE(accuracy, 0.0);
      EXPECT_LE(accuracy, 1.0);
      // Each shifted set also gets the label-free estimates of its accuracy, fitted on the ID set's logits.
      const bool shifted = evaluation.dataset != "fashion-mnist:test";
      for (const std::string& estimate : {store::kDocAccuracy, store::kAtcAccuracy, store::kAtcNeAccuracy}) {
        EXPECT_EQ(evaluation.metrics.count(estimate), shifted ? 1u : 0u) << evaluation.dataset << " " << estimate;
        if (!shifted) continue;
        EXPECT_GE(evaluation.metrics.at(estimate), estimate == store::kDocAccuracy ? -1.0 : 0.0) << estimate;
        EXPECT_LE(evaluation.metrics.at(estimate), estimate == store::kDocAccuracy ? 2.0 : 1.0) << estimate;
      }
    }
  }
  EXPECT_EQ(project->datasets.size(), 4u);

  // The tidy CSV: a header and one row per checkpoint x layer, with the shift and probe columns.
  std::ifstream csv(summary->csv_path);
  std::string header;
  std::getline(csv, header);
  for (const char* column : {"checkpoint", "architecture", "lr", "layer", "dimension", "utility", "id_accuracy",
                             "acc_fog:3", "acc_gaussian_noise:5", "probe_accuracy_uci-digits@28x28",
                             "atc_accuracy_fog:3", "doc_accuracy_gaussian_noise:5", "confidence_fog:3"})
    EXPECT_NE(header.find(column), std::string::npos) << column << " missing in " << header;
  int rows = 0;
  for (std::string line; std::getline(csv, line);) ++rows;
  EXPECT_EQ(rows, 10);

  // A second run finds both checkpoints complete and computes nothing.
  progress.last = 0;
  auto again = run_analyse(quick_options(dir), progress, cancel);
  ASSERT_TRUE(again.ok()) << again.error();
  EXPECT_EQ(again->analysed, 0);
  EXPECT_EQ(again->skipped, 2);
}

TEST(AnalyseJob, CancelledRunLeavesAValidProject) {
  const fs::path dir = fs::path(MS_TEST_OUTPUT_DIR) / "pipeline-cancel";
  fs::remove_all(dir);
  fs::create_directories(dir);
  write_cnn(dir, "cnn_a", 1);
  CancelToken cancel;
  cancel.cancel();
  NullProgress progress;
  AnalyseOptions options = quick_options(dir);
  options.shifts.clear();
  options.transfer_dataset.clear();
  auto summary = run_analyse(options, progress, cancel);
  ASSERT_TRUE(summary.ok()) << summary.error();
  EXPECT_TRUE(summary->cancelled);
  EXPECT_EQ(summary->analysed, 0);
}

// Records every progress message, and cancels the job at report number `cancel_at` (never when negative).
class CancellingProgress final : public Progress {
 public:
  CancellingProgress(CancelToken& cancel, int cancel_at) : cancel_(cancel), cancel_at_(cancel_at) {}
  void report(double, const std::string& message) override {
    if (static_cast<int>(messages.size()) == cancel_at_) cancel_.cancel(), cancelled_during = message;
    messages.push_back(message);
  }
  std::vector<std::string> messages;
  std::string cancelled_during;

 private:
  CancelToken& cancel_;
  int cancel_at_;
};

// Cancelling at any phase of the second checkpoint — loading, the sample's activations, a layer's GLUE or baselines,
// the ID logits, an OOD set, the transfer probe — leaves a project that opens and holds the finished first
// checkpoint only: no partial rows of the one that was running.
TEST(AnalyseJob, CancellingAtEveryPhaseLeavesNoPartialRows) {
  const fs::path dir = folder_of_two_cnns("pipeline-cancel-phases");
  AnalyseOptions options = quick_options(dir);
  options.shifts = {{"fog", 3}};
  CancelToken never;
  CancellingProgress recorder(never, -1);
  ASSERT_TRUE(run_analyse(options, recorder, never).ok());
  const int reports = static_cast<int>(recorder.messages.size());
  ASSERT_GT(reports, 20);

  // One cancellation point per kind of step (the message without its numbers and layer names), at its first report
  // in the second checkpoint: the first one is then complete and must stay, the second must leave nothing.
  std::map<std::string, int> first_of_kind;
  for (int at = 0; at < reports; ++at) {
    const std::string& message = recorder.messages[static_cast<size_t>(at)];
    if (message.rfind("[2/2]", 0) != 0) continue;
    std::string kind;
    for (char c : message.substr(message.find(':') + 1))
      if (!std::isdigit(static_cast<unsigned char>(c))) kind += c;
    const size_t glue = kind.find("): ");  // "conv2d (/): GLUE …" and "relu (/): GLUE …" are one kind
    if (glue != std::string::npos) kind = kind.substr(glue);
    first_of_kind.try_emplace(kind, at);
  }
  ASSERT_GE(first_of_kind.size(), 6u);
  std::set<std::string> phases;
  for (const auto& [kind, at] : first_of_kind) {
    fs::remove(options.project_path);
    fs::remove(fs::path(options.project_path).replace_extension(".csv"));
    CancelToken cancel;
    CancellingProgress progress(cancel, at);
    auto summary = run_analyse(options, progress, cancel);
    ASSERT_TRUE(summary.ok()) << summary.error();
    EXPECT_TRUE(summary->cancelled) << progress.cancelled_during;
    phases.insert(progress.cancelled_during);
    auto project = store::read_project(options.project_path);
    ASSERT_TRUE(project.ok()) << "cancelled during '" << progress.cancelled_during << "': " << project.error();
    std::set<std::string> complete;
    for (const auto& evaluation : project->evaluations)
      if (evaluation.metrics.count("analysis_complete")) complete.insert(evaluation.checkpoint);
    EXPECT_EQ(static_cast<int>(complete.size()), summary->analysed) << progress.cancelled_during;
    EXPECT_EQ(complete, std::set<std::string>{"cnn_a"}) << "cancelled during '" << progress.cancelled_during << "'";
    for (const auto& checkpoint : project->checkpoints)
      EXPECT_TRUE(complete.count(checkpoint.id)) << checkpoint.id << " listed but not complete, cancelled during '"
                                                 << progress.cancelled_during << "'";
    for (const auto& entry : project->geometry)
      EXPECT_TRUE(complete.count(entry.checkpoint)) << "geometry row of the cancelled " << entry.checkpoint;
    for (const auto& entry : project->evaluations)
      EXPECT_TRUE(complete.count(entry.checkpoint)) << "evaluation row of the cancelled " << entry.checkpoint;
  }
  for (const std::string& phase : phases) std::printf("cancelled during: %s\n", phase.c_str());
}

TEST(AnalyseJob, BadCheckpointsAreReportedAndTheOthersGoOn) {
  const fs::path dir = fs::path(MS_TEST_OUTPUT_DIR) / "pipeline-bad";
  fs::remove_all(dir);
  fs::create_directories(dir);
  write_cnn(dir, "good", 3);
  std::ofstream(dir / "broken.pt") << "this is not a TorchScript archive";
  AnalyseOptions options = quick_options(dir);
  options.shifts.clear();
  options.transfer_dataset.clear();
  CancelToken cancel;
  NullProgress progress;
  auto summary = run_analyse(options, progress, cancel);
  ASSERT_TRUE(summary.ok()) << summary.error();
  EXPECT_EQ(summary->analysed, 1);
  ASSERT_EQ(summary->failures.size(), 1u);
  EXPECT_NE(summary->failures[0].find("broken.pt"), std::string::npos) << summary->failures[0];

  auto missing = run_analyse([&] { auto o = options; o.checkpoints = {"/no/such/dir"}; return o; }(), progress, cancel);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().find("/no/such/dir"), std::string::npos);

  // GLUE options no run accepts are refused before any work (the GUI's path as well as the command line's).
  AnalyseOptions one_point = options;
  one_point.glue.points_per_manifold = 1;
  auto refused = run_analyse(one_point, progress, cancel);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().find("points_per_manifold = 1"), std::string::npos) << refused.error();
}

}  // namespace
}  // namespace ms::pipeline
