// Marker-versus-OOD numbers from a project (ood_correlation.h) and the two panels around them: a synthetic project
// of two architectures (different layers) with shifted sets, a transfer probe and deliberately missing values.
// The numbers are checked against core/stats on vectors the test builds itself from its own recipe.
#include <gtest/gtest.h>

#include <QComboBox>
#include <QDir>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <iostream>
#include <limits>
#include <set>

#include "app/gui/heatmap_panel.h"
#include "app/gui/main_window.h"
#include "app/gui/ood_correlation.h"
#include "app/gui/ood_panel.h"
#include "core/stats/bootstrap.h"
#include "core/stats/correlation.h"
#include "core/stats/significance.h"
#include "core/store/ood_sets.h"
#include "core/store/project_file.h"
#include "core/store/results_table.h"
#include "tests/gui/gui_test_support.h"
#include "tests/gui/scripted_answers.h"
#include "views/correlation_heatmap_view.h"
#include "views/marker_scatter_view.h"

namespace ms {
namespace {

const std::string kId = "toy:test";
const std::vector<std::string> kShifts = {"fog:3", "noise:3"};

// The recipe: checkpoint k of architecture a (a = 0 mlp, 1 cnn), k = 0..5.
double dimension(int a, int k, int layer) { return 3.0 + a + 0.7 * k + 0.3 * layer + 0.2 * std::sin(3.1 * k + a); }
double utility(int a, int k, int layer) { return 0.1 + 0.02 * ((k * 7 + a * 3) % 5) + 0.01 * layer; }
double shift_accuracy(int a, int k, int s) { return 0.3 + 0.05 * k + 0.1 * s - 0.04 * a + 0.03 * std::cos(2.0 * k); }
double probe_accuracy(int a, int k) { return 0.9 - 0.01 * k + 0.02 * a * k; }
double id_accuracy(int a, int k) { return 0.8 + 0.01 * ((k * 5 + a) % 4); }

// Layers (name, layer_index): the mlp has 3, the cnn 5 (listed out of depth order on purpose).
const std::vector<std::pair<std::string, int>>& layers_of(int a) {
  static const std::vector<std::pair<std::string, int>> mlp{{"fc1", 0}, {"relu", 1}, {"fc2", 2}};
  static const std::vector<std::pair<std::string, int>> cnn{
      {"logits", 6}, {"conv1", 0}, {"fc1", 4}, {"relu", 1}, {"pool", 2}};
  return a == 0 ? mlp : cnn;
}

bool skipped_geometry(int a, int k) { return a == 1 && k == 4; }  // cnn k=4: no fc1 (its penultimate) geometry
bool skipped_fog(int a, int k) { return a == 0 && k == 2; }        // mlp k=2: no fog evaluation

store::Project toy_project() {
  store::Project project;
  project.datasets.push_back({kId, "idx", "", "", 0, {}, {}});
  for (int a = 0; a < 2; ++a)
    for (int k = 0; k < 6; ++k) {
      const std::string arch = a == 0 ? "mlp" : "cnn";
      const std::string id = arch + "-" + std::to_string(k);
      store::CheckpointEntry checkpoint;
      checkpoint.id = id;
      checkpoint.architecture = arch;
      checkpoint.hyper_parameters = {{"lr", k % 2 ? "0.01" : "0.1"}, {"seed", std::to_string(k / 2)}};
      project.checkpoints.push_back(checkpoint);
      for (const auto& [layer, depth] : layers_of(a)) {
        if (skipped_geometry(a, k) && layer == "fc1") continue;
        store::GeometryEntry entry{id, kId, layer, {}, {}, {}};
        entry.markers = {{"dimension", dimension(a, k, depth)}, {"utility", utility(a, k, depth)},
                         {"mean_angle", 1.2 + 0.01 * k * depth}, {"mean_a", 0.3},  // a marker, a GLUE internal
                         {"layer_index", depth}, {"glue_seconds", 1.0}};
        project.geometry.push_back(entry);
      }
      project.evaluations.push_back({id, kId, {{"accuracy", id_accuracy(a, k)}, {"loss", 0.5}, {"analysis_complete", 1}}});
      for (int s = 0; s < 2; ++s) {
        if (s == 0 && skipped_fog(a, k)) continue;
        project.evaluations.push_back({id, kId + "+" + kShifts[s], {{"accuracy", shift_accuracy(a, k, s)}}});
      }
      project.evaluations.push_back({id, "digits", {{"probe_accuracy", probe_accuracy(a, k)}}});
    }
  return project;
}

// Depth of the penultimate layer by the recipe: mlp relu (1), cnn fc1 (4).
int penultimate_depth(int a) { return a == 0 ? 1 : 4; }

Eigen::VectorXd vec(const std::vector<double>& v) { return Eigen::Map<const Eigen::VectorXd>(v.data(), v.size()); }

TEST(OodCorrelation, OffersTargetsMarkersLayersAndColours) {
  const store::Project project = toy_project();
  const auto targets = gui::ood_targets(project);
  std::vector<std::string> keys;
  for (const auto& t : targets) keys.push_back(t.key);
  EXPECT_EQ(keys, (std::vector<std::string>{"mean_ood_accuracy", "acc_fog:3", "acc_noise:3", "probe_accuracy_digits",
                                            "id_accuracy"}));
  EXPECT_EQ(gui::target_label(project, "acc_fog:3"), "accuracy fog:3");
  EXPECT_EQ(gui::ood_markers(project),
            (std::vector<std::string>{"dimension", "utility", "mean_angle", "id_accuracy", "id_loss"}));
  EXPECT_EQ(gui::paper_markers(project),
            (std::vector<std::string>{"dimension", "utility", "mean_angle", "id_accuracy"}));
  EXPECT_EQ(gui::marker_layers(project),
            (std::vector<std::string>{"penultimate", "conv1", "fc1", "relu", "fc2", "pool", "logits"}));
  EXPECT_EQ(gui::colour_keys(project), (std::vector<std::string>{"architecture", "lr", "seed"}));
}

TEST(OodCorrelation, PenultimateIsTheSecondToLastLayerByDepth) {
  const store::Project project = toy_project();
  EXPECT_EQ(gui::penultimate_layer(project, "mlp-0"), "relu");
  EXPECT_EQ(gui::penultimate_layer(project, "cnn-0"), "fc1") << "depth order, not file order";
  EXPECT_EQ(gui::penultimate_layer(project, "cnn-4"), "pool") << "without fc1 the second to last is pool";
  EXPECT_EQ(gui::penultimate_layer(project, "nobody"), "");
}

TEST(OodCorrelation, ACheckpointWithOneLayerHasItsPenultimateThere) {
  store::Project project = toy_project();
  project.geometry.erase(std::remove_if(project.geometry.begin(), project.geometry.end(),
                                        [](const auto& e) { return e.checkpoint == "mlp-1" && e.layer != "fc2"; }),
                         project.geometry.end());
  EXPECT_EQ(gui::penultimate_layer(project, "mlp-1"), "fc2") << "a results table without layers, --layers penultimate";
  EXPECT_EQ(gui::penultimate_layer(project, "mlp-0"), "relu");
}

TEST(OodCorrelation, ScatterMatchesCoreStatsAndSkipsMissingValues) {
  const store::Project project = toy_project();
  gui::ScatterOptions options;  // dimension at the penultimate layer vs mean OOD accuracy, all checkpoints
  options.colour_by = "lr";
  const views::ScatterData data = gui::ood_scatter(project, options);

  std::vector<double> x, y;
  std::vector<std::string> labels;
  for (int a = 0; a < 2; ++a)
    for (int k = 0; k < 6; ++k) {
      if (skipped_fog(a, k)) continue;  // no mean OOD accuracy
      const int depth = skipped_geometry(a, k) ? 2 : penultimate_depth(a);
      x.push_back(dimension(a, k, depth));
      y.push_back((shift_accuracy(a, k, 0) + shift_accuracy(a, k, 1)) / 2);
      labels.push_back((a == 0 ? "mlp-" : "cnn-") + std::to_string(k));
    }
  ASSERT_EQ(data.x.size(), 11u);
  EXPECT_EQ(data.missing, 1);
  EXPECT_EQ(data.labels, labels);
  for (size_t i = 0; i < x.size(); ++i) {
    EXPECT_DOUBLE_EQ(data.x[i], x[i]) << labels[i];
    EXPECT_NEAR(data.y[i], y[i], 1e-15) << labels[i];
  }
  EXPECT_EQ(data.groups[0], "0.1");
  EXPECT_EQ(data.groups[1], "0.01");
  const stats::CorrelationResult r = stats::pearson(vec(x), vec(y)), rho = stats::spearman(vec(x), vec(y));
  EXPECT_EQ(data.statistics.n, 11);
  EXPECT_NEAR(data.statistics.pearson_r, r.statistic, 1e-12);
  EXPECT_NEAR(data.statistics.pearson_p, r.p, 1e-12 * std::max(r.p, 1e-300) + 1e-300);
  EXPECT_NEAR(data.statistics.spearman_rho, rho.statistic, 1e-12);
  EXPECT_NEAR(data.statistics.spearman_p, rho.p, 1e-12);
  const stats::BootstrapInterval ci = stats::bootstrap_interval(vec(x), vec(y), stats::pearson_r, {1000, 0.95, 0});
  EXPECT_DOUBLE_EQ(data.statistics.ci_low, ci.low);
  EXPECT_DOUBLE_EQ(data.statistics.ci_high, ci.high);
  EXPECT_LT(data.statistics.ci_low, data.statistics.pearson_r);
  EXPECT_GT(data.statistics.ci_high, data.statistics.pearson_r);
  EXPECT_EQ(data.x_title, "D_eff (penultimate layer)") << "the paper's notation (store::marker_title)";
  EXPECT_EQ(data.y_title, "mean OOD accuracy");
}

TEST(OodCorrelation, NamedLayerOneArchitectureAndOtherTargets) {
  const store::Project project = toy_project();
  gui::ScatterOptions options;
  options.marker = "utility";
  options.layer = "conv1";  // only the cnn has it
  options.target = "probe_accuracy_digits";
  views::ScatterData data = gui::ood_scatter(project, options);
  EXPECT_EQ(data.x.size(), 6u);
  EXPECT_EQ(data.missing, 6) << "the mlp has no conv1";
  std::vector<double> x, y;
  for (int k = 0; k < 6; ++k) x.push_back(utility(1, k, 0)), y.push_back(probe_accuracy(1, k));
  EXPECT_NEAR(data.statistics.pearson_r, stats::pearson(vec(x), vec(y)).statistic, 1e-12);

  options = {};
  options.marker = "id_accuracy";
  options.target = "acc_fog:3";
  options.architecture = "mlp";
  data = gui::ood_scatter(project, options);
  x.clear(), y.clear();
  for (int k = 0; k < 6; ++k)
    if (!skipped_fog(0, k)) x.push_back(id_accuracy(0, k)), y.push_back(shift_accuracy(0, k, 0));
  ASSERT_EQ(data.x.size(), 5u);
  EXPECT_EQ(data.missing, 1);
  EXPECT_NEAR(data.statistics.pearson_r, stats::pearson(vec(x), vec(y)).statistic, 1e-12);
  EXPECT_EQ(data.x_title, "ID accuracy") << "an evaluation metric has no layer";

  options.architecture = "nobody";
  data = gui::ood_scatter(project, options);
  EXPECT_EQ(data.statistics.n, 0);
  EXPECT_TRUE(std::isnan(data.statistics.pearson_r));
}

TEST(OodCorrelation, HeatmapCellsArePearsonOfTheirColumnsCheckpoints) {
  const store::Project project = toy_project();
  gui::HeatmapOptions options;
  const gui::OodHeatmap map = gui::ood_heatmap(project, options);
  ASSERT_EQ(map.row_keys, gui::ood_markers(project));
  ASSERT_EQ(map.column_keys.size(), 5u);
  ASSERT_EQ(map.data.r.rows(), 5);
  for (size_t i = 0; i < map.row_keys.size(); ++i)
    for (size_t j = 0; j < map.column_keys.size(); ++j) {
      gui::ScatterOptions scatter;
      scatter.marker = map.row_keys[i];
      scatter.target = map.column_keys[j];
      scatter.bootstrap.resamples = 0;
      const views::ScatterData data = gui::ood_scatter(project, scatter);
      const stats::CorrelationResult r = stats::pearson(vec(data.x), vec(data.y));
      EXPECT_EQ(map.data.n(i, j), static_cast<int>(data.x.size()));
      if (std::isnan(r.statistic)) {
        EXPECT_TRUE(std::isnan(map.data.r(i, j))) << map.row_keys[i] << " vs " << map.column_keys[j];
      } else {
        EXPECT_NEAR(map.data.r(i, j), r.statistic, 1e-12) << map.row_keys[i] << " vs " << map.column_keys[j];
        EXPECT_EQ(map.data.stars[i][j], stats::significance_stars(r.p));
      }
    }
  // id_loss is constant: r undefined, the cell NaN.
  EXPECT_TRUE(std::isnan(map.data.r(4, 0)));
  EXPECT_EQ(map.data.columns[0], "mean OOD accuracy");
  // n over the cells: 11 (mlp-2 has no fog accuracy, so no mean OOD accuracy either) to 12.
  EXPECT_EQ(map.data.n.minCoeff(), 11);
  EXPECT_EQ(map.data.n.maxCoeff(), 12);
  EXPECT_EQ(map.data.title, "Pearson r, penultimate layer, all architectures, n = 11 to 12");

  // By architecture: one column per architecture for one target.
  options.by_architecture = true;
  options.target = "acc_noise:3";
  options.markers = {"dimension"};
  const gui::OodHeatmap per = gui::ood_heatmap(project, options);
  ASSERT_EQ(per.column_keys, (std::vector<std::string>{"mlp", "cnn"}));
  for (int a = 0; a < 2; ++a) {
    std::vector<double> x, y;
    for (int k = 0; k < 6; ++k)
      x.push_back(dimension(a, k, skipped_geometry(a, k) ? 2 : penultimate_depth(a))), y.push_back(shift_accuracy(a, k, 1));
    EXPECT_NEAR(per.data.r(0, a), stats::pearson(vec(x), vec(y)).statistic, 1e-12);
    EXPECT_EQ(per.data.n(0, a), 6);
  }
}

// A label-free estimate stored on each OOD evaluation (as the analysis stores ATC): a noisy copy of the accuracy.
double atc_estimate(const std::string& dataset, double accuracy) {
  return accuracy + (dataset.find("fog") != std::string::npos ? 0.02 : -0.03) * std::sin(40 * accuracy);
}

TEST(OodCorrelation, LabelFreeRowsReadTheEstimateOfEachTargetsOwnSet) {
  store::Project project = toy_project();
  for (auto& evaluation : project.evaluations)
    if (evaluation.dataset.find('+') != std::string::npos)
      evaluation.metrics[store::kAtcAccuracy] = atc_estimate(evaluation.dataset, evaluation.metrics.at("accuracy"));
  const std::string row = gui::kLabelFreePrefix + store::kAtcAccuracy;
  const auto markers = gui::ood_markers(project);
  ASSERT_FALSE(markers.empty());
  EXPECT_EQ(markers.back(), row);  // after the ID metrics; only the estimates that are stored
  EXPECT_EQ(std::count(markers.begin(), markers.end(), gui::kLabelFreePrefix + store::kDocAccuracy), 0);
  EXPECT_EQ(gui::paper_markers(project).back(), row);

  gui::HeatmapOptions options;
  options.markers = {row};
  const gui::OodHeatmap map = gui::ood_heatmap(project, options);
  ASSERT_EQ(map.column_keys,
            (std::vector<std::string>{"mean_ood_accuracy", "acc_fog:3", "acc_noise:3", "probe_accuracy_digits",
                                      "id_accuracy"}));
  // Noise column: the noise set's estimate against the noise set's accuracy, all 12 checkpoints.
  std::vector<double> x, y, mean_x, mean_y;
  for (int a = 0; a < 2; ++a)
    for (int k = 0; k < 6; ++k) {
      const double noise = shift_accuracy(a, k, 1), fog = shift_accuracy(a, k, 0);
      x.push_back(atc_estimate("+noise:3", noise)), y.push_back(noise);
      if (skipped_fog(a, k)) continue;  // no fog evaluation: no mean either
      mean_x.push_back((atc_estimate("+fog:3", fog) + atc_estimate("+noise:3", noise)) / 2);
      mean_y.push_back((fog + noise) / 2);
    }
  EXPECT_EQ(map.data.n(0, 2), 12);
  EXPECT_NEAR(map.data.r(0, 2), stats::pearson(vec(x), vec(y)).statistic, 1e-12);
  EXPECT_EQ(map.data.n(0, 0), 11);
  EXPECT_NEAR(map.data.r(0, 0), stats::pearson(vec(mean_x), vec(mean_y)).statistic, 1e-12);
  // A transfer probe or the ID accuracy has no label-free estimate of its own: empty cells.
  EXPECT_EQ(map.data.n(0, 3), 0);
  EXPECT_EQ(map.data.n(0, 4), 0);
  // The scatter's x axis names the estimate without a layer.
  gui::ScatterOptions scatter;
  scatter.marker = row;
  scatter.target = "acc_noise:3";
  scatter.bootstrap.resamples = 0;
  EXPECT_EQ(gui::ood_scatter(project, scatter).x_title, row);
}

std::shared_ptr<const store::Project> shared_toy() { return std::make_shared<const store::Project>(toy_project()); }

TEST(OodPanel, DefaultsScatterClickSelectionAndState) {
  gui::OodPanel panel;
  panel.set_project(shared_toy());
  ASSERT_TRUE(test::show_exposed(panel, 1100, 600));
  EXPECT_EQ(panel.marker(), "dimension");
  // The marker items explain themselves in a tooltip (store/marker_catalogue.h).
  QString tooltip;
  for (QComboBox* combo : panel.findChildren<QComboBox*>())
    if (const int item = combo->findData(QString("dimension")); item >= 0)
      tooltip = combo->itemData(item, Qt::ToolTipRole).toString();
  EXPECT_TRUE(tooltip.startsWith("D_eff: GLUE effective dimension")) << tooltip.toStdString();
  EXPECT_EQ(panel.layer(), "penultimate");
  EXPECT_EQ(panel.target(), "mean_ood_accuracy");
  EXPECT_EQ(panel.colour_by(), "architecture") << "two architectures: coloured by architecture";
  EXPECT_EQ(panel.architecture(), "");
  // The tab fits a 1280 px window beside the docks (about 1000 px), whatever the names in the combos.
  EXPECT_LE(panel.minimumSizeHint().width(), 1000);

  // The r shown equals core/stats on the points shown.
  const views::ScatterData& shown = panel.scatter();
  ASSERT_EQ(shown.x.size(), 11u);
  EXPECT_NEAR(shown.statistics.pearson_r, stats::pearson(vec(shown.x), vec(shown.y)).statistic, 1e-12);

  panel.select_target("probe_accuracy_digits");
  panel.select_architecture("cnn");
  std::vector<double> x, y;
  for (int k = 0; k < 6; ++k)
    x.push_back(dimension(1, k, skipped_geometry(1, k) ? 2 : penultimate_depth(1))), y.push_back(probe_accuracy(1, k));
  EXPECT_NEAR(panel.scatter().statistics.pearson_r, stats::pearson(vec(x), vec(y)).statistic, 1e-12);
  ASSERT_EQ(panel.scatter().labels.size(), 6u);

  // Clicking point 3 says which checkpoint it is.
  views::MarkerScatterView* view = panel.view();
  view->grab_frame();
  QSignalSpy selected(&panel, &gui::OodPanel::checkpoint_selected);
  QTest::mouseClick(view, Qt::LeftButton, Qt::NoModifier, view->point_position(3).toPoint());
  ASSERT_TRUE(test::wait_for(selected, 2000));
  EXPECT_EQ(selected.takeFirst().at(0).toString(), "cnn-3");
  test::save_screenshot(panel.grab().toImage(), "ood_panel");

  // select_checkpoint rings that point, and the ring follows it across a redraw that keeps it shown.
  panel.select_checkpoint("cnn-5");
  EXPECT_EQ(view->selected(), 5);
  panel.select_marker("utility");
  EXPECT_EQ(view->selected(), 5);
  panel.select_checkpoint("mlp-0");  // not shown (cnn only)
  EXPECT_EQ(view->selected(), -1);

  // State round trip into a fresh panel, restored before and after it has a project.
  panel.select_layer("conv1");
  panel.select_colour_by("lr");
  const QJsonObject state = panel.save_state();
  EXPECT_EQ(state.value("layer").toString(), "conv1");
  for (bool before : {true, false}) {
    gui::OodPanel other;
    if (before) other.restore_state(state), other.set_project(shared_toy());
    else other.set_project(shared_toy()), other.restore_state(state);
    EXPECT_EQ(other.save_state(), state);
    EXPECT_EQ(other.scatter().x, panel.scatter().x);
    EXPECT_EQ(other.scatter().groups, panel.scatter().groups);
  }
  // Unknown choices are ignored.
  gui::OodPanel other;
  other.set_project(shared_toy());
  other.restore_state(QJsonObject{{"marker", "no-such-marker"}, {"target", "acc_noise:3"}});
  EXPECT_EQ(other.marker(), "dimension");
  EXPECT_EQ(other.target(), "acc_noise:3");
}

TEST(HeatmapPanel, CellsClickModesAndState) {
  gui::HeatmapPanel panel;
  panel.set_project(shared_toy());
  ASSERT_TRUE(test::show_exposed(panel, 1100, 600));
  EXPECT_FALSE(panel.by_architecture());
  EXPECT_LE(panel.minimumSizeHint().width(), 1000);
  EXPECT_EQ(panel.layer(), "penultimate");
  const gui::OodHeatmap& map = panel.heatmap();
  ASSERT_EQ(map.row_keys, gui::paper_markers(*shared_toy()));
  ASSERT_EQ(map.column_keys.size(), 5u);
  // The panel's r equals core/stats on the scatter of the same pair.
  gui::ScatterOptions scatter;
  scatter.marker = "utility";
  scatter.target = "acc_fog:3";
  const views::ScatterData data = gui::ood_scatter(*shared_toy(), scatter);
  EXPECT_NEAR(map.data.r(1, 1), stats::pearson(vec(data.x), vec(data.y)).statistic, 1e-12);

  views::CorrelationHeatmapView* view = panel.view();
  view->grab_frame();
  test::save_screenshot(panel.grab().toImage(), "heatmap_panel");
  QSignalSpy activated(&panel, &gui::HeatmapPanel::cell_activated);
  QTest::mouseClick(view, Qt::LeftButton, Qt::NoModifier, view->cell_position(1, 3).toPoint());
  ASSERT_TRUE(test::wait_for(activated, 2000));
  QList<QVariant> args = activated.takeFirst();
  EXPECT_EQ(args.at(0).toString(), "utility");
  EXPECT_EQ(args.at(1).toString(), "probe_accuracy_digits");
  EXPECT_EQ(args.at(2).toString(), "");

  panel.select_by_architecture(true);
  panel.select_target("acc_noise:3");
  EXPECT_EQ(panel.heatmap().column_keys, (std::vector<std::string>{"mlp", "cnn"}));
  view->grab_frame();
  QTest::mouseClick(view, Qt::LeftButton, Qt::NoModifier, view->cell_position(0, 1).toPoint());
  ASSERT_TRUE(test::wait_for(activated, 2000));
  args = activated.takeFirst();
  EXPECT_EQ(args.at(0).toString(), "dimension");
  EXPECT_EQ(args.at(1).toString(), "acc_noise:3");
  EXPECT_EQ(args.at(2).toString(), "cnn");

  panel.select_all_markers(true);
  panel.select_layer("relu");
  const QJsonObject state = panel.save_state();
  gui::HeatmapPanel other;
  other.restore_state(state);
  other.set_project(shared_toy());
  EXPECT_EQ(other.save_state(), state);
  EXPECT_TRUE(other.by_architecture());
  EXPECT_EQ(other.heatmap().row_keys, panel.heatmap().row_keys);
  EXPECT_EQ(other.heatmap().column_keys, panel.heatmap().column_keys);
  const Eigen::MatrixXd& a = other.heatmap().data.r;
  const Eigen::MatrixXd& b = panel.heatmap().data.r;
  ASSERT_EQ(a.rows(), b.rows());
  ASSERT_EQ(a.cols(), b.cols());
  for (Eigen::Index i = 0; i < a.rows(); ++i)
    for (Eigen::Index j = 0; j < a.cols(); ++j)
      if (std::isnan(b(i, j))) EXPECT_TRUE(std::isnan(a(i, j)));
      else EXPECT_DOUBLE_EQ(a(i, j), b(i, j));
}

TEST(OodPanels, AProjectWithoutResultsShowsEmptyPlots) {
  store::Project empty;
  empty.checkpoints.push_back({"lonely", "", "", "mlp", {}, {}});
  const auto project = std::make_shared<const store::Project>(empty);
  EXPECT_EQ(gui::ood_targets(*project).size(), 1u) << "only ID accuracy is on offer";
  EXPECT_TRUE(gui::ood_markers(*project).empty());
  gui::OodPanel scatter;
  QSignalSpy scatter_errors(&scatter, &gui::OodPanel::message);
  scatter.set_project(project);
  scatter.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&scatter));
  EXPECT_TRUE(scatter.scatter().x.empty());
  gui::HeatmapPanel heatmap;
  QSignalSpy heatmap_errors(&heatmap, &gui::HeatmapPanel::message);
  heatmap.set_project(project);
  heatmap.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&heatmap));
  heatmap.view()->grab_frame();
  EXPECT_TRUE(heatmap.heatmap().data.rows.empty());
  EXPECT_TRUE(scatter_errors.isEmpty());
  EXPECT_TRUE(heatmap_errors.isEmpty());
}

