// A VTK camera as plain numbers, so a session can save and restore a view without VTK types.
//
// to_numbers / from_numbers: 13 doubles in this order:
//   position xyz, focal point xyz, view up xyz, view angle (degrees), parallel scale, parallel (0/1),
//   and a format marker (1) so a wrong-length or foreign list is refused.
#pragma once

#include <array>
#include <optional>
#include <vector>

class vtkCamera;

namespace ms::views {

struct CameraState {
  std::array<double, 3> position{0.0, 0.0, 1.0};
  std::array<double, 3> focal_point{0.0, 0.0, 0.0};
  std::array<double, 3> view_up{0.0, 1.0, 0.0};
  double view_angle = 30.0;     // perspective opening, degrees
  double parallel_scale = 1.0;  // half the viewport height in world units (parallel projection)
  bool parallel = false;

  std::vector<double> to_numbers() const;
  static std::optional<CameraState> from_numbers(const std::vector<double>& numbers);
};

CameraState read_camera(vtkCamera* camera);
// Applies `state` (view up orthogonalised so a slightly inconsistent saved state still gives a valid camera).
void apply_camera(const CameraState& state, vtkCamera* camera);

}  // namespace ms::views
