#include "views/vtk_pan_zoom_style.h"

#include <vtkCallbackCommand.h>
#include <vtkObjectFactory.h>
#include <vtkRenderWindowInteractor.h>

namespace ms::views {

vtkStandardNewMacro(PanZoomStyle2D);

void PanZoomStyle2D::OnLeftButtonDown() {
  const int* position = Interactor->GetEventPosition();
  FindPokedRenderer(position[0], position[1]);
  if (!CurrentRenderer) return;
  GrabFocus(EventCallbackCommand);
  StartPan();
}

void PanZoomStyle2D::OnLeftButtonUp() {
  if (State == VTKIS_PAN) {
    EndPan();
    if (Interactor) ReleaseFocus();
  }
}

void PanZoomStyle2D::OnChar() {
  switch (Interactor->GetKeyCode()) {
    case 'r':
    case 'R':  // reset the view: keep
      vtkInteractorStyleTrackballCamera::OnChar();
      break;
    default:
      break;
  }
}

}  // namespace ms::views
