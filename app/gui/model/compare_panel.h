// The compare tab (view (e)): checkpoints A and B side by side at the same depth. One control row drives two
// ProjectionPanels (their own rows hidden): A, B, data (ID or ID + a shift), basis, 2D/3D and ONE layer slider (its
// range is A's layers; B takes the same index, clamped to its own). The cameras are linked: a drag or wheel step in
// one view gives the other the same camera (ProjectionView::camera_changed is emitted for user moves only, so this
// cannot loop); new data frames each view to its own points again.
// Below, the markers of that layer from the project's geometry: marker, A, B, B−A (the project's numbers; "—" where
// one is missing). Save Data writes that table as CSV, Save Image both views side by side with their names: PNG,
// SVG or PDF at an ExportSize (views/figure_export.h), each side's points an embedded image, titles and legends
// as vector text and shapes (views/composed_figure.h).
//
// Basis UMAP or t-SNE: a parameter row under the controls drives both sides; each side is fitted on its own points,
// so the two layouts' axes are not comparable, only their arrangements.
// Session: save_state()/restore_state() as JSON {a, b, layer_index, basis, dimensions, overlay, embedding, camera}.
#pragma once

#include <QJsonObject>
#include <QWidget>
#include <memory>
#include <optional>
#include <string>

#include "app/gui/project_tab.h"
#include "core/common/result.h"
#include "core/pipeline/layer_projection.h"
#include "core/store/project.h"
#include "views/figure_export.h"

class QComboBox;
class QHBoxLayout;
class QPushButton;
class QLabel;
class QSlider;
class QTableWidget;

namespace ms::gui {

class EmbeddingParameters;
class JobRunner;
class ProjectLocations;
class ProjectionPanel;

// set_project, save_state, restore_state and message: ProjectTab's.
class ComparePanel : public ProjectTab {
  Q_OBJECT
 public:
  ComparePanel(JobRunner* jobs, QWidget* parent = nullptr);

  // Both sides find moved files through `locations` (ProjectionPanel::set_locations).
  void set_locations(ProjectLocations* locations);
  void set_checkpoints(const QString& a, const QString& b);
  void select_layer(int index);
  void set_basis(pipeline::ProjectionBasis basis);
  void set_dimensions(int k);
  // The UMAP / t-SNE parameters of both sides (the parameter row shows them).
  void set_embedding_options(const geometry::EmbeddingOptions& options);
  void set_overlay(const QString& shifted_id);  // "" = ID only

  ProjectionPanel* panel_a() const { return a_; }
  ProjectionPanel* panel_b() const { return b_; }
  QTableWidget* table() const { return table_; }
  int layer() const;  // the slider's index

  // Without dialogs (the buttons ask for a file first).
  Status save_csv(const std::string& path) const;
  Status save_png(const std::string& path, int scale);
  // PNG, SVG or PDF by the path's extension (save_png's layout for the window x scale PNG).
  Status save_figure(const std::string& path, const views::ExportSize& size);

 Q_SIGNALS:
  // Both sides show the slider's layer (or the nearest B has).
  void comparison_ready();

 protected:
  void showEvent(QShowEvent* event) override;

 private:
  void fill_choices() override;  // both sides' projects too
  QJsonObject state() const override;
  void apply_state(const QJsonObject& state) override;
  void refresh() override;  // the sides follow the A and B choices (when shown)
  QHBoxLayout* build_controls();   // A, B, data, basis, 2D/3D, save buttons (and the parameter row, placed apart)
  QHBoxLayout* build_depth_row();  // the layer slider and its label
  void connect_controls();
  void apply_basis();
  void sync_sides();  // the panels show the A and B choices
  void on_side_ready();
  void refresh_table();
  void update_slider();

  ProjectionPanel* a_;
  ProjectionPanel* b_;
  QComboBox* a_choice_;
  QComboBox* b_choice_;
  QComboBox* datasets_;
  QComboBox* basis_;
  EmbeddingParameters* embedding_;  // UMAP / t-SNE parameters of both sides
  QComboBox* dimensions_;
  QPushButton* save_image_;
  QPushButton* save_data_;
  QSlider* layer_slider_;
  QLabel* layer_label_;
  QTableWidget* table_;
};

}  // namespace ms::gui
