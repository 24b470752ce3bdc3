#include "views/dataset_images.h"

#include <QPainter>
#include <algorithm>

namespace ms::views {

QImage item_image(const data::Dataset& dataset, int64_t index, float low, float high) {
  const auto& shape = dataset.item_shape;
  const int channels = static_cast<int>(shape[0]);
  const int height = static_cast<int>(shape[1]);
  const int width = static_cast<int>(shape[2]);
  const float scale = high > low ? 255.0f / (high - low) : 0.0f;
  const float* values = dataset.item(index);
  const size_t plane = static_cast<size_t>(width) * height;
  auto level = [&](int channel, size_t p) {
    return static_cast<int>(std::clamp((values[channel * plane + p] - low) * scale, 0.0f, 255.0f));
  };
  QImage image(width, height, QImage::Format_RGB32);
  for (int y = 0; y < height; ++y) {
    auto* line = reinterpret_cast<QRgb*>(image.scanLine(y));
    for (int x = 0; x < width; ++x) {
      const size_t p = static_cast<size_t>(y) * width + x;
      line[x] = channels >= 3 ? qRgb(level(0, p), level(1, p), level(2, p))
                              : qRgb(level(0, p), level(0, p), level(0, p));
    }
  }
  return image;
}

QImage class_montage(const data::Dataset& dataset, const std::vector<int64_t>& indices, int per_class, int zoom) {
  const int gap = 2;
  const int tile_w = static_cast<int>(dataset.item_shape[2]) * zoom;
  const int tile_h = static_cast<int>(dataset.item_shape[1]) * zoom;
  const int classes = dataset.num_classes();
  QImage montage(per_class * (tile_w + gap) + gap, classes * (tile_h + gap) + gap, QImage::Format_RGB32);
  montage.fill(qRgb(40, 40, 40));
  const auto summary = data::summarize(dataset);
  std::vector<int> filled(classes, 0);
  QPainter painter(&montage);
  for (int64_t index : indices) {
    const int c = dataset.labels[index];
    if (filled[c] >= per_class) continue;
    const QPoint at(gap + filled[c]++ * (tile_w + gap), gap + c * (tile_h + gap));
    painter.drawImage(QRect(at, QSize(tile_w, tile_h)),
                      item_image(dataset, index, summary.min_value, summary.max_value));
  }
  return montage;
}

}  // namespace ms::views
