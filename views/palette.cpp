#include "views/palette.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cmath>

namespace ms::views {
namespace {

constexpr Rgb rgb8(int r, int g, int b) { return {r / 255.0, g / 255.0, b / 255.0}; }

// Paul Tol's "muted" qualitative scheme: distinct from Okabe-Ito and still readable for colour-blind viewers.
constexpr std::array<Rgb, 9> kTolMuted = {rgb8(0xCC, 0x66, 0x77), rgb8(0x33, 0x22, 0x88), rgb8(0xDD, 0xCC, 0x77),
                                          rgb8(0x11, 0x77, 0x33), rgb8(0x88, 0xCC, 0xEE), rgb8(0x88, 0x22, 0x55),
                                          rgb8(0x44, 0xAA, 0x99), rgb8(0x99, 0x99, 0x33), rgb8(0xAA, 0x44, 0x99)};

double srgb_gamma(double linear) {
  linear = std::clamp(linear, 0.0, 1.0);
  return linear <= 0.0031308 ? 12.92 * linear : 1.055 * std::pow(linear, 1.0 / 2.4) - 0.055;
}

// CIE LCh (D65) to sRGB, clamped into the gamut.
Rgb lch_to_srgb(double L, double C, double h_degrees) {
  const double h = h_degrees * M_PI / 180.0;
  const double a = C * std::cos(h), b = C * std::sin(h);
  const double fy = (L + 16.0) / 116.0, fx = fy + a / 500.0, fz = fy - b / 200.0;
  auto finv = [](double t) {
    constexpr double delta = 6.0 / 29.0;
    return t > delta ? t * t * t : 3.0 * delta * delta * (t - 4.0 / 29.0);
  };
  const double X = 0.95047 * finv(fx), Y = finv(fy), Z = 1.08883 * finv(fz);
  return {srgb_gamma(3.2406 * X - 1.5372 * Y - 0.4986 * Z), srgb_gamma(-0.9689 * X + 1.8758 * Y + 0.0415 * Z),
          srgb_gamma(0.0557 * X - 0.2040 * Y + 1.0570 * Z)};
}

}  // namespace

const std::array<Rgb, 8>& okabe_ito() {
  static const std::array<Rgb, 8> colours = {rgb8(230, 159, 0),  rgb8(86, 180, 233), rgb8(0, 158, 115),
                                             rgb8(240, 228, 66), rgb8(0, 114, 178),  rgb8(213, 94, 0),
                                             rgb8(204, 121, 167), rgb8(0, 0, 0)};
  return colours;
}

namespace {

std::atomic<Palette> g_palette{Palette::standard};

// Okabe-Ito without black, yellow last; then Tol's muted; then the same 16 darker, then lighter.
Rgb colour_blind_colour(int index) {
  static const std::array<int, 7> order = {0, 1, 2, 4, 5, 6, 3};  // okabe_ito() positions: yellow (3) last
  const int safe = 7 + static_cast<int>(kTolMuted.size());
  const int k = index % safe, round = index / safe;
  const Rgb base = k < 7 ? okabe_ito()[order[k]] : kTolMuted[k - 7];
  if (round == 0) return base;
  if (round % 2 == 1) return {base[0] * 0.6, base[1] * 0.6, base[2] * 0.6};  // darker
  return lighten(base, 0.45);
}

}  // namespace

void set_palette(Palette palette) { g_palette.store(palette); }
Palette current_palette() { return g_palette.load(); }

std::string to_string(Palette palette) { return palette == Palette::colour_blind ? "colour-blind" : "standard"; }

ms::Result<Palette> parse_palette(const std::string& text) {
  std::string t;
  for (char c : text) t += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (t == "standard" || t == "default") return Palette::standard;
  if (t == "colour-blind" || t == "colour_blind" || t == "color-blind" || t == "color_blind" || t == "cvd")
    return Palette::colour_blind;
  return ms::make_error("palette '" + text + "': expected 'standard' or 'colour-blind'");
}

Rgb class_colour(int index) { return class_colour(index, current_palette()); }

Rgb class_colour(int index, Palette palette) {
  index = std::max(index, 0);
  if (palette == Palette::colour_blind) return colour_blind_colour(index);
  if (index < 8) return okabe_ito()[index];
  if (index < 8 + static_cast<int>(kTolMuted.size())) return kTolMuted[index - 8];
  const int k = index - 8 - static_cast<int>(kTolMuted.size());
  constexpr double kGoldenAngle = 137.50776405;
  // Start hue and lightness cycle chosen so the first 30 colours stay at least 0.15 apart in RGB.
  const double lightness[3] = {45.0, 65.0, 80.0};
  return lch_to_srgb(lightness[k % 3], 40.0, std::fmod(315.0 + k * kGoldenAngle, 360.0));
}

Rgb lighten(const Rgb& colour, double amount) {
  amount = std::clamp(amount, 0.0, 1.0);
  return {colour[0] + (1.0 - colour[0]) * amount, colour[1] + (1.0 - colour[1]) * amount,
          colour[2] + (1.0 - colour[2]) * amount};
}

}  // namespace ms::views
