#include "app/gui/model/projection_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFrame>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSlider>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>

#include "app/gui/job_runner.h"
#include "app/gui/model/embedding_parameters.h"
#include "app/gui/model/projection_controls.h"
#include "app/gui/project_locations.h"
#include "app/gui/project_profile.h"
#include "core/model/layer_selection.h"
#include "core/pipeline/analyse_options.h"
#include "core/store/layer_arrays.h"
#include "views/dataset_images.h"
#include "views/point_tip.h"
#include "views/projection_view.h"

namespace ms::gui {
namespace {

constexpr int kHoverZoom = 4;  // 28 px items become 112 px

const store::CheckpointEntry* find_checkpoint(const store::Project& project, const QString& id) {
  for (const auto& c : project.checkpoints)
    if (QString::fromStdString(c.id) == id) return &c;
  return nullptr;
}

// "shifted: fog:3" for the legend.
QString overlay_name(const store::Project& project, const QString& id) {
  for (const auto& d : project.datasets)
    if (QString::fromStdString(d.id) == id && !d.shift.empty())
      return QString("shifted: %1:%2").arg(QString::fromStdString(d.shift)).arg(d.shift_severity);
  const int plus = id.lastIndexOf('+');
  return "shifted: " + (plus >= 0 ? id.mid(plus + 1) : id);
}

// The analysis's sample and GLUE settings for this checkpoint, so the picture shows the points the markers saw.
void apply_analysis_options(const store::Project& project, const std::string& checkpoint,
                            pipeline::ProjectionRequest& request) {
  for (const auto& g : project.geometry) {
    if (g.checkpoint != checkpoint) continue;
    // Read through the analysis' own stored form. A stored value that does not parse leaves the defaults: the
    // projection still draws, with its own options.
    pipeline::AnalyseOptions stored;
    stored.glue = request.glue;
    stored.seed = request.seed;
    if (!pipeline::from_map(g.options, stored).ok()) return;
    request.glue = stored.glue;
    request.seed = stored.seed;
    if (g.options.count("points_per_manifold")) request.per_class = stored.glue.points_per_manifold;
    return;
  }
}

const char* centers_name(ProjectionPanel::Centers c) {
  switch (c) {
    case ProjectionPanel::Centers::none: return "none";
    case ProjectionPanel::Centers::class_means: return "class_means";
    case ProjectionPanel::Centers::anchor_centers: return "anchor_centers";
  }
  return "none";
}

}  // namespace

ProjectionPanel::ProjectionPanel(JobRunner* jobs, QWidget* parent)
    : ProjectTab(parent), jobs_(jobs), projector_(std::make_shared<pipeline::LayerProjector>()) {
  locations_ = own_locations_ = new ProjectLocations(this);
  controls_ = new QWidget;
  auto* rows = new QVBoxLayout(controls_);
  rows->setContentsMargins(0, 0, 0, 0);
  rows->addLayout(build_choice_row());
  rows->addWidget(embedding_);
  rows->addLayout(build_depth_row());
  view_ = new views::ProjectionView;
  auto* body = new QHBoxLayout;
  body->addWidget(view_, 1);
  body->addWidget(build_side_box());
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(controls_);
  layout->addLayout(body, 1);
  debounce_ = new QTimer(this);
  debounce_->setSingleShot(true);
  debounce_->setInterval(120);
  connect_controls();
}

QHBoxLayout* ProjectionPanel::build_choice_row() {
  checkpoints_ = new QComboBox;
  checkpoints_->setMinimumContentsLength(22);
  checkpoints_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  datasets_ = new QComboBox;
  datasets_->setToolTip(tr("The ID sample alone, or with the same items under a shift overlaid in the same basis"));
  basis_ = make_basis_choice();
  embedding_ = new EmbeddingParameters;
  embedding_->hide();
  dimensions_ = make_dimensions_choice();
  centers_ = new QComboBox;
  centers_->addItem(tr("No centers"), static_cast<int>(Centers::none));
  centers_->addItem(tr("Class means"), static_cast<int>(Centers::class_means));
  centers_->addItem(tr("Anchor centers s₀"), static_cast<int>(Centers::anchor_centers));
  centers_->setCurrentIndex(1);
  anchors_ = new QCheckBox(tr("Anchors"));
  anchors_->setToolTip(tr("GLUE sample anchors s_k, lighter, in their class colours"));
  save_image_ = new QPushButton(tr("Save Image…"));
  save_data_ = new QPushButton(tr("Save Data…"));
  return control_row({{tr("Checkpoint:"), checkpoints_, 1}, {tr("Data:"), datasets_}, {{}, basis_}, {{}, dimensions_},
                      {{}, centers_}, {{}, anchors_}, {{}, save_image_}, {{}, save_data_}});
}

QHBoxLayout* ProjectionPanel::build_depth_row() {
  layer_slider_ = make_layer_slider();
  layer_label_ = new QLabel;
  layer_label_->setMinimumWidth(260);
  layer_filter_ = new QLineEdit;
  layer_filter_->setPlaceholderText(tr("all layers"));
  layer_filter_->setClearButtonEnabled(true);
  layer_filter_->setMaximumWidth(170);
  layer_filter_->setToolTip(tr("The slider steps through these layers only: globs over module names (layer*, "
                               "features.*, **:relu*), blocks, penultimate; several separated by commas"));
  return control_row({{tr("Layer:"), layer_filter_}, {{}, layer_slider_, 1}, {{}, layer_label_}});
}

QFrame* ProjectionPanel::build_side_box() {
  auto* side = new QFrame;
  side->setFrameShape(QFrame::StyledPanel);
  side->setFixedWidth(190);
  auto* side_layout = new QVBoxLayout(side);
  hover_image_ = new QLabel;
  hover_image_->setFixedSize(28 * kHoverZoom, 28 * kHoverZoom);
  hover_image_->setAlignment(Qt::AlignCenter);
  hover_text_ = new QLabel(tr("Hover a point to see its input."));
  hover_text_->setWordWrap(true);
  tip_ = new views::PointTip(this);
  hover_text_->setTextFormat(Qt::RichText);
  status_ = new QLabel;
  status_->setWordWrap(true);
  side_layout->addWidget(hover_image_, 0, Qt::AlignHCenter);
  side_layout->addWidget(hover_text_);
  side_layout->addStretch(1);
  side_layout->addWidget(status_);
  return side;
}

void ProjectionPanel::connect_controls() {
  connect(debounce_, &QTimer::timeout, this, &ProjectionPanel::start_request);
  connect(jobs_, &JobRunner::finished, this, &ProjectionPanel::on_finished);
  connect(checkpoints_, &QComboBox::currentIndexChanged, this, [this] {
    const store::CheckpointEntry* now = project_ ? find_checkpoint(*project_, checkpoint()) : nullptr;
    const store::CheckpointEntry* shown = project_ && result_ ? find_checkpoint(*project_, result_checkpoint_) : nullptr;
    // Another architecture has other layers: start at its penultimate one.
    if (!now || !shown || now->architecture != shown->architecture) wanted_layer_id_.clear();
    Q_EMIT checkpoint_selected(checkpoint());
    schedule();
  });
  connect(datasets_, &QComboBox::currentIndexChanged, this, &ProjectionPanel::schedule);
  connect(basis_, &QComboBox::currentIndexChanged, this, [this] { show_embedding_row(), schedule(); });
  connect(embedding_, &EmbeddingParameters::changed, this, &ProjectionPanel::schedule);
  connect(dimensions_, &QComboBox::currentIndexChanged, this, &ProjectionPanel::schedule);
  // Toggles redraw; GLUE runs (a new request) only when anchors are wanted and the result has none.
  auto toggled = [this] {
    if (result_ && result_->anchor_centers.rows() == 0 && wants_anchors() && !embedding_shown()) schedule();
    redraw(true);
  };
  connect(centers_, &QComboBox::currentIndexChanged, this, toggled);
  connect(anchors_, &QCheckBox::toggled, this, toggled);
  connect(layer_filter_, &QLineEdit::editingFinished, this, [this] { set_layer_filter(layer_filter_->text()); });
  connect(layer_slider_, &QSlider::valueChanged, this, [this](int position) {
    const int index = position >= 0 && position < static_cast<int>(shown_.size()) ? shown_[position] : -1;
    const auto& known = layers();
    if (index >= 0 && index < static_cast<int>(known.size())) wanted_layer_id_ = QString::fromStdString(known[index].id);
    update_layer_label();
    Q_EMIT layer_changed(index);
    schedule();
  });
  connect(save_image_, &QPushButton::clicked, view_->save_image_action(), &QAction::trigger);
  connect(save_data_, &QPushButton::clicked, view_->save_data_action(), &QAction::trigger);
  connect(view_, &views::ProjectionView::point_hovered, this, &ProjectionPanel::on_hovered);
}

ProjectionPanel::~ProjectionPanel() {
  // The jobs keep what they use (projector, result holder) alive; they only need to stop.
  for (const auto& [id, pending] : pending_) jobs_->cancel(id);
}

void ProjectionPanel::set_locations(ProjectLocations* locations) {
  locations_ = locations ? locations : own_locations_;
}

void ProjectionPanel::fill_choices() {
  // Layouts the project now holds (saved with the session) are no longer this panel's to keep.
  unsaved_layouts_.erase(std::remove_if(unsaved_layouts_.begin(), unsaved_layouts_.end(),
                                        [this](const store::LayerArray& a) {
                                          return store::find_layer_array(*project_, a.checkpoint, a.dataset, a.layer,
                                                                         a.name) != nullptr;
                                        }),
                         unsaved_layouts_.end());
  if (locations_ == own_locations_) locations_->set_project(project_, QString());
  checkpoint_before_ = checkpoint();
  {
    QSignalBlocker block(checkpoints_);
    checkpoints_->clear();
    for (const auto& c : project_->checkpoints) {
      checkpoints_->addItem(QString::fromStdString(c.id), QString::fromStdString(c.id));
      checkpoints_->setItemData(checkpoints_->count() - 1, QString::fromStdString(c.path), Qt::ToolTipRole);
    }
    const int keep = checkpoints_->findData(checkpoint_before_);
    checkpoints_->setCurrentIndex(keep >= 0 ? keep : 0);
  }
  fill_datasets();
}

void ProjectionPanel::refresh() {
  if (checkpoint() != checkpoint_before_ && result_) schedule();                     // the shown checkpoint is gone
  else if (!result_ && job_ < 0 && isVisible() && !checkpoint().isEmpty()) schedule();  // on show
}

void ProjectionPanel::fill_datasets() {
  const QString previous = datasets_->currentData().toString();
  QSignalBlocker block(datasets_);
  datasets_->clear();
  datasets_->addItem(QString::fromStdString(id_dataset(*project_)), QString());
  for (const auto& d : project_->datasets)
    if (!d.shift.empty())
      datasets_->addItem(tr("ID + %1").arg(overlay_name(*project_, QString::fromStdString(d.id))),
                         QString::fromStdString(d.id));
  const int keep = datasets_->findData(previous);
  datasets_->setCurrentIndex(keep >= 0 ? keep : 0);
}

void ProjectionPanel::select_checkpoint(const QString& id) {
  const int index = checkpoints_->findData(id);
  if (index < 0) return Q_EMIT message(tr("No checkpoint %1 in the project").arg(id), true);
  if (index == checkpoints_->currentIndex() && (result_ || job_ >= 0)) return;
  if (index == checkpoints_->currentIndex()) {
    Q_EMIT checkpoint_selected(id);
    return schedule();
  }
  checkpoints_->setCurrentIndex(index);
}

void ProjectionPanel::select_layer(int index) {
  const auto& known = layers();
  if (known.empty()) {
    wanted_layer_ = index;
    return schedule();
  }
  index = std::clamp(index, 0, static_cast<int>(known.size()) - 1);
  if (index == layer()) {
    wanted_layer_id_ = QString::fromStdString(known[index].id);
    return schedule();
  }
  const auto at = std::find(shown_.begin(), shown_.end(), index);
  if (at == shown_.end()) {  // outside the filter: shown anyway, the slider keeps to the filter's layers
    wanted_layer_id_ = QString::fromStdString(known[index].id);
    return schedule();
  }
  layer_slider_->setValue(static_cast<int>(at - shown_.begin()));
}

void ProjectionPanel::set_layer_filter(const QString& text) {
  if (layer_filter_->text() != text) layer_filter_->setText(text);
  const int current = layer();
  fill_slider(current);
  // The shown layer left the filter: the slider is on the nearest matching one now (the next deeper, else the last).
  if (shown_.empty() || current < 0 || layer() == current) return;
  wanted_layer_id_ = QString::fromStdString(layers()[layer()].id);
  Q_EMIT layer_changed(layer());
  schedule();
}

void ProjectionPanel::fill_slider(int current) {
  const auto& known = layers();
  shown_.clear();
  const QString filter = layer_filter_->text().trimmed();
  if (!filter.isEmpty() && !known.empty()) {
    auto selected = model::select_layers(known, model::split_layer_terms(filter.toStdString()));
    if (selected) {
      for (size_t i : *selected) shown_.push_back(static_cast<int>(i));
      layer_filter_->setStyleSheet({});
    } else {
      layer_filter_->setStyleSheet("color: #c0392b");
      Q_EMIT message(QString::fromStdString(selected.error()), true);
    }
  }
  if (shown_.empty())
    for (int i = 0; i < static_cast<int>(known.size()); ++i) shown_.push_back(i);
  QSignalBlocker block(layer_slider_);
  layer_slider_->setRange(0, std::max(0, static_cast<int>(shown_.size()) - 1));
  const auto at = std::lower_bound(shown_.begin(), shown_.end(), current);
  layer_slider_->setValue(at == shown_.end() ? static_cast<int>(shown_.size()) - 1 : static_cast<int>(at - shown_.begin()));
  update_layer_label();
}

void ProjectionPanel::set_basis(pipeline::ProjectionBasis basis) { choose_basis(basis_, basis); }

void ProjectionPanel::set_embedding_options(const geometry::EmbeddingOptions& options) {
  embedding_->set_options(options);
  if (embedding_shown()) schedule();
}

bool ProjectionPanel::embedding_shown() const {
  return pipeline::is_embedding(chosen_basis(basis_));
}

void ProjectionPanel::show_embedding_row() {
  show_parameter_row(embedding_, chosen_basis(basis_));
  anchors_->setEnabled(!embedding_shown());  // a layout has no GLUE anchors
}

void ProjectionPanel::set_dimensions(int k) { choose_dimensions(dimensions_, k); }

void ProjectionPanel::set_overlay(const QString& shifted_id) {
  const int index = datasets_->findData(shifted_id);
  if (index < 0) return Q_EMIT message(tr("No shifted dataset %1 in the project").arg(shifted_id), true);
  datasets_->setCurrentIndex(index);
}

void ProjectionPanel::set_centers(Centers centers) { centers_->setCurrentIndex(centers_->findData(static_cast<int>(centers))); }

void ProjectionPanel::set_anchors_shown(bool shown) { anchors_->setChecked(shown); }

void ProjectionPanel::set_controls_visible(bool visible) { controls_->setVisible(visible); }

bool ProjectionPanel::busy() const { return job_ >= 0 || debounce_->isActive(); }

QString ProjectionPanel::checkpoint() const { return checkpoints_->currentData().toString(); }

int ProjectionPanel::layer() const {
  const int position = layer_slider_->value();
  if (layers().empty() || position < 0 || position >= static_cast<int>(shown_.size())) return -1;
  return shown_[position];
}

const std::vector<model::LayerInfo>& ProjectionPanel::layers() const {
  static const std::vector<model::LayerInfo> none;
  return result_ && result_checkpoint_ == checkpoint() ? result_->layers : none;
}

void ProjectionPanel::showEvent(QShowEvent* event) {
  QWidget::showEvent(event);
  if (project_ && !checkpoint().isEmpty() && (due_on_show_ || (!result_ && job_ < 0))) schedule();
}

void ProjectionPanel::hideEvent(QHideEvent* event) {
  tip_->hide();  // a top-level window: it would stay on screen when another tab takes the panel's place
  QWidget::hideEvent(event);
}

void ProjectionPanel::schedule() {
  if (!project_ || checkpoint().isEmpty()) return;
  // Whatever is running now answers an older question: drop its result even if it finishes before the new request
  // starts (its layer would otherwise overwrite the slider's).
  ++generation_;
  if (job_ >= 0) jobs_->cancel(job_);
  status_->setText(tr("Computing…"));
  // Selecting a checkpoint elsewhere (browser, scatter, a restored session) must not cost a tap pass on a worker
  // while another tab is on show.
  due_on_show_ = !isVisible();
  if (due_on_show_) return debounce_->stop();
  debounce_->start();
}

std::optional<pipeline::ProjectionRequest> ProjectionPanel::make_request() {
  if (!project_) return std::nullopt;
  const auto fail = [this](const std::string& error) -> std::optional<pipeline::ProjectionRequest> {
    status_->setText(tr("Failed: %1").arg(QString::fromStdString(error)));
    Q_EMIT message(QString::fromStdString(error), true);
    return std::nullopt;
  };
  const store::CheckpointEntry* entry = find_checkpoint(*project_, checkpoint());
  if (!entry) return std::nullopt;
  pipeline::ProjectionRequest request;
  // Where the files are now: a moved checkpoint or dataset is asked for once (project_locations.h).
  auto path = locations_->checkpoint(entry->id, this);
  if (!path) return fail(path.error());
  request.checkpoint = *path;
  auto id = locations_->dataset(id_dataset(*project_), this);
  if (!id) return fail(id.error());
  request.id_dataset = *id;
  const std::string shifted = datasets_->currentData().toString().toStdString();
  if (!shifted.empty()) {
    auto spec = locations_->dataset(shifted, this);
    if (!spec) return fail(spec.error());
    request.shifted_dataset = *spec;
  }
  apply_analysis_options(*project_, entry->id, request);
  request.glue.repeats = 1;  // the drawing uses the first repeat only
  request.layer = wanted_layer_id_.toStdString();
  request.basis = chosen_basis(basis_);
  request.dimensions = dimensions_->currentData().toInt();
  request.anchors = wants_anchors() && !embedding_shown();  // layouts have no anchors
  request.embedding = embedding_->options();
  if (embedding_shown() && !wanted_layer_id_.isEmpty())  // saved with the session earlier: no tap pass, no fit
    if (const Eigen::MatrixXd* saved = store::find_layer_array(*project_, entry->id, id_dataset(*project_),
                                                               wanted_layer_id_.toStdString(),
                                                               pipeline::layout_name(request)))
      request.stored_layout = *saved;
  return request;
}

bool ProjectionPanel::wants_anchors() const {
  return anchors_->isChecked() || static_cast<Centers>(centers_->currentData().toInt()) == Centers::anchor_centers;
}

void ProjectionPanel::start_request() {
  const auto request = make_request();
  if (!request) return;
  if (job_ >= 0) jobs_->cancel(job_);  // superseded: its result would be discarded anyway
  auto holder = std::make_shared<Result<pipeline::LayerProjection>>(make_error("not run"));
  auto projector = projector_;
  const QString title = tr("Projection: %1, %2")
                            .arg(checkpoint(), request->layer.empty() ? tr("penultimate layer")
                                                                      : QString::fromStdString(request->layer));
  job_ = jobs_->start(title, [projector, request = *request, holder](Progress& progress, CancelToken& cancel) -> Status {
    auto result = projector->project(request, progress, cancel);
    if (!result) return make_error(result.error());
    *holder = std::move(result);
    return Ok{};
  });
  pending_[job_] = {generation_, checkpoint(), datasets_->currentData().toString(), holder};
}

void ProjectionPanel::on_finished(int id, const QString& error) {
  auto it = pending_.find(id);
  if (it == pending_.end()) return;  // another panel's or the analysis's job
  const Pending done = it->second;
  pending_.erase(it);
  if (id == job_) job_ = -1;
  if (done.generation != generation_) return;  // stale: the user asked for something else meanwhile
  if (!error.isEmpty()) {
    const bool cancelled = error == QString::fromStdString(kCancelled);  // JobRunner's word for it
    status_->setText(cancelled ? tr("Cancelled.") : tr("Failed: %1").arg(error));
    if (!cancelled) Q_EMIT message(error, true);
    return;
  }
  result_ = std::make_shared<const pipeline::LayerProjection>(std::move(*done.result).value());
  result_checkpoint_ = done.checkpoint;
  result_overlay_ = done.overlay;
  keep_layout();
  show_result();
}

void ProjectionPanel::keep_layout() {
  if (result_->layout_name.empty() || result_->layout_stored || !project_) return;
  Eigen::MatrixXd joint(result_->points.rows() + result_->shifted_points.rows(), result_->points.cols());
  joint << result_->points, result_->shifted_points;
  const std::string layer = result_->layers[result_->layer_index].id;
  for (auto& kept : unsaved_layouts_)
    if (kept.checkpoint == result_checkpoint_.toStdString() && kept.layer == layer && kept.name == result_->layout_name)
      return;
  unsaved_layouts_.push_back({result_checkpoint_.toStdString(), id_dataset(*project_), layer, result_->layout_name,
                              std::move(joint)});
}

void ProjectionPanel::show_result() {
  const auto& known = result_->layers;
  fill_slider(result_->layer_index);
  wanted_layer_id_ = QString::fromStdString(known[result_->layer_index].id);
  update_layer_label();
  redraw(false);
  if (pending_camera_) {
    view_->set_camera(*pending_camera_);
    pending_camera_.reset();
  }
  const auto accuracy = [](const Eigen::VectorXi& predicted, const Eigen::VectorXi& labels) {
    return 100.0 * (predicted.array() == labels.array()).cast<double>().mean();
  };
  QString status = tr("%1 points, %2 per class.\nSample accuracy: ID %3%")
                       .arg(result_->points.rows())
                       .arg(result_->points.rows() / std::max<size_t>(1, result_->class_names.size()))
                       .arg(accuracy(result_->predictions, result_->labels), 0, 'f', 1);
  if (result_->shifted_predictions.size() > 0)
    status += tr(", shifted %1%").arg(accuracy(result_->shifted_predictions, result_->labels), 0, 'f', 1);
  if (!result_->note.empty()) status += "\n\n" + QString::fromStdString(result_->note);
  status_->setText(status);
  if (wanted_layer_ >= 0) {  // asked for before the layers were known: busy again before the signals
    const int index = wanted_layer_;
    wanted_layer_ = -1;
    if (index != result_->layer_index) select_layer(index);
  }
  Q_EMIT layer_changed(layer());
  Q_EMIT projection_ready();
}

void ProjectionPanel::redraw(bool keep_camera) {
  if (!result_) return;
  views::ProjectionData data;
  data.coords = result_->points;
  data.labels = result_->labels;
  data.class_names = result_->class_names;
  const auto centers = static_cast<Centers>(centers_->currentData().toInt());
  if (centers == Centers::class_means) data.centers = result_->class_means;
  if (centers == Centers::anchor_centers && result_->anchor_centers.rows() > 0) data.centers = result_->anchor_centers;
  if (anchors_->isChecked()) {
    data.anchors = result_->anchors;
    data.anchor_labels = result_->anchor_labels;
  }
  if (result_->shifted_points.rows() > 0) {
    data.overlay = result_->shifted_points;
    data.overlay_labels = result_->labels;
    data.overlay_name = overlay_name(*project_, result_overlay_).toStdString();
  }
  const views::CameraState camera = view_->camera();
  if (Status shown = view_->set_data(std::move(data)); !shown.ok())
    return Q_EMIT message(QString::fromStdString(shown.error()), true);
  if (keep_camera) view_->set_camera(camera);
  on_hovered(-1);
}

void ProjectionPanel::update_layer_label() {
  const auto& known = layers();
  const int position = layer_slider_->value();
  const int index = position < static_cast<int>(shown_.size()) ? shown_[position] : -1;
  if (index < 0 || index >= static_cast<int>(known.size())) return layer_label_->clear();
  const QString filtered = shown_.size() < known.size() ? tr(" (%1 of %2 matching)").arg(position + 1).arg(shown_.size()) : QString();
  layer_label_->setText(QString("%1/%2%3  %4")
                            .arg(index + 1)
                            .arg(known.size())
                            .arg(filtered, QString::fromStdString(model::describe(known[index]))));
}

void ProjectionPanel::on_hovered(int index) {
  const Eigen::Index n = result_ ? result_->points.rows() : 0;
  if (!result_ || index < 0 || index >= n + result_->shifted_points.rows()) {
    hover_image_->clear();
    hover_text_->setText(tr("Hover a point to see its input."));
    tip_->hide();
    return;
  }
  const bool shifted = index >= n;
  const Eigen::Index i = shifted ? index - n : index;
  const data::Dataset& items = shifted ? *result_->shifted_inputs : *result_->inputs;
  float low = 0.0f, high = 255.0f;
  if (items.element_type != "uint8" && !items.values.empty()) {
    const auto [min, max] = std::minmax_element(items.values.begin(), items.values.end());
    low = *min;
    high = *max;
  }
  const QImage image = views::item_image(items, i, low, high);
  hover_image_->setPixmap(QPixmap::fromImage(image.scaled(image.size() * kHoverZoom, Qt::KeepAspectRatio,
                                                          Qt::FastTransformation)));
  const int truth = result_->labels[i];
  const int predicted = (shifted ? result_->shifted_predictions : result_->predictions)[i];
  const QString set = shifted ? overlay_name(*project_, result_overlay_).toHtmlEscaped() : tr("ID");
  hover_text_->setText(tr("<b>%1</b>, item %2<br>true: <b>%3</b><br>predicted: <b><font color=\"%4\">%5</font></b>")
                           .arg(set)
                           .arg(result_->indices[i])
                           .arg(QString::fromStdString(result_->class_names[truth]).toHtmlEscaped())
                           .arg(predicted == truth ? "#007a4d" : "#c0392b")
                           .arg(QString::fromStdString(result_->class_names[predicted]).toHtmlEscaped()));
  tip_->show_beside(view_, view_->sample_position(index), hover_image_->pixmap(), hover_text_->text());
}

QJsonObject ProjectionPanel::state() const {
  QJsonObject state;
  state["checkpoint"] = checkpoint();
  state["layer"] = wanted_layer_id_;
  state["layer_index"] = layer();
  state["layer_filter"] = layer_filter_->text();
  state["basis"] = pipeline::to_string(chosen_basis(basis_));
  state["dimensions"] = dimensions_->currentData().toInt();
  state["overlay"] = datasets_->currentData().toString();
  state["centers"] = centers_name(static_cast<Centers>(centers_->currentData().toInt()));
  state["anchors"] = anchors_->isChecked();
  state["embedding"] = embedding_->save_state();
  QJsonArray camera;
  for (double v : view_->camera().to_numbers()) camera.append(v);
  state["camera"] = camera;
  return state;
}

void ProjectionPanel::apply_state(const QJsonObject& state) {
  {
    QSignalBlocker a(checkpoints_), b(datasets_), c(basis_), d(dimensions_), e(centers_), f(anchors_);
    const int checkpoint_index = checkpoints_->findData(state["checkpoint"].toString());
    if (checkpoint_index >= 0) checkpoints_->setCurrentIndex(checkpoint_index);
    const int dataset_index = datasets_->findData(state["overlay"].toString());
    datasets_->setCurrentIndex(std::max(0, dataset_index));
    choose_basis(basis_, state["basis"].toString());
    choose_dimensions(dimensions_, state["dimensions"].toInt());
    for (Centers kind : {Centers::none, Centers::class_means, Centers::anchor_centers})
      if (state["centers"].toString() == centers_name(kind)) centers_->setCurrentIndex(centers_->findData(static_cast<int>(kind)));
    anchors_->setChecked(state["anchors"].toBool());
    embedding_->restore_state(state["embedding"].toObject());
  }
  show_embedding_row();
  layer_filter_->setText(state["layer_filter"].toString());
  wanted_layer_id_ = state["layer"].toString();
  wanted_layer_ = wanted_layer_id_.isEmpty() ? state["layer_index"].toInt(-1) : -1;
  std::vector<double> numbers;
  for (const auto& v : state["camera"].toArray()) numbers.push_back(v.toDouble());
  pending_camera_ = views::CameraState::from_numbers(numbers);
  Q_EMIT checkpoint_selected(checkpoint());
  schedule();
}

}  // namespace ms::gui
