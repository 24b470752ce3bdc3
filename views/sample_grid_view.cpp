#include "views/sample_grid_view.h"

#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

#include "views/dataset_images.h"

namespace ms::views {
namespace {
constexpr int kGap = 4;
}

SampleGridView::SampleGridView(QWidget* parent) : QWidget(parent) {
  setMouseTracking(true);
  setAutoFillBackground(true);
}

void SampleGridView::set_samples(std::shared_ptr<const data::Dataset> dataset, std::vector<int64_t> indices,
                                 int per_class) {
  dataset_ = std::move(dataset);
  per_class_ = per_class;
  tiles_.clear();
  if (dataset_ && dataset_->is_image()) {
    const auto summary = data::summarize(*dataset_);
    for (int64_t index : indices)
      tiles_.push_back({QRect(), index, item_image(*dataset_, index, summary.min_value, summary.max_value)});
  }
  layout_tiles();
  updateGeometry();
  update();
}

int SampleGridView::shown_classes() const { return dataset_ ? dataset_->num_classes() : 0; }

void SampleGridView::layout_tiles() {
  if (!dataset_) return;
  const int w = static_cast<int>(dataset_->item_shape[2]) * zoom_;
  const int h = static_cast<int>(dataset_->item_shape[1]) * zoom_;
  std::vector<int> filled(dataset_->num_classes(), 0);
  for (Tile& tile : tiles_) {
    const int c = dataset_->labels[tile.index];
    const int column = filled[c]++;
    tile.rect = QRect(label_width_ + column * (w + kGap), kGap + c * (h + kGap), w, h);
  }
}

QSize SampleGridView::sizeHint() const {
  if (!dataset_ || !dataset_->is_image()) return {400, 300};
  const int w = static_cast<int>(dataset_->item_shape[2]) * zoom_;
  const int h = static_cast<int>(dataset_->item_shape[1]) * zoom_;
  return {label_width_ + per_class_ * (w + kGap), kGap + dataset_->num_classes() * (h + kGap)};
}

void SampleGridView::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  painter.fillRect(rect(), palette().window());
  if (!dataset_) return;
  if (!dataset_->is_image()) {
    painter.drawText(rect(), Qt::AlignCenter, tr("%1 holds feature vectors, not images").arg(
                                                  QString::fromStdString(dataset_->name)));
    return;
  }
  const int h = static_cast<int>(dataset_->item_shape[1]) * zoom_;
  for (int c = 0; c < dataset_->num_classes(); ++c) {
    QRect label(kGap, kGap + c * (h + kGap), label_width_ - 2 * kGap, h);
    painter.drawText(label, Qt::AlignVCenter | Qt::AlignRight,
                     QString("%1  %2").arg(QString::fromStdString(dataset_->class_names[c])).arg(c));
  }
  for (const Tile& tile : tiles_) painter.drawImage(tile.rect, tile.image);
}

bool SampleGridView::event(QEvent* event) {
  if (event->type() == QEvent::ToolTip && dataset_) {
    auto* help = static_cast<QHelpEvent*>(event);
    for (const Tile& tile : tiles_) {
      if (!tile.rect.contains(help->pos())) continue;
      const int label = dataset_->labels[tile.index];
      QToolTip::showText(help->globalPos(), tr("item %1 — class %2 (%3)")
                                                .arg(tile.index)
                                                .arg(label)
                                                .arg(QString::fromStdString(dataset_->class_names[label])));
      return true;
    }
    QToolTip::hideText();
    event->ignore();
    return true;
  }
  return QWidget::event(event);
}

}  // namespace ms::views
