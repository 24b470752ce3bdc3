#include "core/data/corruptions.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <numeric>
#include <random>
#include <array>

#include "core/data/image_ops.h"

namespace ms::data {
namespace {

// Portable draws (std:: distributions differ between standard libraries).
struct Random {
  explicit Random(uint64_t seed) : engine(seed) {}
  double uniform() { return (engine() >> 11) * 0x1.0p-53; }
  double normal() {  // Box-Muller
    const double u = 1.0 - uniform(), v = uniform();
    return std::sqrt(-2.0 * std::log(u)) * std::cos(2.0 * M_PI * v);
  }
  int poisson(double lambda) {  // Knuth; lambda here is at most 60
    const double limit = std::exp(-lambda);
    int k = 0;
    for (double p = uniform(); p > limit; p *= uniform()) ++k;
    return k;
  }
  std::mt19937_64 engine;
};

float clip01(float value) { return std::clamp(value, 0.0f, 1.0f); }

// The largest fog fractal: 1024 x 1024 doubles (8 MB); CIFAR-10-C and ImageNet-C sizes stay far below it.
constexpr int kMaxFogSide = 1024;

// Diamond-square fractal on a torus of side `size` (a power of two), normalised to [0, 1] — CIFAR-10-C's fog.
std::vector<double> plasma_fractal(int size, double wibble_decay, Random& random) {
  std::vector<double> map(static_cast<size_t>(size) * size, 0.0);
  auto at = [&](int y, int x) -> double& { return map[static_cast<size_t>((y + size) % size) * size + (x + size) % size]; };
  double wibble = 100;
  auto wibbled_mean = [&](double sum) { return sum / 4 + wibble * (2 * random.uniform() - 1) * wibble; };
  for (int step = size; step >= 2; step /= 2, wibble /= wibble_decay) {
    const int half = step / 2;
    for (int y = 0; y < size; y += step)
      for (int x = 0; x < size; x += step)
        at(y + half, x + half) = wibbled_mean(at(y, x) + at(y + step, x) + at(y, x + step) + at(y + step, x + step));
    for (int y = 0; y < size; y += step)
      for (int x = 0; x < size; x += step) {
        at(y, x + half) = wibbled_mean(at(y - half, x + half) + at(y + half, x + half) + at(y, x) + at(y, x + step));
        at(y + half, x) = wibbled_mean(at(y + half, x - half) + at(y + half, x + half) + at(y, x) + at(y + step, x));
      }
  }
  auto [lo, hi] = std::minmax_element(map.begin(), map.end());
  const double low = *lo, range = *hi - *lo;
  for (double& value : map) value = range > 0 ? (value - low) / range : 0.0;
  return map;
}

using Corrupt = std::function<void(Image&, int severity, Random&)>;

struct Corruption {
  const char* name;
  Corrupt apply;
};

const std::vector<Corruption>& corruptions() {
  static const std::vector<Corruption> all = {
      {"gaussian_noise",
       [](Image& image, int s, Random& random) {
         const double sd = std::array<double, 5>{0.08, 0.12, 0.18, 0.26, 0.38}[s - 1];
         for (float& v : image.values) v = clip01(v + static_cast<float>(sd * random.normal()));
       }},
      {"shot_noise",
       [](Image& image, int s, Random& random) {
         const double photons = std::array<double, 5>{60, 25, 12, 5, 3}[s - 1];
         for (float& v : image.values) v = clip01(static_cast<float>(random.poisson(v * photons) / photons));
       }},
      {"impulse_noise",
       [](Image& image, int s, Random& random) {
         const double amount = std::array<double, 5>{0.03, 0.06, 0.09, 0.17, 0.27}[s - 1];
         for (float& v : image.values)
           if (random.uniform() < amount) v = random.uniform() < 0.5 ? 0.0f : 1.0f;
       }},
      {"gaussian_blur",
       [](Image& image, int s, Random&) {
         image = gaussian_blur(image, std::array<float, 5>{0.4f, 0.6f, 0.7f, 0.8f, 1.0f}[s - 1]);
       }},
      {"brightness",
       [](Image& image, int s, Random&) {
         // HSV value + c with hue and saturation kept: scale each pixel's channels by new V / old V.
         const float c = std::array<float, 5>{0.1f, 0.2f, 0.3f, 0.4f, 0.5f}[s - 1];
         for (int y = 0; y < image.height; ++y)
           for (int x = 0; x < image.width; ++x) {
             float value = 0;
             for (int ch = 0; ch < image.channels; ++ch) value = std::max(value, image.at(ch, y, x));
             const float brighter = clip01(value + c);
             for (int ch = 0; ch < image.channels; ++ch)
               image.at(ch, y, x) = value > 0 ? image.at(ch, y, x) * brighter / value : brighter;
           }
       }},
      {"contrast",
       [](Image& image, int s, Random&) {
         const float c = std::array<float, 5>{0.4f, 0.3f, 0.2f, 0.1f, 0.05f}[s - 1];
         const size_t plane = static_cast<size_t>(image.height) * image.width;
         for (int ch = 0; ch < image.channels; ++ch) {
           float* first = image.values.data() + ch * plane;
           const float mean = std::accumulate(first, first + plane, 0.0f) / static_cast<float>(plane);
           for (size_t p = 0; p < plane; ++p) first[p] = clip01((first[p] - mean) * c + mean);
         }
       }},
      {"fog",
       [](Image& image, int s, Random& random) {
         const double strength = std::array<double, 5>{1.5, 2.0, 2.5, 2.5, 3.0}[s - 1];
         const double decay = std::array<double, 5>{2.0, 2.0, 1.7, 1.5, 1.4}[s - 1];
         // The fractal's side: the image's larger side rounded up to a power of two, at most kMaxFogSide (it lives
         // on a torus, so a larger image repeats it seamlessly; its memory is side² whatever the aspect ratio).
         int size = 1;
         while (size < std::min(std::max(image.height, image.width), kMaxFogSide)) size *= 2;
         const auto fog = plasma_fractal(size, decay, random);
         const float max_value = *std::max_element(image.values.begin(), image.values.end());
         for (int ch = 0; ch < image.channels; ++ch)
           for (int y = 0; y < image.height; ++y)
             for (int x = 0; x < image.width; ++x) {
               const double haze = fog[static_cast<size_t>(y % size) * size + static_cast<size_t>(x % size)];
               const double foggy = image.at(ch, y, x) + strength * haze;
               image.at(ch, y, x) = clip01(static_cast<float>(foggy * max_value / (max_value + strength)));
             }
       }},
      {"pixelate",
       [](Image& image, int s, Random&) {
         const float c = std::array<float, 5>{0.95f, 0.9f, 0.85f, 0.75f, 0.65f}[s - 1];
         image = pixelate(image, static_cast<int>(image.height * c), static_cast<int>(image.width * c));
       }},
      {"jpeg_compression",
       [](Image& image, int s, Random&) { image = jpeg_roundtrip(image, std::array<int, 5>{80, 65, 58, 50, 40}[s - 1]); }},
      {"rotation",
       [](Image& image, int s, Random& random) {
         const float degrees = std::array<float, 5>{6, 12, 18, 24, 30}[s - 1];
         image = rotate(image, random.uniform() < 0.5 ? -degrees : degrees);
       }},
  };
  return all;
}

uint64_t name_hash(const std::string& name) {
  uint64_t hash = 1469598103934665603ull;  // FNV-1a: stable across runs and machines, unlike std::hash
  for (unsigned char c : name) hash = (hash ^ c) * 1099511628211ull;
  return hash;
}

}  // namespace

std::vector<std::string> corruption_names() {
  std::vector<std::string> names;
  for (const Corruption& corruption : corruptions()) names.emplace_back(corruption.name);
  return names;
}

Result<Shift> parse_shift(const std::string& text) {
  Shift shift;
  const auto colon = text.find(':');
  shift.corruption = text.substr(0, colon);
  if (colon != std::string::npos) {
    const std::string level = text.substr(colon + 1);
    if (level.size() != 1 || level[0] < '1' || level[0] > '5')
      return make_error("shift '" + text + "': severity must be 1..5");
    shift.severity = level[0] - '0';
  }
  const auto names = corruption_names();
  if (std::find(names.begin(), names.end(), shift.corruption) == names.end()) {
    std::string known;
    for (const auto& name : names) known += (known.empty() ? "" : ", ") + name;
    return make_error("unknown shift '" + shift.corruption + "' (known: " + known + ")");
  }
  return shift;
}

Result<Dataset> apply_shift(const Dataset& clean, const Shift& shift, uint64_t seed, Progress* progress,
                            const CancelToken* cancel) {
  std::vector<int64_t> all(static_cast<size_t>(clean.count()));
  std::iota(all.begin(), all.end(), int64_t{0});
  return apply_shift_to_rows(clean, all, shift, seed, progress, cancel);
}

Result<Dataset> apply_shift_to_rows(const Dataset& clean, const std::vector<int64_t>& rows, const Shift& shift,
                                    uint64_t seed, Progress* progress, const CancelToken* cancel) {
  if (!clean.is_image()) return make_error(clean.name + ": corruptions need images, this dataset holds vectors");
  if (shift.severity < 1 || shift.severity > 5) return make_error(shift.label() + ": severity must be 1..5");
  const Corruption* corruption = nullptr;
  for (const Corruption& candidate : corruptions())
    if (shift.corruption == candidate.name) corruption = &candidate;
  if (!corruption) return make_error("unknown shift '" + shift.corruption + "'");
  for (int64_t row : rows)
    if (row < 0 || row >= clean.count()) return make_error(clean.name + ": no item " + std::to_string(row));

  const float scale = clean.element_type == "uint8" ? 255.0f : std::max(1.0f, summarize(clean).max_value);
  Dataset shifted = take_rows(clean, rows);
  shifted.name = clean.name + "+" + shift.label();
  const int64_t size = clean.item_size();
  Image image{static_cast<int>(clean.item_shape[0]), static_cast<int>(clean.item_shape[1]),
              static_cast<int>(clean.item_shape[2]), std::vector<float>(size)};
  for (size_t k = 0; k < rows.size(); ++k) {
    if (cancel && cancel->cancelled()) return make_error(shifted.name + ": cancelled");
    const int64_t i = rows[k];
    std::transform(clean.item(i), clean.item(i) + size, image.values.begin(), [&](float v) { return v / scale; });
    Random random(seed * 0x9E3779B97F4A7C15ull ^ name_hash(shift.corruption) ^ static_cast<uint64_t>(i) * 0xBF58476D1CE4E5B9ull);
    corruption->apply(image, shift.severity, random);
    float* out = shifted.values.data() + static_cast<int64_t>(k) * size;
    for (int64_t p = 0; p < size; ++p) out[p] = image.values[p] * scale;
    if (progress && k % 1000 == 0) progress->report(static_cast<double>(k) / rows.size(), shifted.name);
  }
  return shifted;
}

}  // namespace ms::data
