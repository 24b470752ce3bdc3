// The projection tab (view (a)): one checkpoint of the project, one layer, its ID sample (optionally with a shifted
// copy overlaid) in 2D or 3D, computed on demand by pipeline::LayerProjector as a JobRunner job (progress and Cancel
// in the Jobs dock; the GUI thread never waits). A newer request cancels the running one, and results of requests
// that are no longer current are discarded. Hovering a point shows its input image, true label and prediction in
// the side box.
//
// Controls: checkpoint (the project's), dataset (ID, or ID + one of the project's shifted sets), layer slider over
// the model's layers in graph order, basis (PCA / class-center plane / anchor view, layer_projection.h), 2D/3D,
// centers (none / class means / GLUE anchor centers s0), sample anchors. UMAP and t-SNE (fitted layouts, no anchors; a
// shifted copy is fitted jointly, which the side box says) show a parameter row (embedding_parameters.h); the layouts
// fitted here are saved with the session (unsaved_layouts) and drawn from the project when it holds them.
// The sample is the analysis's: points_per_manifold and sample_seed from the project's geometry options when
// present (else 50 per class, seed 0), and GLUE runs with the project's GLUE options - only when anchors, anchor
// centers or the anchor view are shown (GLUE is most of a request's time; a plain layer step is one tap pass).
//
// Session: save_state()/restore_state() as JSON {checkpoint, layer, layer_index, layer_filter, basis, dimensions, overlay,
// centers, anchors, embedding (EmbeddingParameters::save_state), camera (13 numbers, vtk_camera_state.h)}.
#pragma once

#include <QJsonObject>
#include <QWidget>
#include <map>
#include <memory>
#include <optional>

#include "app/gui/project_tab.h"
#include "core/pipeline/layer_projection.h"
#include "core/store/layer_arrays.h"
#include "core/store/project.h"
#include "views/vtk_camera_state.h"

class QCheckBox;
class QFrame;
class QHBoxLayout;
class QPushButton;
class QComboBox;
class QLabel;
class QLineEdit;
class QSlider;
class QTimer;

namespace ms::views {
class PointTip;
class ProjectionView;
}

namespace ms::gui {

class JobRunner;
class EmbeddingParameters;
class ProjectLocations;

// set_project (ProjectTab's) fills the checkpoint and dataset choices (keeping the current ones when still there) and
// computes nothing until a checkpoint is selected or the panel is shown. save_state, restore_state and message:
// ProjectTab's.
class ProjectionPanel : public ProjectTab {
  Q_OBJECT
 public:
  enum class Centers { none, class_means, anchor_centers };

  ProjectionPanel(JobRunner* jobs, QWidget* parent = nullptr);
  ~ProjectionPanel() override;

  // Where the project's files are (the main window's, shared by every panel, knows the project file and the moved
  // folders); without one the panel has its own, which knows no project folder. nullptr = back to its own.
  void set_locations(ProjectLocations* locations);

  void select_checkpoint(const QString& id);
  // An index into layers(); before the checkpoint's layers are known it is kept and applied when they arrive.
  void select_layer(int index);
  void set_basis(pipeline::ProjectionBasis basis);
  void set_dimensions(int k);  // 2 or 3
  // UMAP/t-SNE parameters (method, dimensions and threads are the panel's); re-runs when a layout is on show.
  void set_embedding_options(const geometry::EmbeddingOptions& options);
  EmbeddingParameters* embedding_parameters() const { return embedding_; }
  // A shifted dataset id of the project ("fashion-mnist:test+fog:3"), or "" for the ID set alone.
  void set_overlay(const QString& shifted_id);
  void set_centers(Centers centers);
  void set_anchors_shown(bool shown);
  // The control row on or off (the compare panel drives two panels from one row).
  void set_controls_visible(bool visible);
  // The slider steps only through the layers `filter` selects (model::select_layers terms, comma-separated: "layer*",
  // "features.*", "blocks", "penultimate"); "" = all. A layer on show outside it moves to the nearest matching one.
  void set_layer_filter(const QString& filter);
  // The layer indices the slider steps through.
  const std::vector<int>& slider_layers() const { return shown_; }
  QSlider* layer_slider() const { return layer_slider_; }

