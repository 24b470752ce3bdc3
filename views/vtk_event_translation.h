// Qt input events to VTK interactor events: mouse press/release/double click/move, wheel, key press/release,
// enter/leave. Qt positions are in device-independent pixels with y down; VTK wants device pixels with y up, so
// positions are scaled by the device pixel ratio and flipped against the interactor's (device pixel) height.
//
// Inputs:
//   event       any Qt event delivered to the widget
//   interactor  receives the translated event (its size must be the widget size in device pixels)
//   dpr         the widget's device pixel ratio
//   wheel_accumulator  carries partial wheel deltas (touchpads send many small steps) between calls
// Outputs:
//   true when the event was an input event and was handed to VTK.
#pragma once

class QEvent;
class vtkRenderWindowInteractor;

namespace ms::views {

bool forward_event_to_vtk(QEvent* event, vtkRenderWindowInteractor* interactor, double dpr, int& wheel_accumulator);

}  // namespace ms::views
