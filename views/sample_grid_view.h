// A grid of sample images: one row per class, its name on the left. Hovering a tile names the item.
#pragma once

#include <QWidget>
#include <memory>
#include <vector>

#include "core/data/dataset.h"

namespace ms::views {

class SampleGridView : public QWidget {
  Q_OBJECT
 public:
  explicit SampleGridView(QWidget* parent = nullptr);

  // indices: grouped by class (as data::sample_per_class returns them), at most per_class per class are shown.
  void set_samples(std::shared_ptr<const data::Dataset> dataset, std::vector<int64_t> indices, int per_class);
  int shown_classes() const;

  QSize sizeHint() const override;

 protected:
  void paintEvent(QPaintEvent* event) override;
  bool event(QEvent* event) override;

 private:
  struct Tile {
    QRect rect;
    int64_t index;
    QImage image;
  };
  void layout_tiles();

  std::shared_ptr<const data::Dataset> dataset_;
  std::vector<Tile> tiles_;
  int per_class_ = 0;
  int label_width_ = 110;
  int zoom_ = 2;
};

}  // namespace ms::views
