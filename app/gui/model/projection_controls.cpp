#include "app/gui/model/projection_controls.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QObject>
#include <QSlider>
#include <utility>

#include "app/gui/model/embedding_parameters.h"

namespace ms::gui {

QComboBox* make_basis_choice() {
  auto* basis = new QComboBox;
  using B = pipeline::ProjectionBasis;
  const std::pair<const char*, B> items[] = {{"PCA", B::points_pca}, {"Class-center plane", B::center_plane},
                                             {"Anchor view", B::anchor_view}, {"UMAP", B::umap}, {"t-SNE", B::tsne}};
  for (const auto& [name, b] : items) basis->addItem(QObject::tr(name), static_cast<int>(b));
  basis->setToolTip(QObject::tr(
      "PCA: largest variance of the points. Class-center plane: the span of the class means. Anchor view: PCA of the "
      "GLUE sample anchors (what D_eff and R_eff measure). UMAP, t-SNE: non-linear layouts of the points (a shifted "
      "copy is fitted together with them; no anchors)."));
  return basis;
}

QComboBox* make_dimensions_choice() {
  auto* dimensions = new QComboBox;
  dimensions->addItem(QObject::tr("2D"), 2);
  dimensions->addItem(QObject::tr("3D"), 3);
  return dimensions;
}

QSlider* make_layer_slider() {
  auto* slider = new QSlider(Qt::Horizontal);
  slider->setRange(0, 0);
  slider->setPageStep(1);
  slider->setTickPosition(QSlider::TicksBelow);
  return slider;
}

pipeline::ProjectionBasis chosen_basis(const QComboBox* basis) {
  return static_cast<pipeline::ProjectionBasis>(basis->currentData().toInt());
}

void choose_basis(QComboBox* basis, pipeline::ProjectionBasis chosen) {
  basis->setCurrentIndex(basis->findData(static_cast<int>(chosen)));
}

pipeline::ProjectionBasis choose_basis(QComboBox* basis, const QString& name) {
  pipeline::ProjectionBasis chosen = pipeline::ProjectionBasis::points_pca;
  pipeline::parse_projection_basis(name.toStdString(), &chosen);
  choose_basis(basis, chosen);
  return chosen;
}

void choose_dimensions(QComboBox* dimensions, int k) {
  dimensions->setCurrentIndex(dimensions->findData(k == 3 ? 3 : 2));
}

QHBoxLayout* control_row(std::initializer_list<Control> controls) {
  auto* row = new QHBoxLayout;
  for (const Control& control : controls) {
    if (!control.label.isEmpty()) row->addWidget(new QLabel(control.label));
    row->addWidget(control.widget, control.stretch);
  }
  return row;
}

void show_parameter_row(EmbeddingParameters* row, pipeline::ProjectionBasis basis) {
  row->set_method(basis == pipeline::ProjectionBasis::tsne ? geometry::EmbeddingMethod::tsne
                                                           : geometry::EmbeddingMethod::umap);
  row->setVisible(pipeline::is_embedding(basis));
}

}  // namespace ms::gui
