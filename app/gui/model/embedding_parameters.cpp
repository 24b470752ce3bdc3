#include "app/gui/model/embedding_parameters.h"

#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSpinBox>

namespace ms::gui {
namespace {

// A spin box that reports only committed values (a typed "50" is not a request for 5 first).
template <class Box>
Box* spin(QWidget* parent, const QString& tip) {
  auto* box = new Box(parent);
  box->setKeyboardTracking(false);
  box->setToolTip(tip);
  return box;
}

}  // namespace

EmbeddingParameters::EmbeddingParameters(QWidget* parent) : QWidget(parent) {
  neighbours_ = spin<QSpinBox>(this, tr("UMAP: points in each local neighbourhood (larger keeps more global structure)"));
  neighbours_->setRange(2, 200);
  min_dist_ = spin<QDoubleSpinBox>(this, tr("UMAP: how tightly points may pack (0 = clumps, near 1 = spread out)"));
  min_dist_->setRange(0.0, 0.99);
  min_dist_->setSingleStep(0.05);
  perplexity_ = spin<QDoubleSpinBox>(this, tr("t-SNE: effective number of neighbours (3 × perplexity are searched; "
                                              "the sample needs more points than that)"));
  perplexity_->setRange(1.0, 200.0);
  perplexity_->setDecimals(1);
  iterations_ = spin<QSpinBox>(this, tr("Epochs (UMAP) or iterations (t-SNE); default: UMAP 500, t-SNE 1000"));
  iterations_->setRange(0, 100000);
  iterations_->setSpecialValueText(tr("default"));
  seed_ = spin<QSpinBox>(this, tr("Seed of the initial layout: the same seed gives the same picture"));
  seed_->setRange(0, 1 << 30);
  neighbours_label_ = new QLabel(tr("Neighbours:"));
  min_dist_label_ = new QLabel(tr("min_dist:"));
  perplexity_label_ = new QLabel(tr("Perplexity:"));
  auto* row = new QHBoxLayout(this);
  row->setContentsMargins(0, 0, 0, 0);
  for (QWidget* w : std::initializer_list<QWidget*>{neighbours_label_, neighbours_, min_dist_label_, min_dist_,
                                                    perplexity_label_, perplexity_, new QLabel(tr("Iterations:")),
                                                    iterations_, new QLabel(tr("Seed:")), seed_})
    row->addWidget(w);
  row->addStretch(1);
  set_options({});
  set_method(geometry::EmbeddingMethod::umap);
  for (QSpinBox* box : {neighbours_, iterations_, seed_})
    connect(box, &QSpinBox::valueChanged, this, &EmbeddingParameters::changed);
  for (QDoubleSpinBox* box : {min_dist_, perplexity_})
    connect(box, &QDoubleSpinBox::valueChanged, this, &EmbeddingParameters::changed);
}

void EmbeddingParameters::set_method(geometry::EmbeddingMethod method) {
  const bool umap = method == geometry::EmbeddingMethod::umap;
  for (QWidget* w : std::initializer_list<QWidget*>{neighbours_label_, neighbours_, min_dist_label_, min_dist_})
    w->setVisible(umap);
  perplexity_label_->setVisible(!umap);
  perplexity_->setVisible(!umap);
}

geometry::EmbeddingOptions EmbeddingParameters::options() const {
  geometry::EmbeddingOptions o;
  o.neighbours = neighbours_->value();
  o.min_dist = min_dist_->value();
  o.perplexity = perplexity_->value();
  o.iterations = iterations_->value();
  o.seed = static_cast<std::uint64_t>(seed_->value());
  return o;
}

void EmbeddingParameters::set_options(const geometry::EmbeddingOptions& o) {
  const QSignalBlocker a(neighbours_), b(min_dist_), c(perplexity_), d(iterations_), e(seed_);
  neighbours_->setValue(o.neighbours);
  min_dist_->setValue(o.min_dist);
  perplexity_->setValue(o.perplexity);
  iterations_->setValue(o.iterations);
  seed_->setValue(static_cast<int>(std::min<std::uint64_t>(o.seed, static_cast<std::uint64_t>(seed_->maximum()))));
}

QJsonObject EmbeddingParameters::save_state() const {
  const geometry::EmbeddingOptions o = options();
  return {{"neighbours", o.neighbours}, {"min_dist", o.min_dist}, {"perplexity", o.perplexity},
          {"iterations", o.iterations}, {"seed", static_cast<double>(o.seed)}};
}

void EmbeddingParameters::restore_state(const QJsonObject& state) {
  geometry::EmbeddingOptions o;
  o.neighbours = state["neighbours"].toInt(o.neighbours);
  o.min_dist = state["min_dist"].toDouble(o.min_dist);
  o.perplexity = state["perplexity"].toDouble(o.perplexity);
  o.iterations = state["iterations"].toInt(o.iterations);
  o.seed = static_cast<std::uint64_t>(std::max(0.0, state["seed"].toDouble(0.0)));
  set_options(o);
}

}  // namespace ms::gui
