// The controls the projection and the compare tab both have: the basis choice, the UMAP / t-SNE parameter row that
// follows it, the 2D / 3D choice and the layer slider.
#pragma once

#include <QString>
#include <initializer_list>

#include "core/pipeline/layer_projection.h"

class QComboBox;
class QHBoxLayout;
class QSlider;
class QWidget;

namespace ms::gui {

class EmbeddingParameters;

// Three linear bases and two fitted layouts (item data: pipeline::ProjectionBasis as int), with a tooltip saying what
// each shows.
QComboBox* make_basis_choice();
// 2D or 3D (item data: 2 or 3).
QComboBox* make_dimensions_choice();
// Steps one layer a page, ticks below; a single position until the layers are known.
QSlider* make_layer_slider();

pipeline::ProjectionBasis chosen_basis(const QComboBox* basis);
void choose_basis(QComboBox* basis, pipeline::ProjectionBasis chosen);
// By its saved name ("center_plane", pipeline::to_string); an unknown name chooses PCA. Returns the basis chosen.
pipeline::ProjectionBasis choose_basis(QComboBox* basis, const QString& name);
// 3 chooses 3D; anything else 2D.
void choose_dimensions(QComboBox* dimensions, int k);
// A row of controls, each after its label ("" = none), with its stretch (0: its own size; the rest share the room).
struct Control {
  QString label;
  QWidget* widget;
  int stretch = 0;
};
QHBoxLayout* control_row(std::initializer_list<Control> controls);

// The parameter row shows the fields of `basis`'s method, and only for a fitted layout (UMAP, t-SNE).
void show_parameter_row(EmbeddingParameters* row, pipeline::ProjectionBasis basis);

}  // namespace ms::gui
