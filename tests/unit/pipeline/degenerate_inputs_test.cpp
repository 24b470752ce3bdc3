// The analysis on degenerate ID sets, through the real pipeline and a real TorchScript CNN: blank images make every
// layer's sample one point (GLUE markers NaN, counted and said once per layer, never numbers that look meaningful),
// and a single-class set is analysed with a note that it is one manifold.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

#include "core/pipeline/analyse_job.h"
#include "core/store/project_file.h"
#include "tests/unit/data/ood_folder.h"
#include "tests/unit/pipeline/test_cnn.h"

namespace ms::pipeline {
namespace {
namespace fs = std::filesystem;

class NoteCollector final : public Progress {
 public:
  void report(double, const std::string&) override {}
  void note(const std::string& message) override {
    std::lock_guard<std::mutex> lock(mutex_);
    notes.push_back(message);
  }
  int count_containing(const std::string& text) const {
    int count = 0;
    for (const std::string& note : notes) count += note.find(text) != std::string::npos;
    return count;
  }
  std::vector<std::string> notes;

 private:
  std::mutex mutex_;
};

// An analysis of `classes` classes of blank images by a small CNN, in <test-output>/FOLDER (emptied first).
AnalyseOptions blank_options(const std::string& folder, int classes) {
  const fs::path dir = fs::path(MS_TEST_OUTPUT_DIR) / folder;
  fs::remove_all(dir);
  fs::create_directories(dir / "ckpt");
  test::write_blank_images(dir.string(), "blank", 40, 28, 28, 1, classes);
  fixtures::write_cnn(dir / "ckpt", "cnn", 1);
  AnalyseOptions options;
  options.checkpoints = {(dir / "ckpt").string()};
  options.id_dataset = (dir / "blank.npy").string();
  options.glue.points_per_manifold = 4;
  options.glue.n_t = 20;
  options.glue.threads = 1;
  options.project_path = (dir / "blank.msproj").string();
  return options;
}

TEST(DegenerateInputs, BlankImagesGiveCountedNaNsAndANotePerLayer) {
  NoteCollector progress;
  CancelToken cancel;
  auto summary = run_analyse(blank_options("pipeline-blank", 4), progress, cancel);
  ASSERT_TRUE(summary.ok()) << summary.error();
  ASSERT_EQ(summary->analysed, 1) << (summary->failures.empty() ? "" : summary->failures.front());
  auto project = store::read_project(summary->project_path);
  ASSERT_TRUE(project.ok()) << project.error();
  ASSERT_FALSE(project->geometry.empty());
  for (const auto& entry : project->geometry) {
    EXPECT_EQ(entry.markers.at("glue_coincident_repeats"), 1.0) << entry.layer;
    for (const char* marker : {"capacity", "dimension", "radius", "utility"})
      EXPECT_TRUE(std::isnan(entry.markers.at(marker))) << entry.layer << " " << marker;
  }
  EXPECT_EQ(progress.count_containing("is the same vector"), static_cast<int>(project->geometry.size()));
}

TEST(DegenerateInputs, ASingleClassIsAnalysedAndSaidToBeOneManifold) {
  NoteCollector progress;
  CancelToken cancel;
  auto summary = run_analyse(blank_options("pipeline-one-class", 1), progress, cancel);
  ASSERT_TRUE(summary.ok()) << summary.error();
  EXPECT_EQ(progress.count_containing("has a single class: GLUE measures one manifold"), 1);
}

}  // namespace
}  // namespace ms::pipeline
