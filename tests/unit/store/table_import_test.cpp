// Results tables read as projects: the roles guessed from real headers (the authors' released CIFAR-10 sweep and
// ManifoldScope's own results CSV), the conversion, missing values, and every kind of bad input.
#include "core/store/table_import.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>

#include "core/store/ood_sets.h"
#include "core/store/results_table.h"

namespace ms::store {
namespace {

const std::string kPaperTable = std::string(MS_SOURCE_DIR) + "/resources/results/paper-cifar10/cifar10_sweep_markers.csv";

std::string test_dir() {
  const std::string dir = std::string(MS_TEST_OUTPUT_DIR) + "/table-import";
  std::filesystem::create_directories(dir);
  return dir;
}

std::string write_file(const std::string& name, const std::string& text) {
  const std::string path = test_dir() + "/" + name;
  std::ofstream(path) << text;
  return path;
}

std::map<std::string, ColumnRole> roles_by_name(const stats::CsvTable& table, const std::vector<ColumnRole>& roles) {
  std::map<std::string, ColumnRole> named;
  for (size_t j = 0; j < roles.size(); ++j) named[table.header[j]] = roles[j];
  return named;
}

const EvaluationEntry* evaluation(const Project& project, const std::string& checkpoint, const std::string& dataset) {
  for (const auto& e : project.evaluations)
    if (e.checkpoint == checkpoint && e.dataset == dataset) return &e;
  return nullptr;
}

TEST(TableRoles, NamesRoundTrip) {
  for (ColumnRole role : all_column_roles()) {
    EXPECT_EQ(role_from_name(role_name(role)), role);
    EXPECT_FALSE(role_label(role).empty());
  }
  EXPECT_FALSE(role_from_name("no such role").has_value());
}

TEST(TableRoles, GuessesThePaperTable) {
  const auto table = stats::read_csv_table(kPaperTable);
  ASSERT_TRUE(table.ok()) << table.error();
  const auto roles = roles_by_name(*table, guess_column_roles(*table));
  const std::map<std::string, ColumnRole> expected{
      {"arch_name", ColumnRole::architecture},   {"lr", ColumnRole::hyper_parameter},
      {"weight_decay", ColumnRole::hyper_parameter}, {"seed_train", ColumnRole::hyper_parameter},
      {"acc_train", ColumnRole::id_metric},      {"acc_test", ColumnRole::id_accuracy},
      {"acc_lp_id", ColumnRole::id_metric},      {"acc_lp_ood", ColumnRole::ood_accuracy},
      {"dimension_id", ColumnRole::marker},      {"utility_id", ColumnRole::marker},
      {"nc1_id", ColumnRole::marker},            {"mean_distance_avg_id", ColumnRole::marker},
      {"dimension_train", ColumnRole::ignored},  {"dimension_ood", ColumnRole::ignored},
      {"nc1_train", ColumnRole::ignored},        {"loss_train", ColumnRole::ignored},
      {"loss_test", ColumnRole::id_metric},      {"auroc", ColumnRole::id_metric},
      {"entropy", ColumnRole::id_metric},        {"energy_score", ColumnRole::id_metric}};
  for (const auto& [name, role] : expected) EXPECT_EQ(role_name(roles.at(name)), role_name(role)) << name;
  int markers = 0, checkpoints = 0;
  for (const auto& [name, role] : roles) {
    markers += role == ColumnRole::marker;
    checkpoints += role == ColumnRole::checkpoint;
    if (role == ColumnRole::marker) {
      EXPECT_EQ(name.substr(name.size() - 3), "_id") << name;
    }
  }
  EXPECT_EQ(markers, 20) << "the 20 geometry markers measured on the ID test set";
  EXPECT_EQ(checkpoints, 0) << "the paper's table names no checkpoint";

  EXPECT_EQ(read_as("dimension_id", ColumnRole::marker), "dimension");
  EXPECT_EQ(read_as("dimension_train", ColumnRole::marker), "dimension_train");
  EXPECT_EQ(read_as("acc_train", ColumnRole::id_metric), "train_accuracy");
  EXPECT_EQ(read_as("acc_lp_id", ColumnRole::id_metric), "lp_accuracy");
  EXPECT_EQ(read_as("loss_test", ColumnRole::id_metric), "loss");
  EXPECT_EQ(read_as("id_auroc", ColumnRole::id_metric), "auroc");
  EXPECT_EQ(read_as("acc_lp_ood", ColumnRole::ood_accuracy), "lp_ood");
  EXPECT_EQ(read_as("probe_accuracy_uci-digits", ColumnRole::ood_accuracy), "uci-digits");
}

TEST(TableImport, ThePaperTableIsAProjectOfOneLayerPerCheckpoint) {
  const auto project = read_table_project(kPaperTable);
  ASSERT_TRUE(project.ok()) << project.error();
  ASSERT_EQ(project->checkpoints.size(), 224u);
  ASSERT_EQ(project->geometry.size(), 224u);
  const CheckpointEntry& first = project->checkpoints.front();
  EXPECT_EQ(first.id, "DenseNet121 lr=0.00625 weight_decay=0 seed_train=0");
  EXPECT_EQ(first.architecture, "DenseNet121");
  EXPECT_EQ(first.hyper_parameters, (std::map<std::string, std::string>{
                                        {"lr", "0.00625"}, {"weight_decay", "0"}, {"seed_train", "0"}}));
  EXPECT_TRUE(first.path.empty());
  std::map<std::string, int> per_architecture;
  for (const auto& c : project->checkpoints) ++per_architecture[c.architecture];
  EXPECT_EQ(per_architecture, (std::map<std::string, int>{
                                  {"DenseNet121", 48}, {"EfficientNetB0", 32}, {"MobileNet", 48}, {"ResNet18", 48}, {"VGG", 48}}));

  const GeometryEntry& geometry = project->geometry.front();
  EXPECT_EQ(geometry.checkpoint, first.id);
  EXPECT_EQ(geometry.dataset, kTableIdDataset);
  EXPECT_EQ(geometry.layer, kTableLayer);
  EXPECT_DOUBLE_EQ(geometry.markers.at("dimension"), 4.5527609);
  EXPECT_DOUBLE_EQ(geometry.markers.at("utility"), 0.06545569);
  EXPECT_DOUBLE_EQ(geometry.markers.at("mean_distance_avg"), 5.8840628);
  EXPECT_EQ(geometry.markers.count("dimension_train"), 0u);
  EXPECT_EQ(geometry.markers.size(), 21u) << "20 markers and layer_index";

  const EvaluationEntry* id = evaluation(*project, first.id, kTableIdDataset);
  ASSERT_NE(id, nullptr);
  EXPECT_DOUBLE_EQ(id->metrics.at("accuracy"), 93.81);
  EXPECT_DOUBLE_EQ(id->metrics.at("train_accuracy"), 99.998);
  EXPECT_DOUBLE_EQ(id->metrics.at("lp_accuracy"), 93.35);
  EXPECT_DOUBLE_EQ(id->metrics.at("loss"), 0.56919339);
  EXPECT_DOUBLE_EQ(id->metrics.at("auroc"), 0.90320457);
  EXPECT_DOUBLE_EQ(id->metrics.at("entropy"), 0.025276339);
  const EvaluationEntry* ood = evaluation(*project, first.id, "lp_ood");
  ASSERT_NE(ood, nullptr);
  EXPECT_DOUBLE_EQ(ood->metrics.at("accuracy"), 82.883333);
  const auto sets = ood_sets(*project, kTableIdDataset);
  ASSERT_EQ(sets.size(), 1u);
  EXPECT_EQ(accuracy_key(sets[0].name), "acc_lp_ood") << "the target keeps the column's name";
}

// A project of two checkpoints x two layers with every kind of evaluation the analysis writes.
Project analysed_project() {
  const std::string id = "fashion-mnist:test";
  Project project;
  project.datasets.push_back({id, "known", "", "", 0, {}, {}});
  project.datasets.push_back({"c10c", kOodSetKind, "/data/fog.npy:3", "", 0, {}, {}});
  for (int k = 0; k < 2; ++k) {
    const std::string name = "cnn-" + std::to_string(k);
    project.checkpoints.push_back({name, "/tmp/" + name + ".pt", "", "cnn",
                                   {{"lr", k ? "0.01" : "0.1"}, {"optimizer", "SGD"}, {"mixup", "0.2"}}, {}});
    for (int layer = 0; layer < 2; ++layer)
      project.geometry.push_back({name, id, layer ? "fc" : "conv",
                                  {{"dimension", 3.25 + k + 0.5 * layer}, {"utility", 0.125 * (k + 1)},
                                   {"layer_index", 2.0 * layer}, {"glue_seconds", 0.5}}, {}, {}});
    project.evaluations.push_back({name, id, {{"accuracy", 0.9 - 0.1 * k}, {"loss", 0.3}, {"analysis_complete", 1}}});
    project.evaluations.push_back({name, shift_dataset(id, "fog:3"),
                                   {{"accuracy", 0.5 + 0.1 * k}, {kAccuracyLow, 0.4}, {kAccuracyHigh, 0.6},
                                    {kEvaluatedItems, 90}, {"loss", 1.5}}});
    if (k == 0) project.evaluations.push_back({name, "c10c", {{"accuracy", 0.25}, {"auroc", 0.7}}});
    project.evaluations.push_back({name, "uci-digits", {{"probe_accuracy", 0.7 + 0.05 * k}, {"probe_converged", 1}}});
  }
  return project;
}

TEST(TableImport, ManifoldScopesOwnResultsCsvComesBackAsTheSameProject) {
  const Project original = analysed_project();
  const std::string path = test_dir() + "/own_results.csv";
  ASSERT_TRUE(write_results_csv(original, "fashion-mnist:test", path).ok());
  const auto table = stats::read_csv_table(path);
  ASSERT_TRUE(table.ok()) << table.error();
  const auto roles = roles_by_name(*table, guess_column_roles(*table));
  EXPECT_EQ(roles.at("checkpoint"), ColumnRole::checkpoint);
  for (const char* hyper : {"lr", "optimizer", "mixup"}) EXPECT_EQ(roles.at(hyper), ColumnRole::hyper_parameter) << hyper;
  EXPECT_EQ(roles.at("layer"), ColumnRole::layer);
  EXPECT_EQ(roles.at("layer_index"), ColumnRole::layer_index);
  EXPECT_EQ(roles.at("dimension"), ColumnRole::marker);
  EXPECT_EQ(roles.at("id_accuracy"), ColumnRole::id_accuracy);
  EXPECT_EQ(roles.at("id_loss"), ColumnRole::id_metric);
  EXPECT_EQ(roles.at("acc_fog:3"), ColumnRole::ood_accuracy);
  EXPECT_EQ(roles.at("probe_accuracy_uci-digits"), ColumnRole::ood_accuracy);
  for (const char* detail : {"acc_fog:3_low", "acc_fog:3_high", "acc_fog:3_n", "loss_fog:3", "auroc_c10c",
                             "probe_converged_uci-digits"})
    EXPECT_EQ(roles.at(detail), ColumnRole::target_detail) << detail;

  const auto imported = read_table_project(path);
  ASSERT_TRUE(imported.ok()) << imported.error();
  ASSERT_EQ(imported->checkpoints.size(), 2u);
  for (size_t k = 0; k < 2; ++k) {
    EXPECT_EQ(imported->checkpoints[k].id, original.checkpoints[k].id);
    EXPECT_EQ(imported->checkpoints[k].architecture, "cnn");
    EXPECT_EQ(imported->checkpoints[k].hyper_parameters, original.checkpoints[k].hyper_parameters);
  }
  ASSERT_EQ(imported->geometry.size(), 4u);
  for (size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(imported->geometry[i].checkpoint, original.geometry[i].checkpoint);
    EXPECT_EQ(imported->geometry[i].layer, original.geometry[i].layer);
    EXPECT_EQ(imported->geometry[i].markers, original.geometry[i].markers) << "exact in 10 digits";
  }
  const auto sets = ood_sets(*imported, kTableIdDataset);
  ASSERT_EQ(sets.size(), 2u);
  EXPECT_EQ(sets[0].name, "c10c");
  EXPECT_EQ(sets[1].name, "fog:3");
  const EvaluationEntry* fog = evaluation(*imported, "cnn-1", "fog:3");
  ASSERT_NE(fog, nullptr);
  EXPECT_EQ(fog->metrics, (std::map<std::string, double>{
                              {"accuracy", 0.6}, {kAccuracyLow, 0.4}, {kAccuracyHigh, 0.6}, {kEvaluatedItems, 90}, {"loss", 1.5}}));
  EXPECT_EQ(evaluation(*imported, "cnn-1", "c10c"), nullptr) << "cnn-1 has no c10c value";
  EXPECT_EQ(evaluation(*imported, "cnn-0", kTableIdDataset)->metrics,
            (std::map<std::string, double>{{"accuracy", 0.9}, {"loss", 0.3}}));
  EXPECT_EQ(evaluation(*imported, "cnn-1", "uci-digits")->metrics,
            (std::map<std::string, double>{{"probe_accuracy", 0.75}, {"probe_converged", 1}}));
}

TEST(TableRoles, DetailsOfSetsWhoseNamesSayOod) {
  // A user OOD set named c10-ood: its label-free estimates and interval are details, not targets of their own.
  const std::string path = write_file("ood_named_set.csv",
                                      "checkpoint,dimension,acc_c10-ood,acc_c10-ood_low,doc_accuracy_c10-ood,"
                                      "probe_accuracy_digits,probe_train_accuracy_digits,ood_accuracy\n"
                                      "a,1,0.5,0.4,0.45,0.8,0.9,0.3\n");
  const auto table = stats::read_csv_table(path);
  ASSERT_TRUE(table.ok()) << table.error();
  const auto roles = roles_by_name(*table, guess_column_roles(*table));
  EXPECT_EQ(roles.at("acc_c10-ood"), ColumnRole::ood_accuracy);
  EXPECT_EQ(roles.at("acc_c10-ood_low"), ColumnRole::target_detail);
  EXPECT_EQ(roles.at("doc_accuracy_c10-ood"), ColumnRole::target_detail);
  EXPECT_EQ(roles.at("probe_accuracy_digits"), ColumnRole::ood_accuracy);
  EXPECT_EQ(roles.at("probe_train_accuracy_digits"), ColumnRole::target_detail);
  EXPECT_EQ(roles.at("ood_accuracy"), ColumnRole::ood_accuracy) << "an OOD accuracy of another name";
  const auto project = read_table_project(path);
  ASSERT_TRUE(project.ok()) << project.error();
  EXPECT_EQ(evaluation(*project, "a", "c10-ood")->metrics,
            (std::map<std::string, double>{{"accuracy", 0.5}, {kAccuracyLow, 0.4}, {"doc_accuracy", 0.45}}));
  EXPECT_EQ(evaluation(*project, "a", "ood_accuracy")->metrics, (std::map<std::string, double>{{"accuracy", 0.3}}));
  EXPECT_EQ(evaluation(*project, "a", "digits")->metrics,
            (std::map<std::string, double>{{"probe_accuracy", 0.8}, {"probe_train_accuracy", 0.9}}));
}

TEST(TableImport, MissingValuesLeaveTheValueOutAndKeepTheRow) {
  const std::string path = write_file("missing.csv",
                                      "run,arch,dimension,utility,acc_fog\n"
                                      "a,mlp,3.5,NaN,0.5\n"
                                      "b,mlp,,0.25,\n"
                                      "c,cnn,4.5,0.125,NA\n");
  const auto project = read_table_project(path);
  ASSERT_TRUE(project.ok()) << project.error();
  ASSERT_EQ(project->geometry.size(), 3u);
  EXPECT_EQ(project->geometry[0].markers.count("utility"), 0u);
  EXPECT_EQ(project->geometry[1].markers.count("dimension"), 0u);
  EXPECT_DOUBLE_EQ(project->geometry[1].markers.at("utility"), 0.25);
  EXPECT_NE(evaluation(*project, "a", "fog"), nullptr);
  EXPECT_EQ(evaluation(*project, "b", "fog"), nullptr);
  EXPECT_EQ(evaluation(*project, "c", "fog"), nullptr);
  EXPECT_EQ(project->checkpoints[2].architecture, "cnn");
}

TEST(TableImport, LayersWithoutDepthAreOrderedAsWritten) {
  const std::string path = write_file("layers.csv",
                                      "checkpoint,layer,dimension\n"
                                      "a,conv,1\n"
                                      "a,fc,2\n"
                                      "a,logits,3\n"
                                      "b,conv,4\n");
  const auto project = read_table_project(path);
  ASSERT_TRUE(project.ok()) << project.error();
  ASSERT_EQ(project->geometry.size(), 4u);
  EXPECT_EQ(project->geometry[2].layer, "logits");
  EXPECT_EQ(project->geometry[2].markers.at("layer_index"), 2.0);
  EXPECT_EQ(project->geometry[3].markers.at("layer_index"), 0.0);
}

void expect_error(const std::string& name, const std::string& text, const std::vector<std::string>& parts,
                  const std::vector<ColumnRole>& roles = {}) {
  const std::string path = write_file(name, text);
  const auto project = read_table_project(path, roles);
  ASSERT_FALSE(project.ok()) << name;
  for (const std::string& part : parts)
    EXPECT_NE(project.error().find(part), std::string::npos) << project.error() << "\n  lacks: " << part;
}

TEST(TableImport, BadTablesAreClearErrorsNamingFileLineAndColumn) {
  const std::string dir = test_dir() + "/";
  expect_error("empty.csv", "", {dir + "empty.csv", "empty file"});
  expect_error("header.csv", "checkpoint,dimension\n", {dir + "header.csv", "no rows"});
  expect_error("text.csv", "checkpoint,arch\na,mlp\n", {dir + "text.csv", "no numeric column"});
  expect_error("no_marker.csv", "checkpoint,acc_fog\na,0.5\n", {"no marker column"});
  expect_error("not_number.csv", "checkpoint,dimension,utility\na,1,0.5\nb,2,high\n",
               {dir + "not_number.csv:3", "column 'utility'", "'high' is not a number"},
               {ColumnRole::checkpoint, ColumnRole::marker, ColumnRole::marker});
  expect_error("not_number_target.csv", "checkpoint,dimension,acc_fog\na,1,0.5\nb,2,n.a.\n",
               {dir + "not_number_target.csv:3", "column 'acc_fog'", "'n.a.' is not a number"});
  expect_error("duplicate.csv", "checkpoint,layer,dimension\na,fc,1\nb,fc,2\na,fc,3\n",
               {dir + "duplicate.csv:4", "checkpoint 'a', layer 'fc'", "already on line 2"});
  expect_error("duplicate_sweep.csv", "arch,lr,seed,dimension_id\nvgg,0.1,0,1\nvgg,0.1,1,2\nvgg,0.1,0,3\n",
               {"duplicate_sweep.csv:4", "checkpoint 'vgg lr=0.1 seed=0'", "already on line 2"});
  expect_error("disagree.csv", "checkpoint,layer,dimension,acc_fog\na,conv,1,0.5\na,fc,2,0.75\n",
               {"disagree.csv:3", "column 'acc_fog'", "0.75", "0.5 on line 2", "must agree"});
  expect_error("no_id.csv", "checkpoint,dimension\n,1\n", {"no_id.csv:2", "column 'checkpoint'", "empty"});
  expect_error("two_accuracies.csv", "checkpoint,acc_test,accuracy,dimension\na,1,2,3\n",
               {"columns 'acc_test' and 'accuracy'", "ID accuracy"},
               {ColumnRole::checkpoint, ColumnRole::id_accuracy, ColumnRole::id_accuracy, ColumnRole::marker});
  expect_error("same_marker.csv", "checkpoint,dimension,dimension_id\na,1,2\n",
               {"columns 'dimension' and 'dimension_id'", "marker 'dimension'"});
  expect_error("orphan_detail.csv", "checkpoint,dimension,loss_fog\na,1,2\n", {"column 'loss_fog'", "no OOD"},
               {ColumnRole::checkpoint, ColumnRole::marker, ColumnRole::target_detail});
  expect_error("roles.csv", "checkpoint,dimension\na,1\n", {"1 column roles for 2 columns"}, {ColumnRole::marker});
}

}  // namespace
}  // namespace ms::store
