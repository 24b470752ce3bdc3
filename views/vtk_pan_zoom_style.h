// The 2D interaction of a flat scatter: left or middle drag pans, wheel or right drag zooms (the parallel scale,
// about the view center), no rotation. VTK's trackball camera with the left button rebound from rotate to pan.
#pragma once

#include <vtkInteractorStyleTrackballCamera.h>

namespace ms::views {

class PanZoomStyle2D : public vtkInteractorStyleTrackballCamera {
 public:
  static PanZoomStyle2D* New();
  vtkTypeMacro(PanZoomStyle2D, vtkInteractorStyleTrackballCamera);

  void OnLeftButtonDown() override;
  void OnLeftButtonUp() override;
  // Keys that would rotate or spin the camera, or change the representation, are ignored in 2D.
  void OnChar() override;

 protected:
  PanZoomStyle2D() = default;
};

}  // namespace ms::views
