// The figures' font: DejaVu Sans (fonts-dejavu-core, a dependency of the package) for every text a view draws, on
// screen and in PNG, SVG and PDF alike. VTK's built-in fonts have no Greek (Ψ_eff, ρ came out blank), and one font
// everywhere keeps the layout of an export what the window showed.
//
// figure_font_file(bold)  the TrueType file (DejaVuSans.ttf or DejaVuSans-Bold.ttf), empty when not installed
// use_figure_font(text)   sets `text` to that file (bold by text->GetBold(): call it after SetBold); without the font,
//                         leaves VTK's own
// use_chart_fonts(chart)  the texts of a vtkChartXY as the plot views show them: legend 12 pt, axis titles 13 pt,
//                         tick labels 11 pt (bottom and left axes), all in the figure font
#pragma once

#include <string>

class vtkChartXY;
class vtkTextProperty;

namespace ms::views {

const std::string& figure_font_file(bool bold);
void use_figure_font(vtkTextProperty* text);
void use_chart_fonts(vtkChartXY* chart);

}  // namespace ms::views
