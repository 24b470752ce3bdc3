// The plain inputs of the VTK plot views: numbers and names only (no model, no store, no Qt), so the app can fill
// them from any result and tests can make them up.
#pragma once

#include <Eigen/Core>
#include <string>
#include <vector>

namespace ms::views {

// One curve of a layer profile: a marker's value at each layer for one checkpoint.
struct ProfileSeries {
  std::string name;            // legend entry, e.g. the checkpoint name
  std::vector<double> values;  // one per layer (ProfileData::layers), NaN where the marker is missing
};

// A marker versus depth for several checkpoints (view (b)).
struct ProfileData {
  std::string marker;               // y axis title, e.g. "D_eff"
  std::vector<std::string> layers;  // x tick labels, in depth order
  std::vector<ProfileSeries> series;
};

// Projected points of one layer coloured by class (view (a)). Coordinates have 2 or 3 columns; all matrices of
// one ProjectionData have the same number of columns. An optional overlay (e.g. the same items under a distribution
// shift, in the same basis) is drawn as lighter squares in the class colours, with one legend entry overlay_name.
struct ProjectionData {
  Eigen::MatrixXd coords;                // n by 2 or 3, one row per sample
  Eigen::VectorXi labels;                // n class ids in [0, P)
  std::vector<std::string> class_names;  // P legend entries
  Eigen::MatrixXd centers;               // P by 2 or 3 class centers (row = class id), or empty
  Eigen::MatrixXd anchors;               // m by 2 or 3 anchor points, or empty
  Eigen::VectorXi anchor_labels;         // m class ids of the anchors
  Eigen::MatrixXd overlay;               // o by 2 or 3 overlaid points, or empty
  Eigen::VectorXi overlay_labels;        // o class ids in [0, P)
  std::string overlay_name;              // legend entry, e.g. "shifted: fog:3" (none when empty)
};

}  // namespace ms::views
