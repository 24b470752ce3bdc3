#include "views/figure_font.h"

#include <vtkAxis.h>
#include <vtkChartLegend.h>
#include <vtkChartXY.h>
#include <vtkTextProperty.h>

#include <fstream>

namespace ms::views {
namespace {

std::string first_existing(const char* name) {
  for (const char* folder : {"/usr/share/fonts/truetype/dejavu/", "/usr/share/fonts/TTF/", "/usr/share/fonts/dejavu/"})
    if (std::ifstream(std::string(folder) + name).good()) return std::string(folder) + name;
  return {};
}

}  // namespace

const std::string& figure_font_file(bool bold) {
  static const std::string regular = first_existing("DejaVuSans.ttf");
  static const std::string heavy = first_existing("DejaVuSans-Bold.ttf");
  return bold && !heavy.empty() ? heavy : regular;
}

void use_figure_font(vtkTextProperty* text) {
  if (!text) return;
  const std::string& file = figure_font_file(text->GetBold() != 0);
  if (file.empty()) return;
  text->SetFontFamily(VTK_FONT_FILE);
  text->SetFontFile(file.c_str());
}

void use_chart_fonts(vtkChartXY* chart) {
  chart->GetLegend()->GetLabelProperties()->SetFontSize(12);
  use_figure_font(chart->GetLegend()->GetLabelProperties());
  for (int which : {vtkAxis::BOTTOM, vtkAxis::LEFT}) {
    vtkAxis* axis = chart->GetAxis(which);
    axis->GetTitleProperties()->SetFontSize(13);
    axis->GetLabelProperties()->SetFontSize(11);
    use_figure_font(axis->GetTitleProperties());
    use_figure_font(axis->GetLabelProperties());
  }
}

}  // namespace ms::views