  QString checkpoint() const;
  int layer() const;  // index into layers(), -1 before the first result
  const std::vector<model::LayerInfo>& layers() const;
  // The result on show (null before the first), and whether a request is still due or running. A hidden panel
  // computes nothing: what it was asked for runs when it is shown.
  std::shared_ptr<const pipeline::LayerProjection> result() const { return result_; }
  bool busy() const;

  // UMAP/t-SNE layouts computed here and not yet in the project, for the session save to put beside their layers'
  // markers (store/layer_arrays.h); a later set_project with them saved drops them from this list.
  const std::vector<store::LayerArray>& unsaved_layouts() const { return unsaved_layouts_; }

  views::ProjectionView* view() const { return view_; }
  // The hover side box: the input image and its text (true label, prediction, which set).
  QLabel* hover_image() const { return hover_image_; }
  QLabel* hover_text() const { return hover_text_; }
  // The same beside the hovered point, as a tooltip.
  views::PointTip* point_tip() const { return tip_; }

 Q_SIGNALS:
  void checkpoint_selected(const QString& id);
  void projection_ready();
  void layer_changed(int index);

 protected:
  void showEvent(QShowEvent* event) override;
  void hideEvent(QHideEvent* event) override;

 private:
  void fill_choices() override;
  QJsonObject state() const override;
  void apply_state(const QJsonObject& state) override;
  void refresh() override;  // computes when the checkpoint shown is gone, or on show before the first result
  QHBoxLayout* build_choice_row();  // checkpoint, data, basis, 2D/3D, centers, anchors, save buttons
  QHBoxLayout* build_depth_row();   // the layer filter, slider and label
  QFrame* build_side_box();         // the hovered input and the status
  void connect_controls();
  void fill_datasets();
  void schedule();  // (re)start the request shortly: several control changes make one job
  void start_request();
  void on_finished(int id, const QString& error);
  void show_result();
  void keep_layout();  // a freshly fitted layout of result_ into unsaved_layouts_
  void redraw(bool keep_camera);  // the current result with the current toggles
  void on_hovered(int index);
  void update_layer_label();
  void fill_slider(int current);  // shown_ from the layers and the filter; the slider on `current` (or the next)
  std::optional<pipeline::ProjectionRequest> make_request();  // asks for moved files; nullopt (logged) on failure
  bool wants_anchors() const;  // GLUE is needed for what is shown (anchor view always runs it)
  bool embedding_shown() const;  // the basis is UMAP or t-SNE
  void show_embedding_row();     // the parameter row for the basis chosen (hidden for linear bases)

  JobRunner* jobs_;
  ProjectLocations* locations_ = nullptr;
  ProjectLocations* own_locations_ = nullptr;
  std::shared_ptr<pipeline::LayerProjector> projector_;
  std::shared_ptr<const pipeline::LayerProjection> result_;
  QString result_checkpoint_;  // the checkpoint result_ belongs to (its layers)
  QString result_overlay_;
  struct Pending {
    int generation;
    QString checkpoint, overlay;
    std::shared_ptr<Result<pipeline::LayerProjection>> result;  // written by the job, read after finished()
  };
  std::map<int, Pending> pending_;  // by job id
  int generation_ = 0;
  int job_ = -1;
  bool due_on_show_ = false;  // a request was asked for while the panel was hidden (another tab on show)
  int wanted_layer_ = -1;     // select_layer before the layers were known
  QString wanted_layer_id_;   // restored or kept across a checkpoint change
  std::optional<views::CameraState> pending_camera_;
  QString checkpoint_before_;  // the checkpoint chosen before fill_choices, for refresh
  std::vector<store::LayerArray> unsaved_layouts_;

  QWidget* controls_;
  QComboBox* checkpoints_;
  QComboBox* datasets_;
  QSlider* layer_slider_;
  QLineEdit* layer_filter_;
  std::vector<int> shown_;  // layer indices the slider steps through (the filter's)
  QLabel* layer_label_;
  QComboBox* basis_;
  EmbeddingParameters* embedding_;
  QComboBox* dimensions_;
  QComboBox* centers_;
  QCheckBox* anchors_;
  QPushButton* save_image_;
  QPushButton* save_data_;
  QTimer* debounce_;
  views::ProjectionView* view_;
  QLabel* hover_image_;
  QLabel* hover_text_;
  views::PointTip* tip_;
  QLabel* status_;
};

}  // namespace ms::gui
