// Class and series colours, from one of two palettes chosen process-wide (set_palette; the GUI's Settings dialog and
// the CLI set it, views read it when they build their scene):
//   standard (the default): the Okabe-Ito palette (colour-blind safe) for the first 8, then Paul Tol's "muted"
//     categorical set (also colour-blind safe), then hues spaced by the golden angle in CIE LCh at alternating
//     lightness (perceptually even, but some of those pairs look alike to deuteranopes).
//   colour_blind: only 16 colour-blind-safe colours: Okabe-Ito without black, its yellow (1.2:1 contrast on white,
//     lost as small points) after the other hues, then Tol's muted set; then those 16 again darker and lighter,
//     never new hues. The heat map's diverging map (ColorBrewer RdBu in Lab) is colour-blind safe in both.
//
// class_colour
//   index  class or series number, >= 0
//   Outputs: RGB in [0, 1]; the same index always gives the same colour (in one palette), whatever the number of
//   classes.
// parse_palette: "standard", or "colour-blind" / "colour_blind" / "color-blind" / "cvd"; else an error listing them.
#pragma once

#include <array>
#include <string>

#include "core/common/result.h"

namespace ms::views {

using Rgb = std::array<double, 3>;

// The 8 Okabe-Ito colours in the order used here: orange, sky blue, bluish green, yellow, blue, vermillion,
// reddish purple, black (black last: it reads as "axes" rather than as a class).
const std::array<Rgb, 8>& okabe_ito();

enum class Palette { standard, colour_blind };

// Process-wide; safe to call from any thread (an atomic), though views pick it up only when they rebuild.
void set_palette(Palette palette);
Palette current_palette();
std::string to_string(Palette palette);
ms::Result<Palette> parse_palette(const std::string& text);

Rgb class_colour(int index);                     // in current_palette()
Rgb class_colour(int index, Palette palette);

// `colour` mixed with white: amount 0 keeps it, 1 gives white (anchors are drawn lighter than their class).
Rgb lighten(const Rgb& colour, double amount);

}  // namespace ms::views
