#include "core/data/image_ops.h"

#include "third_party/stb/stb_image.h"
#include <stb_image_write.h>

#include <algorithm>
#include <cmath>

namespace ms::data {
namespace {

float sample_bilinear(const Image& image, int c, float y, float x) {
  if (y < -1 || x < -1 || y > image.height || x > image.width) return 0.0f;
  const int y0 = static_cast<int>(std::floor(y)), x0 = static_cast<int>(std::floor(x));
  const float fy = y - y0, fx = x - x0;
  auto pixel = [&](int yy, int xx) {
    return yy < 0 || xx < 0 || yy >= image.height || xx >= image.width ? 0.0f : image.at(c, yy, xx);
  };
  return (1 - fy) * ((1 - fx) * pixel(y0, x0) + fx * pixel(y0, x0 + 1)) +
         fy * ((1 - fx) * pixel(y0 + 1, x0) + fx * pixel(y0 + 1, x0 + 1));
}

Image blank_like(const Image& image, int height, int width) {
  Image out{image.channels, height, width, {}};
  out.values.assign(static_cast<size_t>(image.channels) * height * width, 0.0f);
  return out;
}

}  // namespace

Image resize_bilinear(const Image& image, int height, int width) {
  Image out = blank_like(image, height, width);
  const float sy = static_cast<float>(image.height) / height, sx = static_cast<float>(image.width) / width;
  for (int c = 0; c < image.channels; ++c)
    for (int y = 0; y < height; ++y)
      for (int x = 0; x < width; ++x) {
        // Pixel centres map to pixel centres; clamp so the border is replicated rather than faded to black.
        const float src_y = std::clamp((y + 0.5f) * sy - 0.5f, 0.0f, image.height - 1.0f);
        const float src_x = std::clamp((x + 0.5f) * sx - 0.5f, 0.0f, image.width - 1.0f);
        out.at(c, y, x) = sample_bilinear(image, c, src_y, src_x);
      }
  return out;
}

Image gaussian_blur(const Image& image, float sigma) {
  if (sigma <= 0) return image;
  const int radius = std::max(1, static_cast<int>(std::ceil(3 * sigma)));
  std::vector<float> kernel(2 * radius + 1);
  float total = 0;
  for (int i = -radius; i <= radius; ++i) total += kernel[i + radius] = std::exp(-0.5f * i * i / (sigma * sigma));
  for (float& k : kernel) k /= total;
  auto reflect = [](int i, int n) {
    while (i < 0 || i >= n) i = i < 0 ? -i - 1 : 2 * n - i - 1;
    return i;
  };
  Image across = image, out = image;
  for (int c = 0; c < image.channels; ++c) {
    for (int y = 0; y < image.height; ++y)
      for (int x = 0; x < image.width; ++x) {
        float sum = 0;
        for (int i = -radius; i <= radius; ++i) sum += kernel[i + radius] * image.at(c, y, reflect(x + i, image.width));
        across.at(c, y, x) = sum;
      }
    for (int y = 0; y < image.height; ++y)
      for (int x = 0; x < image.width; ++x) {
        float sum = 0;
        for (int i = -radius; i <= radius; ++i) sum += kernel[i + radius] * across.at(c, reflect(y + i, image.height), x);
        out.at(c, y, x) = sum;
      }
  }
  return out;
}

Image rotate(const Image& image, float degrees) {
  Image out = blank_like(image, image.height, image.width);
  const float angle = degrees * static_cast<float>(M_PI) / 180.0f;
  const float cy = (image.height - 1) / 2.0f, cx = (image.width - 1) / 2.0f;
  const float cos_a = std::cos(angle), sin_a = std::sin(angle);
  for (int c = 0; c < image.channels; ++c)
    for (int y = 0; y < image.height; ++y)
      for (int x = 0; x < image.width; ++x) {
        // Inverse map: where in the source does this output pixel come from.
        const float dy = y - cy, dx = x - cx;
        out.at(c, y, x) = sample_bilinear(image, c, cy + cos_a * dy - sin_a * dx, cx + sin_a * dy + cos_a * dx);
      }
  return out;
}

// Area-weighted box filter: each output pixel averages the source area it covers, fractional pixels weighted by
// their overlap (what PIL's BOX filter does, which CIFAR-10-C's pixelate uses).
std::vector<std::pair<int, float>> box_weights(int out_index, int out_size, int in_size) {
  const double scale = static_cast<double>(in_size) / out_size;
  const double begin = out_index * scale, end = (out_index + 1) * scale;
  std::vector<std::pair<int, float>> weights;
  for (int i = static_cast<int>(begin); i < in_size && i < end; ++i) {
    const double overlap = std::min<double>(end, i + 1) - std::max<double>(begin, i);
    if (overlap > 0) weights.emplace_back(i, static_cast<float>(overlap / scale));
  }
  return weights;
}

Image resize_box(const Image& image, int height, int width) {
  Image out = blank_like(image, height, width);
  // The weights depend on the output row or column only: computed once, not per pixel.
  std::vector<std::vector<std::pair<int, float>>> rows(height), columns(width);
  for (int y = 0; y < height; ++y) rows[y] = box_weights(y, height, image.height);
  for (int x = 0; x < width; ++x) columns[x] = box_weights(x, width, image.width);
  for (int c = 0; c < image.channels; ++c)
    for (int y = 0; y < height; ++y)
      for (int x = 0; x < width; ++x) {
        float sum = 0;
        for (auto [yy, wy] : rows[y])
          for (auto [xx, wx] : columns[x]) sum += wy * wx * image.at(c, yy, xx);
        out.at(c, y, x) = sum;
      }
  return out;
}

Image pixelate(const Image& image, int height, int width) {
  height = std::clamp(height, 1, image.height);
  width = std::clamp(width, 1, image.width);
  return resize_box(resize_box(image, height, width), image.height, image.width);
}

Image jpeg_roundtrip(const Image& image, int quality) {
  const int channels = image.channels >= 3 ? 3 : 1;
  std::vector<unsigned char> interleaved(static_cast<size_t>(image.height) * image.width * channels);
  for (int y = 0; y < image.height; ++y)
    for (int x = 0; x < image.width; ++x)
      for (int c = 0; c < channels; ++c)
        interleaved[(static_cast<size_t>(y) * image.width + x) * channels + c] =
            static_cast<unsigned char>(std::lround(std::clamp(image.at(c, y, x), 0.0f, 1.0f) * 255.0f));
  std::vector<unsigned char> encoded;
  stbi_write_jpg_to_func(
      [](void* context, void* data, int size) {
        auto* bytes = static_cast<std::vector<unsigned char>*>(context);
        bytes->insert(bytes->end(), static_cast<unsigned char*>(data), static_cast<unsigned char*>(data) + size);
      },
      &encoded, image.width, image.height, channels, interleaved.data(), quality);
  int w = 0, h = 0, n = 0;
  unsigned char* decoded =
      stbi_load_from_memory(encoded.data(), static_cast<int>(encoded.size()), &w, &h, &n, channels);
  Image out = blank_like(image, image.height, image.width);
  if (!decoded) return image;  // cannot happen for an image we just encoded; keep the input rather than blank it
  for (int y = 0; y < image.height; ++y)
    for (int x = 0; x < image.width; ++x)
      for (int c = 0; c < image.channels; ++c)
        out.at(c, y, x) = decoded[(static_cast<size_t>(y) * image.width + x) * channels + std::min(c, channels - 1)] / 255.0f;
  stbi_image_free(decoded);
  return out;
}

}  // namespace ms::data
