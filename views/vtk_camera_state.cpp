#include "views/vtk_camera_state.h"

#include <vtkCamera.h>

#include <cmath>

namespace ms::views {

std::vector<double> CameraState::to_numbers() const {
  std::vector<double> out;
  for (const auto* v : {&position, &focal_point, &view_up}) out.insert(out.end(), v->begin(), v->end());
  out.push_back(view_angle);
  out.push_back(parallel_scale);
  out.push_back(parallel ? 1.0 : 0.0);
  out.push_back(1.0);
  return out;
}

std::optional<CameraState> CameraState::from_numbers(const std::vector<double>& numbers) {
  if (numbers.size() != 13 || numbers[12] != 1.0) return std::nullopt;
  for (double x : numbers)
    if (!std::isfinite(x)) return std::nullopt;
  CameraState state;
  for (int i = 0; i < 3; ++i) {
    state.position[i] = numbers[i];
    state.focal_point[i] = numbers[3 + i];
    state.view_up[i] = numbers[6 + i];
  }
  state.view_angle = numbers[9];
  state.parallel_scale = numbers[10];
  state.parallel = numbers[11] != 0.0;
  return state;
}

CameraState read_camera(vtkCamera* camera) {
  CameraState state;
  camera->GetPosition(state.position.data());
  camera->GetFocalPoint(state.focal_point.data());
  camera->GetViewUp(state.view_up.data());
  state.view_angle = camera->GetViewAngle();
  state.parallel_scale = camera->GetParallelScale();
  state.parallel = camera->GetParallelProjection() != 0;
  return state;
}

void apply_camera(const CameraState& state, vtkCamera* camera) {
  camera->SetPosition(state.position.data());
  camera->SetFocalPoint(state.focal_point.data());
  camera->SetViewUp(state.view_up.data());
  camera->OrthogonalizeViewUp();
  camera->SetViewAngle(state.view_angle);
  camera->SetParallelScale(state.parallel_scale);
  camera->SetParallelProjection(state.parallel ? 1 : 0);
}

}  // namespace ms::views
