// Small image operations on one channel-major float image (values in [0, 1]) used by the shifts and transfer sets.
#pragma once

#include <cstddef>
#include <vector>

namespace ms::data {

struct Image {
  int channels = 1, height = 0, width = 0;
  std::vector<float> values;  // channels * height * width, channel-major

  float& at(int c, int y, int x) { return values[(static_cast<size_t>(c) * height + y) * width + x]; }
  float at(int c, int y, int x) const { return values[(static_cast<size_t>(c) * height + y) * width + x]; }
};

// Bilinear resampling to a new size (align-corners off, like most image libraries).
Image resize_bilinear(const Image& image, int height, int width);

// Separable Gaussian blur with reflecting borders; sigma in pixels.
Image gaussian_blur(const Image& image, float sigma);

// Rotation about the centre by `degrees` (counter-clockwise), bilinear, zero outside.
Image rotate(const Image& image, float degrees);

// Area-weighted (box) resampling in either direction.
Image resize_box(const Image& image, int height, int width);

// Box-filter down to (height, width), then box back up to the original size.
Image pixelate(const Image& image, int height, int width);

// JPEG encode at `quality` (1..100) and decode again (stb's baseline encoder).
Image jpeg_roundtrip(const Image& image, int quality);

}  // namespace ms::data
