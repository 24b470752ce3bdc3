// The UMAP / t-SNE parameter row of the projection tab: neighbours and min_dist (UMAP) or perplexity (t-SNE),
// iterations (0 = the method's default) and the seed; only the chosen method's fields are visible. Edits emit
// changed() once a value is committed (Enter, focus out or the arrows), not per keystroke.
// State as JSON {neighbours, min_dist, perplexity, iterations, seed}; missing keys keep the defaults of
// geometry::EmbeddingOptions.
#pragma once

#include <QJsonObject>
#include <QWidget>

#include "core/geometry/projection_embedding.h"

class QDoubleSpinBox;
class QLabel;
class QSpinBox;

namespace ms::gui {

class EmbeddingParameters : public QWidget {
  Q_OBJECT
 public:
  explicit EmbeddingParameters(QWidget* parent = nullptr);

  // Shows the fields of this method (the others keep their values).
  void set_method(geometry::EmbeddingMethod method);
  // The values (method, dimensions and threads left at their defaults: the request sets them).
  geometry::EmbeddingOptions options() const;
  void set_options(const geometry::EmbeddingOptions& options);  // emits nothing

  QJsonObject save_state() const;
  void restore_state(const QJsonObject& state);  // emits nothing

  QSpinBox* neighbours() const { return neighbours_; }
  QDoubleSpinBox* min_dist() const { return min_dist_; }
  QDoubleSpinBox* perplexity() const { return perplexity_; }
  QSpinBox* iterations() const { return iterations_; }
  QSpinBox* seed() const { return seed_; }

 Q_SIGNALS:
  void changed();

 private:
  QLabel* neighbours_label_;
  QSpinBox* neighbours_;
  QLabel* min_dist_label_;
  QDoubleSpinBox* min_dist_;
  QLabel* perplexity_label_;
  QDoubleSpinBox* perplexity_;
  QSpinBox* iterations_;
  QSpinBox* seed_;
};

}  // namespace ms::gui
