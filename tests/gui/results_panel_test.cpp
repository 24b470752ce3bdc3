// The Results tab says why a value is missing or approximate: a layer whose GLUE solves did not all converge and a
// blank (dead) layer are shown with an amber ground, "NaN" written out, and the reason in the tooltip; a healthy
// layer's cells are plain.
#include <gtest/gtest.h>

#include <QTableWidget>
#include <QTest>

#include <cmath>
#include <memory>

#include "app/gui/results_panel.h"
#include "core/store/project.h"
#include "tests/gui/gui_test_support.h"

namespace ms {
namespace {

QTableWidgetItem* cell_of(QTableWidget* table, const QString& layer, const QString& column) {
  int layer_column = -1, wanted = -1;
  for (int c = 0; c < table->columnCount(); ++c) {
    if (table->horizontalHeaderItem(c)->text() == "layer") layer_column = c;
    if (table->horizontalHeaderItem(c)->text() == column) wanted = c;
  }
  if (layer_column < 0 || wanted < 0) return nullptr;
  for (int r = 0; r < table->rowCount(); ++r)
    if (table->item(r, layer_column)->text() == layer) return table->item(r, wanted);
  return nullptr;
}

TEST(ResultsPanel, MissingAndApproximateValuesSayWhy) {
  store::Project project;
  project.checkpoints.push_back({"net", "/tmp/net.pt", "00", "cnn", {}, {}});
  const double nan = std::nan("");
  const struct {
    const char* layer;
    std::map<std::string, double> markers;
  } layers[] = {
      {"conv1", {{"dimension", 4.0}, {"radius", 0.9}, {"participation_ratio", 7.0}, {"glue_failed_solves", 0},
                 {"glue_worst_kkt_residual", 1e-12}, {"glue_coincident_repeats", 0}, {"num_manifolds", 10},
                 {"layer_index", 0}}},
      {"relu1", {{"dimension", 3.0}, {"radius", 0.7}, {"participation_ratio", 5.0}, {"glue_failed_solves", 4},
                 {"glue_worst_kkt_residual", 0.031}, {"glue_coincident_repeats", 0}, {"num_manifolds", 10},
                 {"layer_index", 1}}},
      {"dead", {{"dimension", nan}, {"radius", nan}, {"participation_ratio", nan}, {"glue_failed_solves", 0},
                {"glue_worst_kkt_residual", 0}, {"glue_coincident_repeats", 1}, {"num_manifolds", 10},
                {"layer_index", 2}}},
  };
  for (const auto& layer : layers) {
    store::GeometryEntry entry{"net", "fashion-mnist:test", layer.layer, layer.markers, {}, {}};
    project.geometry.push_back(entry);
  }
  project.evaluations.push_back({"net", "fashion-mnist:test", {{"accuracy", 0.9}}});

  gui::ResultsPanel panel;
  panel.resize(1400, 400);
  panel.set_project(std::make_shared<const store::Project>(project));
  panel.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&panel));
  QTableWidget* table = panel.table();
  ASSERT_EQ(table->rowCount(), 3);

  QTableWidgetItem* healthy = cell_of(table, "conv1", "dimension");
  ASSERT_NE(healthy, nullptr);
  EXPECT_TRUE(healthy->toolTip().isEmpty());
  EXPECT_EQ(healthy->background().style(), Qt::NoBrush);
  for (const char* text_column : {"checkpoint", "architecture", "layer"})
    EXPECT_TRUE(cell_of(table, "dead", text_column)->toolTip().isEmpty()) << text_column;

  for (const char* column : {"dimension", "radius", "glue_failed_solves"}) {
    QTableWidgetItem* approximate = cell_of(table, "relu1", column);
    ASSERT_NE(approximate, nullptr) << column;
    EXPECT_TRUE(approximate->toolTip().startsWith("approximate: 4 of this layer's GLUE solves")) << column;
    EXPECT_NE(approximate->background().style(), Qt::NoBrush) << column;
  }
  EXPECT_TRUE(cell_of(table, "relu1", "participation_ratio")->toolTip().isEmpty()) << "not a GLUE marker";

  QTableWidgetItem* dead = cell_of(table, "dead", "dimension");
  ASSERT_NE(dead, nullptr);
  EXPECT_EQ(dead->text().toLower(), "nan");
  EXPECT_TRUE(dead->toolTip().contains("all coincide")) << dead->toolTip().toStdString();
  EXPECT_TRUE(cell_of(table, "dead", "participation_ratio")->toolTip().contains("no spread"));

  // Sorting keeps each note on its own cell.
  table->sortItems(0, Qt::DescendingOrder);
  EXPECT_TRUE(cell_of(table, "dead", "dimension")->toolTip().contains("all coincide"));
  QTest::qWait(100);
  test::save_screenshot(panel.grab().toImage(), "results_table_notes");
}

}  // namespace
}  // namespace ms
