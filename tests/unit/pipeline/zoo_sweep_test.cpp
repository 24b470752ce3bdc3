// Training a zoo grid into a folder: resumable (done runs are skipped, a run killed before its sidecar is retrained),
// refusing to resume a folder trained with other settings, and the learning-rate schedule of the study preset.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/data/idx_reader.h"
#include "core/model/zoo.h"
#include "core/pipeline/zoo_sweep.h"
#include "core/stats/csv_table.h"
#include "tests/unit/data/dataset_slice.h"

namespace ms::pipeline {
namespace {
namespace fs = std::filesystem;

using test::slice;

std::vector<model::ZooRun> tiny_grid() {
  model::ZooPreset preset;
  preset.architectures = {"mlp"};
  preset.optimizers = {"adamw"};
  preset.lr_scales = {1.0, 2.0};
  preset.weight_decays = {5e-4};
  preset.seeds = {0};
  preset.epochs = 1;
  preset.batch_size = 64;
  preset.schedule = "cosine";
  return model::expand(preset);
}

// The real Fashion-MNIST test set (the tests train on a part and evaluate on another).
class ZooSweep : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string root = std::string(MS_DATASETS_DIR) + "/fashion-mnist/";
    if (!fs::exists(root + "t10k-images-idx3-ubyte.gz")) GTEST_SKIP() << "no Fashion-MNIST in " << root;
    Result<data::Dataset> read =
        data::read_idx_dataset(root + "t10k-images-idx3-ubyte.gz", root + "t10k-labels-idx1-ubyte.gz");
    ASSERT_TRUE(read.ok()) << read.error();
    test = std::move(read).value();
  }
  data::Dataset test;
};

TEST_F(ZooSweep, ResumesWhereItStoppedAndRefusesOtherSettings) {
  const data::Dataset train = slice(test, 0, 1000), held_out = slice(test, 2000, 500);
  const std::string dir = std::string(MS_TEST_OUTPUT_DIR) + "/zoo-sweep";
  fs::remove_all(dir);
  const std::vector<model::ZooRun> runs = tiny_grid();
  NullProgress progress;
  CancelToken cancel;

  Result<ZooSweepSummary> first = train_zoo_sweep(runs, train, held_out, dir, 2, progress, cancel);
  ASSERT_TRUE(first.ok()) << first.error();
  EXPECT_EQ(first->trained, 2);
  EXPECT_EQ(first->skipped, 0);
  for (const model::ZooRun& run : runs) EXPECT_EQ(zoo_run_state(dir, run), ZooRunState::trained) << run.name();
  for (const auto& entry : fs::directory_iterator(dir))  // atomic writes leave no temporaries
    EXPECT_EQ(entry.path().string().find(".tmp-"), std::string::npos) << entry.path();

  Result<stats::CsvTable> table = stats::read_csv_table(dir + "/zoo.csv");
  ASSERT_TRUE(table.ok()) << table.error();
  ASSERT_EQ(table->rows.size(), 2u);
  EXPECT_EQ(table->rows[0][table->column_index("name")], runs[0].name());
  EXPECT_EQ(table->rows[0][table->column_index("schedule")], "cosine");
  EXPECT_EQ(table->rows[1][table->column_index("status")], "trained");
  EXPECT_GT(std::stod(table->rows[1][table->column_index("test_accuracy")]), 0.5);  // chance is 0.1

  // Nothing to do on a re-run; a run whose sidecar is missing (killed after its checkpoint) is trained again.
  Result<ZooSweepSummary> again = train_zoo_sweep(runs, train, held_out, dir, 2, progress, cancel);
  ASSERT_TRUE(again.ok()) << again.error();
  EXPECT_EQ(again->trained, 0);
  EXPECT_EQ(again->skipped, 2);
  fs::remove(dir + "/" + runs[1].name() + ".json");
  EXPECT_EQ(zoo_run_state(dir, runs[1]), ZooRunState::missing);
  Result<ZooSweepSummary> resumed = train_zoo_sweep(runs, train, held_out, dir, 2, progress, cancel);
  ASSERT_TRUE(resumed.ok()) << resumed.error();
  EXPECT_EQ(resumed->trained, 1);
  EXPECT_EQ(resumed->skipped, 1);

  // The same names with more epochs are a different sweep: an error naming the sidecar, nothing trained.
  std::vector<model::ZooRun> longer = runs;
  for (model::ZooRun& run : longer) run.epochs = 3;
  Result<ZooSweepSummary> refused = train_zoo_sweep(longer, train, held_out, dir, 2, progress, cancel);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().find(runs[0].name() + ".json: trained with 1 epochs (cosine schedule), but this grid "
                                 "asks for 3 (cosine)"),
            std::string::npos)
      << refused.error();
}

TEST_F(ZooSweep, ADivergedRunIsRecordedAndNotRetried) {
  const data::Dataset train = slice(test, 0, 512), held_out = slice(test, 2000, 100);
  const std::string dir = std::string(MS_TEST_OUTPUT_DIR) + "/zoo-sweep-diverged";
  fs::remove_all(dir);
  std::vector<model::ZooRun> runs = tiny_grid();
  runs.resize(1);
  runs[0].optimizer = "sgd";
  runs[0].learning_rate = 1e6;  // overflows within a few steps
  runs[0].schedule = "constant";
  NullProgress progress;
  CancelToken cancel;
  Result<ZooSweepSummary> sweep = train_zoo_sweep(runs, train, held_out, dir, 2, progress, cancel);
  ASSERT_TRUE(sweep.ok()) << sweep.error();
  EXPECT_EQ(sweep->diverged, 1);
  EXPECT_EQ(zoo_run_state(dir, runs[0]), ZooRunState::diverged);
  EXPECT_FALSE(fs::exists(dir + "/" + runs[0].name() + ".pt"));
  Result<ZooSweepSummary> again = train_zoo_sweep(runs, train, held_out, dir, 2, progress, cancel);
  ASSERT_TRUE(again.ok()) << again.error();
  EXPECT_EQ(again->skipped, 1);
  Result<stats::CsvTable> table = stats::read_csv_table(dir + "/zoo.csv");
  ASSERT_TRUE(table.ok()) << table.error();
  ASSERT_EQ(table->rows.size(), 1u);
  EXPECT_EQ(table->rows[0][table->column_index("status")], "diverged");
}

TEST(ZooPreset, StudyGridIsTheIssuesShape) {
  Result<model::ZooPreset> study = model::zoo_preset("study");
  ASSERT_TRUE(study.ok()) << study.error();
  const std::vector<model::ZooRun> runs = model::expand(*study);
  EXPECT_EQ(runs.size(), 2u * 2u * 4u * 3u * 2u);  // architectures x optimizers x lr x wd x seeds
  EXPECT_EQ(runs.front().schedule, "cosine");
  EXPECT_EQ(runs.front().train_limit, 0);  // the full training set
}

}  // namespace
}  // namespace ms::pipeline
