#include "tests/gui/sample_plot_data.h"

#include <cmath>
#include <string>

namespace ms::test {

views::ProfileData three_checkpoint_profile() {
  views::ProfileData data;
  data.marker = "D_eff";
  data.layers = {"conv1", "relu1", "conv2", "relu2", "pool", "fc1", "relu3", "fc2"};
  for (int s = 0; s < 3; ++s) {
    views::ProfileSeries series;
    series.name = "checkpoint " + std::to_string(s + 1);
    for (int l = 0; l < 8; ++l) series.values.push_back(10.0 + 6.0 * s + 8.0 * std::sin(0.45 * l) - 0.3 * l * l);
    data.series.push_back(series);
  }
  return data;
}

}  // namespace ms::test
