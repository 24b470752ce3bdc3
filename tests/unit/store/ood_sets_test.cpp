// OOD sets of a project and the columns the results table gives them: built-in shifts and user sets alike.
#include "core/store/ood_sets.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/store/results_table.h"

namespace ms::store {
namespace {

const std::string kId = "fashion-mnist:test";

// One checkpoint with one layer, evaluated on the ID set, the built-in fog:3, a user set "c10c" and a transfer set.
Project project_with_user_set() {
  Project project;
  project.datasets.push_back({kId, "dataset", "/data/fmnist", "", 0, {}, {}});
  project.datasets.push_back({"c10c", kOodSetKind, "/data/CIFAR-10-C/fog.npy:3", "", 0, {}, {}});
  project.checkpoints.push_back({"cnn", "/tmp/cnn.pt", "00", "SmallCnn", {{"lr", "0.01"}}, {}});
  project.geometry.push_back({"cnn", kId, "fc", {{"dimension", 7.0}, {"layer_index", 0}}, {}, {}});
  project.evaluations.push_back({"cnn", kId, {{"accuracy", 0.9}, {"analysis_complete", 1}}});
  project.evaluations.push_back(
      {"cnn", shift_dataset(kId, "fog:3"),
       {{"accuracy", 0.5}, {kAccuracyLow, 0.4}, {kAccuracyHigh, 0.6}, {kEvaluatedItems, 90}}});
  project.evaluations.push_back({"cnn", "c10c",
                                 {{"accuracy", 0.25}, {kAccuracyLow, 0.2}, {kAccuracyHigh, 0.3}, {"loss", 2.5},
                                  {kEvaluatedItems, 300}}});
  project.evaluations.push_back({"cnn", "uci-digits", {{"probe_accuracy", 0.7}}});
  return project;
}

TEST(OodSets, BuiltInShiftsAndUserSetsAreListedByName) {
  const Project project = project_with_user_set();
  const std::vector<OodSet> sets = ood_sets(project, kId);
  ASSERT_EQ(sets.size(), 2u);
  EXPECT_EQ(sets[0].name, "c10c");
  EXPECT_EQ(sets[0].dataset, "c10c");
  EXPECT_EQ(sets[1].name, "fog:3");
  EXPECT_EQ(sets[1].dataset, "fashion-mnist:test+fog:3");
  EXPECT_EQ(ood_set_name(project, kId, "uci-digits"), "");
  EXPECT_EQ(ood_set_name(project, kId, kId), "");
}

TEST(OodSets, AccuracyKeysRoundTrip) {
  EXPECT_EQ(accuracy_key("fog:3"), "acc_fog:3");
  EXPECT_EQ(name_of_accuracy_key("acc_fog:3"), "fog:3");
  EXPECT_EQ(name_of_accuracy_key(accuracy_key("c10c")), "c10c");
  EXPECT_EQ(name_of_accuracy_key("probe_accuracy_digits"), "");
  EXPECT_EQ(name_of_accuracy_key("acc_"), "");
  EXPECT_EQ(ood_metric_column("c10c", kAccuracyLow), "acc_c10c_low");
  EXPECT_EQ(ood_metric_column("c10c", kAccuracyHigh), "acc_c10c_high");
  EXPECT_EQ(ood_metric_column("c10c", kEvaluatedItems), "acc_c10c_n");
  EXPECT_EQ(ood_metric_column("fog:3", "loss"), "loss_fog:3");
}

TEST(OodSets, TheResultsTableHasTheSameColumnsForBothKinds) {
  const Table table = results_table(project_with_user_set(), kId);
  ASSERT_EQ(table.rows.size(), 1u);
  auto value = [&](const std::string& column) {
    const auto it = std::find(table.columns.begin(), table.columns.end(), column);
    EXPECT_NE(it, table.columns.end()) << column;
    return it == table.columns.end() ? std::string() : table.rows[0][static_cast<size_t>(it - table.columns.begin())];
  };
  EXPECT_EQ(value("acc_fog:3"), "0.5");
  EXPECT_EQ(value("acc_fog:3_low"), "0.4");
  EXPECT_EQ(value("acc_fog:3_high"), "0.6");
  EXPECT_EQ(value("acc_fog:3_n"), "90");
  EXPECT_EQ(value("acc_c10c"), "0.25");
  EXPECT_EQ(value("acc_c10c_low"), "0.2");
  EXPECT_EQ(value("acc_c10c_high"), "0.3");
  EXPECT_EQ(value("acc_c10c_n"), "300");
  EXPECT_EQ(value("loss_c10c"), "2.5");
  EXPECT_EQ(value("id_accuracy"), "0.9");
  EXPECT_EQ(value("probe_accuracy_uci-digits"), "0.7");
}

}  // namespace
}  // namespace ms::store
