// Class and series colours: the Okabe-Ito palette (colour-blind safe) for the first 8, then Paul Tol's "muted"
// categorical set, then hues spaced by the golden angle in CIE LCh at alternating lightness (perceptually even).
//
// Inputs:
//   index  class or series number, >= 0
// Outputs:
//   RGB in [0, 1]; the same index always gives the same colour, whatever the number of classes.
#pragma once

#include <array>

namespace ms::views {

using Rgb = std::array<double, 3>;

// The 8 Okabe-Ito colours in the order used here: orange, sky blue, bluish green, yellow, blue, vermillion,
// reddish purple, black (black last: it reads as "axes" rather than as a class).
const std::array<Rgb, 8>& okabe_ito();

Rgb class_colour(int index);

// `colour` mixed with white: amount 0 keeps it, 1 gives white (anchors are drawn lighter than their class).
Rgb lighten(const Rgb& colour, double amount);

}  // namespace ms::views
