#include "app/gui/model/compare_panel.h"

#include <QComboBox>
#include <QFontMetrics>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QSlider>
#include <QSplitter>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QVBoxLayout>
#include <cmath>
#include <sstream>

#include "app/gui/model/embedding_parameters.h"
#include "app/gui/model/projection_controls.h"
#include "app/gui/model/projection_panel.h"
#include "app/gui/project_profile.h"
#include "views/composed_figure.h"
#include "views/figure_export.h"
#include "views/projection_view.h"

namespace ms::gui {
namespace {

const store::GeometryEntry* find_geometry(const store::Project& project, const std::string& checkpoint,
                                          const std::string& dataset, const std::string& layer) {
  for (const auto& g : project.geometry)
    if (g.checkpoint == checkpoint && g.dataset == dataset && g.layer == layer) return &g;
  return nullptr;
}

double marker_of(const store::GeometryEntry* entry, const std::string& marker) {
  if (!entry) return std::nan("");
  auto it = entry->markers.find(marker);
  return it == entry->markers.end() ? std::nan("") : it->second;
}

QTableWidgetItem* number_item(double value) {
  auto* item = new QTableWidgetItem(std::isfinite(value) ? QString::number(value, 'g', 6) : QString("—"));
  item->setData(Qt::UserRole, value);  // the exact number, for export and tests
  item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
  return item;
}

std::string layer_id(const ProjectionPanel* panel) {
  const int index = panel->layer();
  return index >= 0 ? panel->layers()[index].id : std::string();
}

}  // namespace

ComparePanel::ComparePanel(JobRunner* jobs, QWidget* parent) : ProjectTab(parent) {
  a_ = new ProjectionPanel(jobs);
  b_ = new ProjectionPanel(jobs);
  a_->set_controls_visible(false);
  b_->set_controls_visible(false);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(build_controls());
  layout->addWidget(embedding_);
  layout->addLayout(build_depth_row());
  auto* views = new QSplitter(Qt::Horizontal);
  views->addWidget(a_);
  views->addWidget(b_);
  table_ = new QTableWidget(0, 4);
  table_->setHorizontalHeaderLabels({tr("marker"), tr("A"), tr("B"), tr("B−A")});
  table_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
  table_->verticalHeader()->hide();
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  auto* split = new QSplitter(Qt::Vertical);
  split->addWidget(views);
  split->addWidget(table_);
  split->setStretchFactor(0, 3);
  split->setStretchFactor(1, 1);
  layout->addWidget(split, 1);
  connect_controls();
}

QHBoxLayout* ComparePanel::build_controls() {
  a_choice_ = new QComboBox;
  b_choice_ = new QComboBox;
  for (QComboBox* choice : {a_choice_, b_choice_}) {
    choice->setMinimumContentsLength(20);
    choice->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  }
  datasets_ = new QComboBox;
  basis_ = make_basis_choice();
  embedding_ = new EmbeddingParameters;
  embedding_->hide();
  dimensions_ = make_dimensions_choice();
  save_image_ = new QPushButton(tr("Save Image…"));
  save_data_ = new QPushButton(tr("Save Data…"));
  return control_row({{tr("A:"), a_choice_, 1}, {tr("B:"), b_choice_, 1}, {tr("Data:"), datasets_}, {{}, basis_},
                      {{}, dimensions_}, {{}, save_image_}, {{}, save_data_}});
}

QHBoxLayout* ComparePanel::build_depth_row() {
  layer_slider_ = make_layer_slider();
  layer_label_ = new QLabel;
  layer_label_->setMinimumWidth(260);
  return control_row({{tr("Layer:"), layer_slider_, 1}, {{}, layer_label_}});
}

void ComparePanel::connect_controls() {
  connect(a_choice_, &QComboBox::currentIndexChanged, this, [this] { a_->select_checkpoint(a_choice_->currentData().toString()); });
  connect(b_choice_, &QComboBox::currentIndexChanged, this, [this] { b_->select_checkpoint(b_choice_->currentData().toString()); });
  connect(datasets_, &QComboBox::currentIndexChanged, this, [this] {
    a_->set_overlay(datasets_->currentData().toString());
    b_->set_overlay(datasets_->currentData().toString());
  });
  connect(basis_, &QComboBox::currentIndexChanged, this, [this] { apply_basis(); });
  connect(embedding_, &EmbeddingParameters::changed, this, [this] {
    a_->set_embedding_options(embedding_->options());
    b_->set_embedding_options(embedding_->options());
  });
  connect(dimensions_, &QComboBox::currentIndexChanged, this, [this] {
    a_->set_dimensions(dimensions_->currentData().toInt());
    b_->set_dimensions(dimensions_->currentData().toInt());
  });
  connect(layer_slider_, &QSlider::valueChanged, this, [this](int index) {
    a_->select_layer(index);
    b_->select_layer(index);
  });
  // Linked cameras: user moves only (set_camera does not emit camera_changed), so no feedback loop.
  connect(a_->view(), &views::ProjectionView::camera_changed, this, [this] { b_->view()->set_camera(a_->view()->camera()); });
  connect(b_->view(), &views::ProjectionView::camera_changed, this, [this] { a_->view()->set_camera(b_->view()->camera()); });
  for (ProjectionPanel* side : {a_, b_}) {
    connect(side, &ProjectionPanel::projection_ready, this, &ComparePanel::on_side_ready);
    connect(side, &ProjectionPanel::message, this, &ComparePanel::message);
  }
  connect(save_image_, &QPushButton::clicked, this, [this] {
    views::run_save_image_dialog(this, QStringLiteral("compare"),
                                 [this](const std::string& path, const views::ExportSize& size) {
                                   return save_figure(path, size);
                                 });
  });
  connect(save_data_, &QPushButton::clicked, this, [this] {
    views::run_save_data_dialog(this, QStringLiteral("compare"), [this](const std::string& path) { return save_csv(path); });
  });
}

// Both sides take the basis; a fitted layout (UMAP, t-SNE) shows its parameter row, which drives both sides. Each
// side is fitted on its own points, so the two layouts' axes are not comparable (only their arrangements are).
void ComparePanel::apply_basis() {
  const pipeline::ProjectionBasis basis = chosen_basis(basis_);
  const bool layout = pipeline::is_embedding(basis);
  show_parameter_row(embedding_, basis);
  for (ProjectionPanel* side : {a_, b_}) {
    if (layout) side->set_embedding_options(embedding_->options());
    side->set_basis(basis);
  }
}

void ComparePanel::set_locations(ProjectLocations* locations) {
  a_->set_locations(locations);
  b_->set_locations(locations);
}

void ComparePanel::fill_choices() {
  a_->set_project(project_);
  b_->set_project(project_);
  for (QComboBox* choice : {a_choice_, b_choice_}) {
    const QString previous = choice->currentData().toString();
    QSignalBlocker block(choice);
    choice->clear();
    for (const auto& c : project_->checkpoints) choice->addItem(QString::fromStdString(c.id), QString::fromStdString(c.id));
    const int keep = choice->findData(previous);
    choice->setCurrentIndex(keep >= 0 ? keep : (choice == b_choice_ && choice->count() > 1 ? 1 : 0));
  }
  const QString previous = datasets_->currentData().toString();
  {
    QSignalBlocker block(datasets_);
    datasets_->clear();
    const std::string id = geometry_dataset(*project_);
    datasets_->addItem(QString::fromStdString(id.empty() ? "ID" : id), QString());
    for (const auto& d : project_->datasets)
      if (!d.shift.empty())
        datasets_->addItem(tr("ID + %1:%2").arg(QString::fromStdString(d.shift)).arg(d.shift_severity),
                           QString::fromStdString(d.id));
    datasets_->setCurrentIndex(std::max(0, datasets_->findData(previous)));
  }
  refresh_table();
}

void ComparePanel::refresh() {
  if (isVisible()) sync_sides();
}

void ComparePanel::showEvent(QShowEvent* event) {
  QWidget::showEvent(event);
  if (project_) sync_sides();
}

void ComparePanel::sync_sides() {
  if (a_->checkpoint() != a_choice_->currentData().toString()) a_->select_checkpoint(a_choice_->currentData().toString());
  if (b_->checkpoint() != b_choice_->currentData().toString()) b_->select_checkpoint(b_choice_->currentData().toString());
}

void ComparePanel::set_checkpoints(const QString& a, const QString& b) {
  const int ia = a_choice_->findData(a), ib = b_choice_->findData(b);
  if (ia < 0 || ib < 0) return Q_EMIT message(tr("No checkpoint %1 in the project").arg(ia < 0 ? a : b), true);
  {
    QSignalBlocker block_a(a_choice_), block_b(b_choice_);
    a_choice_->setCurrentIndex(ia);
    b_choice_->setCurrentIndex(ib);
  }
  a_->select_checkpoint(a);
  b_->select_checkpoint(b);
}

void ComparePanel::select_layer(int index) {
  if (index == layer_slider_->value() || layer_slider_->maximum() == 0) {
    // Not known yet, or the same index: pass it on directly (the panels keep it until their layers arrive).
    a_->select_layer(index);
    b_->select_layer(index);
  }
  layer_slider_->setValue(index);
}

void ComparePanel::set_basis(pipeline::ProjectionBasis basis) { choose_basis(basis_, basis); }

void ComparePanel::set_embedding_options(const geometry::EmbeddingOptions& options) {
  embedding_->set_options(options);
  a_->set_embedding_options(options);
  b_->set_embedding_options(options);
}

void ComparePanel::set_dimensions(int k) { choose_dimensions(dimensions_, k); }

void ComparePanel::set_overlay(const QString& shifted_id) {
  const int index = datasets_->findData(shifted_id);
  if (index < 0) return Q_EMIT message(tr("No shifted dataset %1 in the project").arg(shifted_id), true);
  datasets_->setCurrentIndex(index);
}

int ComparePanel::layer() const { return layer_slider_->value(); }

void ComparePanel::on_side_ready() {
  update_slider();
  if (a_->busy() || b_->busy() || !a_->result() || !b_->result()) return;
  refresh_table();
  Q_EMIT comparison_ready();
}

void ComparePanel::update_slider() {
  const auto& layers = a_->layers();
  if (layers.empty()) return;
  {
    QSignalBlocker block(layer_slider_);
    layer_slider_->setRange(0, static_cast<int>(layers.size()) - 1);
    if (!a_->busy()) layer_slider_->setValue(a_->layer());
  }
  QString text = QString("%1/%2  %3").arg(layer_slider_->value() + 1).arg(layers.size()).arg(QString::fromStdString(layer_id(a_)));
  if (b_->layer() >= 0 && layer_id(b_) != layer_id(a_)) text += tr("  (B: %1)").arg(QString::fromStdString(layer_id(b_)));
  layer_label_->setText(text);
}

void ComparePanel::refresh_table() {
  table_->setRowCount(0);
  if (!project_ || a_->layer() < 0 || b_->layer() < 0) return;
  const std::string dataset = geometry_dataset(*project_);
  const auto* ga = find_geometry(*project_, a_->checkpoint().toStdString(), dataset, layer_id(a_));
  const auto* gb = find_geometry(*project_, b_->checkpoint().toStdString(), dataset, layer_id(b_));
  table_->setHorizontalHeaderLabels({tr("marker"), tr("A: %1").arg(a_->checkpoint()), tr("B: %1").arg(b_->checkpoint()),
                                     tr("B−A")});
  for (const std::string& marker : profile_markers(*project_, dataset)) {
    const double va = marker_of(ga, marker), vb = marker_of(gb, marker);
    const int row = table_->rowCount();
    table_->insertRow(row);
    table_->setItem(row, 0, new QTableWidgetItem(QString::fromStdString(marker)));
    table_->setItem(row, 1, number_item(va));
    table_->setItem(row, 2, number_item(vb));
    table_->setItem(row, 3, number_item(vb - va));
  }
}

Status ComparePanel::save_csv(const std::string& path) const {
  std::ostringstream out;
  out << "marker,checkpoint_a,layer_a,a,checkpoint_b,layer_b,b,b_minus_a\n";
  const std::string a = a_->checkpoint().toStdString(), b = b_->checkpoint().toStdString();
  for (int row = 0; row < table_->rowCount(); ++row) {
    auto value = [&](int column) { return table_->item(row, column)->data(Qt::UserRole).toDouble(); };
    out << views::csv_field(table_->item(row, 0)->text().toStdString()) << ',' << views::csv_field(a) << ','
        << views::csv_field(layer_id(a_)) << ',' << views::csv_number(value(1)) << ',' << views::csv_field(b) << ','
        << views::csv_field(layer_id(b_)) << ',' << views::csv_number(value(2)) << ','
        << views::csv_number(value(3)) << '\n';
  }
  return views::write_text_file(path, out.str());
}

Status ComparePanel::save_png(const std::string& path, int scale) {
  QTemporaryDir dir;
  if (!dir.isValid()) return make_error("save PNG " + path + ": no temporary folder");
  QImage sides[2];
  ProjectionPanel* panels[2] = {a_, b_};
  for (int s = 0; s < 2; ++s) {
    const std::string file = dir.filePath(QString("side%1.png").arg(s)).toStdString();
    if (Status saved = panels[s]->view()->save_png(file, scale); !saved.ok()) return saved;
    sides[s] = QImage(QString::fromStdString(file));
  }
  // A title strip over each view: the checkpoint and its layer.
  QFont font;
  font.setPixelSize(14 * scale);
  const int strip = QFontMetrics(font).height() + 8 * scale;
  QImage out(sides[0].width() + sides[1].width(), std::max(sides[0].height(), sides[1].height()) + strip,
             QImage::Format_RGB32);
  out.fill(Qt::white);
  QPainter painter(&out);
  painter.setFont(font);
  painter.setPen(Qt::black);
  for (int s = 0; s < 2; ++s) {
    const int x = s == 0 ? 0 : sides[0].width();
    const QString title = QString("%1: %2, %3").arg(s == 0 ? "A" : "B", panels[s]->checkpoint(),
                                                    QString::fromStdString(layer_id(panels[s])));
    painter.drawText(QRect(x, 0, sides[s].width(), strip), Qt::AlignCenter, title);
    painter.drawImage(x, strip, sides[s]);
  }
  painter.setPen(QPen(QColor(180, 180, 180), scale));
  painter.drawLine(sides[0].width(), 0, sides[0].width(), out.height());
  painter.end();
  if (!out.save(QString::fromStdString(path), "PNG")) return make_error("save PNG " + path + ": cannot write");
  return Ok{};
}

Status ComparePanel::save_figure(const std::string& path, const views::ExportSize& size) {
  ProjectionPanel* panels[2] = {a_, b_};
  std::vector<views::ComposedPanel> sides;
  int width = 0, height = 0;
  for (int s = 0; s < 2; ++s) {
    views::ProjectionView* view = panels[s]->view();
    if (!view->isValid()) return make_error("save image " + path + ": the compare view has not been shown yet");
    const QString title = QString("%1: %2, %3").arg(s == 0 ? "A" : "B", panels[s]->checkpoint(),
                                                    QString::fromStdString(layer_id(panels[s])));
    sides.push_back(view->figure_panel(title.toStdString()));
    width += view->width();
    height = std::max(height, view->height());
  }
  return views::save_composed_figure(path, sides, width, height + 21, size);  // 21: the titles' strip (14 pt)
}

QJsonObject ComparePanel::state() const {
  QJsonObject state;
  state["a"] = a_->checkpoint();
  state["b"] = b_->checkpoint();
  state["layer_index"] = layer();
  state["basis"] = pipeline::to_string(chosen_basis(basis_));
  state["dimensions"] = dimensions_->currentData().toInt();
  state["overlay"] = datasets_->currentData().toString();
  state["embedding"] = embedding_->save_state();
  state["camera"] = a_->save_state()["camera"];
  return state;
}

void ComparePanel::apply_state(const QJsonObject& state) {
  QJsonObject side{{"basis", state["basis"]},         {"dimensions", state["dimensions"]},
                   {"overlay", state["overlay"]},     {"layer_index", state["layer_index"]},
                   {"camera", state["camera"]},       {"centers", "class_means"},
                   {"embedding", state["embedding"]}};
  {
    QSignalBlocker a(a_choice_), b(b_choice_), d(datasets_), p(basis_), k(dimensions_), l(layer_slider_);
    a_choice_->setCurrentIndex(std::max(0, a_choice_->findData(state["a"].toString())));
    b_choice_->setCurrentIndex(std::max(0, b_choice_->findData(state["b"].toString())));
    datasets_->setCurrentIndex(std::max(0, datasets_->findData(state["overlay"].toString())));
    const pipeline::ProjectionBasis basis = choose_basis(basis_, state["basis"].toString());
    choose_dimensions(dimensions_, state["dimensions"].toInt());
    embedding_->restore_state(state["embedding"].toObject());
    show_parameter_row(embedding_, basis);
  }
  side["checkpoint"] = state["a"];
  a_->restore_state(side);
  side["checkpoint"] = state["b"];
  b_->restore_state(side);
}

}  // namespace ms::gui