// Cells compared by their row and column keys: the results CSV lists checkpoints by id (cnn before mlp), so the
// architectures (first-seen order) come in another order than in the project.
void expect_same_heatmap(const gui::OodHeatmap& got, const gui::OodHeatmap& want, const std::string& what) {
  ASSERT_EQ(got.row_keys, want.row_keys) << what;
  ASSERT_EQ(std::set<std::string>(got.column_keys.begin(), got.column_keys.end()),
            std::set<std::string>(want.column_keys.begin(), want.column_keys.end()))
      << what;
  EXPECT_EQ(got.data.title, want.data.title) << what;
  for (size_t j = 0; j < want.column_keys.size(); ++j) {
    const auto k = static_cast<size_t>(
        std::find(got.column_keys.begin(), got.column_keys.end(), want.column_keys[j]) - got.column_keys.begin());
    EXPECT_EQ(got.data.columns[k], want.data.columns[j]) << what;
    for (size_t i = 0; i < want.row_keys.size(); ++i) {
      const std::string cell = what + ": " + want.row_keys[i] + " x " + want.column_keys[j];
      EXPECT_EQ(got.data.n(i, k), want.data.n(i, j)) << cell;
      if (std::isnan(want.data.r(i, j))) EXPECT_TRUE(std::isnan(got.data.r(i, k))) << cell;
      else EXPECT_NEAR(got.data.r(i, k), want.data.r(i, j), 1e-9) << cell;  // the CSV keeps 10 digits
    }
  }
}

