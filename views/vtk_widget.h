// VtkWidget: the Qt 6 <-> VTK bridge. A QOpenGLWidget that owns a vtkGenericOpenGLRenderWindow (rendering into
// VTK's own framebuffer inside Qt's context, blitted into the widget's framebuffer at paint time) and a
// vtkGenericRenderWindowInteractor fed with the widget's Qt input events (device pixels, y up) and backed by
// QTimers. Debian's VTK Qt module is built for Qt 5, hence this class.
//
// Use: add renderers (or a vtkContextView) to render_window(), set an interactor style on interactor(), then
// render() after changing the scene. The camera of the main renderer reads and writes as plain numbers.
#pragma once

#include <QImage>
#include <QOpenGLWidget>
#include <map>
#include <vtkSmartPointer.h>

#include "views/vtk_camera_state.h"

class QTimer;
class vtkGenericOpenGLRenderWindow;
class vtkGenericRenderWindowInteractor;
class vtkObject;
class vtkRenderer;

namespace ms::views {

class VtkWidget : public QOpenGLWidget {
  Q_OBJECT
 public:
  explicit VtkWidget(QWidget* parent = nullptr);
  ~VtkWidget() override;

  vtkGenericOpenGLRenderWindow* render_window() const;
  vtkGenericRenderWindowInteractor* interactor() const;

  // Asks for a new VTK frame, drawn at the next paint (several requests make one frame).
  void render();
  // The frame as shown (widget size times the device pixel ratio), rendered first if a frame is pending.
  QImage grab_frame();

  // The renderer whose camera camera()/set_camera() use: the window's first renderer unless a view says otherwise.
  virtual vtkRenderer* main_renderer() const;
  CameraState camera() const;
  void set_camera(const CameraState& state);

 protected:
  void initializeGL() override;
  void resizeGL(int w, int h) override;
  void paintGL() override;
  bool event(QEvent* event) override;

 private:
  void update_size();
  void blit_to_widget();
  void release_gl();
  void on_window_event(vtkObject* caller, unsigned long event, void* call_data);
  void on_timer_event(vtkObject* caller, unsigned long event, void* call_data);
  void fire_timer(int vtk_timer_id, bool one_shot);

  vtkSmartPointer<vtkGenericOpenGLRenderWindow> window_;
  vtkSmartPointer<vtkGenericRenderWindowInteractor> interactor_;
  std::vector<unsigned long> window_observers_;
  std::vector<unsigned long> interactor_observers_;
  std::map<int, QTimer*> timers_;  // by the platform id handed back to VTK
  int next_timer_id_ = 1;
  int wheel_accumulator_ = 0;
  bool gl_ready_ = false;
  bool needs_render_ = true;  // a VTK render is due at the next paint (otherwise the last frame is blitted)
  bool in_paint_ = false;
  QMetaObject::Connection context_connection_;
};

}  // namespace ms::views