// A project's results CSV (store/results_table.h), opened in the window as a results table, gives the project's
// heat maps at every layer, pooled and per architecture for every target: same rows, columns, n and r.
TEST(OodPanels, TheProjectsResultsCsvOpensWithTheProjectsHeatMaps) {
  const store::Project project = toy_project();
  const QString dir = QString(MS_TEST_OUTPUT_DIR) + "/ood-panels";
  QDir().mkpath(dir);
  const QString path = dir + "/toy_results.csv";
  ASSERT_TRUE(store::write_results_csv(project, kId, path.toStdString()).ok());
  QSettings().remove("results_tables");
  gui::MainWindow window;
  test::ScriptedAnswers answers;
  answers.then_accept_choices();
  QSignalSpy loaded(&window, &gui::MainWindow::project_loaded);
  window.open_project(path);
  ASSERT_TRUE(test::wait_for(loaded, 30000)) << window.log_text().toStdString();
  const store::Project& table = *window.project();
  EXPECT_EQ(gui::ood_markers(table), gui::ood_markers(project));
  EXPECT_EQ(gui::paper_markers(table), gui::paper_markers(project));
  const auto layers = gui::marker_layers(project), table_layers = gui::marker_layers(table);
  EXPECT_EQ(std::set<std::string>(table_layers.begin(), table_layers.end()),
            std::set<std::string>(layers.begin(), layers.end()))
      << "fc1 is at depth 4 in the cnn, first in the CSV, and 0 in the mlp, first in the project";
  EXPECT_EQ(gui::colour_keys(table), gui::colour_keys(project));
  std::vector<std::string> keys;
  for (const auto& target : gui::ood_targets(project)) keys.push_back(target.key);
  std::vector<std::string> table_keys;
  for (const auto& target : gui::ood_targets(table)) table_keys.push_back(target.key);
  ASSERT_EQ(table_keys, keys);

  int maps = 0;
  for (const std::string& layer : gui::marker_layers(project)) {
    gui::HeatmapOptions options;
    options.layer = layer;
    expect_same_heatmap(gui::ood_heatmap(table, options), gui::ood_heatmap(project, options), layer + " pooled");
    options.by_architecture = true;
    for (const std::string& key : keys) {
      options.target = key;
      expect_same_heatmap(gui::ood_heatmap(table, options), gui::ood_heatmap(project, options), layer + " " + key);
      ++maps;
    }
  }
  EXPECT_EQ(maps, 7 * 5);
  // And the window's own panel shows the project's map.
  gui::HeatmapPanel* panel = window.heatmap_panel();
  panel->select_all_markers(true);
  gui::HeatmapOptions shown;
  expect_same_heatmap(panel->heatmap(), gui::ood_heatmap(project, shown), "the panel");
  gui::ScatterOptions scatter;
  scatter.target = "acc_fog:3";
  const views::ScatterData a = gui::ood_scatter(table, scatter), b = gui::ood_scatter(project, scatter);
  EXPECT_EQ(std::set<std::string>(a.labels.begin(), a.labels.end()), std::set<std::string>(b.labels.begin(), b.labels.end()));
  EXPECT_EQ(a.missing, b.missing);
  EXPECT_NEAR(a.statistics.pearson_r, b.statistics.pearson_r, 1e-9);
}

// The README screenshots, from a real analysed project named by MS_SCREENSHOT_PROJECT (disabled: run with
// --gtest_also_run_disabled_tests). Both panels at 1280 by 800 under <build>/test-output/screenshots.
TEST(OodPanels, DISABLED_RealProjectScreenshots) {
  const char* path = std::getenv("MS_SCREENSHOT_PROJECT");
  if (!path) GTEST_SKIP() << "set MS_SCREENSHOT_PROJECT to an analysed *.msproj";
  auto read = store::read_project(path);
  ASSERT_TRUE(read.ok()) << read.error();
  const auto project = std::make_shared<const store::Project>(std::move(read).value());

  gui::OodPanel scatter;
  scatter.set_project(project);
  // The paper's claim: ID dimension predicts transfer (the linear probe on the first transfer set).
  for (const auto& target : gui::ood_targets(*project))
    if (target.key.rfind("probe_accuracy_", 0) == 0) {
      scatter.select_target(QString::fromStdString(target.key));
      break;
    }
  ASSERT_TRUE(test::show_exposed(scatter, 1280, 800));
  const views::ScatterData& data = scatter.scatter();
  std::cout << data.x_title << " vs " << data.y_title << ": " << scatter.view()->statistics_text() << "\n";
  scatter.view()->grab_frame();
  std::cout << test::save_screenshot(scatter.grab().toImage(), "marker_vs_ood").toStdString() << "\n";

  gui::HeatmapPanel heatmap;
  heatmap.set_project(project);
  ASSERT_TRUE(test::show_exposed(heatmap, 1280, 800));
  const views::HeatmapData& map = heatmap.heatmap().data;
  for (size_t i = 0; i < map.rows.size(); ++i) {
    std::cout << map.rows[i];
    for (size_t j = 0; j < map.columns.size(); ++j) std::cout << "  " << heatmap.view()->cell_text(i, j);
    std::cout << "\n";
  }
  heatmap.view()->grab_frame();
  std::cout << test::save_screenshot(heatmap.grab().toImage(), "correlation_heatmap").toStdString() << "\n";
}

}  // namespace
}  // namespace ms
