#include "views/vtk_widget.h"

#include <QOpenGLContext>
#include <QOpenGLExtraFunctions>
#include <QScreen>
#include <QTimer>
#include <vtkCallbackCommand.h>
#include <vtkCamera.h>
#include <vtkCommand.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkGenericRenderWindowInteractor.h>
#include <vtkInteractorStyleTrackballCamera.h>
#include <vtkOpenGLFramebufferObject.h>
#include <vtkOpenGLState.h>
#include <vtkRenderer.h>
#include <vtkRendererCollection.h>

#include <cmath>

#include "views/vtk_event_translation.h"

namespace ms::views {

VtkWidget::VtkWidget(QWidget* parent)
    : QOpenGLWidget(parent),
      window_(vtkSmartPointer<vtkGenericOpenGLRenderWindow>::New()),
      interactor_(vtkSmartPointer<vtkGenericRenderWindowInteractor>::New()) {
  setFocusPolicy(Qt::StrongFocus);
  setMouseTracking(true);  // VTK styles and hover picking need moves without a pressed button
  setUpdateBehavior(QOpenGLWidget::NoPartialUpdate);

  // No rendering until Qt has a context; VTK draws into its own framebuffer and we blit it ourselves.
  window_->SetReadyForRendering(false);
  window_->SetFrameBlitModeToNoBlit();
  window_->SetMultiSamples(0);
  window_->SetInteractor(interactor_);
  interactor_->SetRenderWindow(window_);
  interactor_->Initialize();
  vtkNew<vtkInteractorStyleTrackballCamera> style;
  interactor_->SetInteractorStyle(style);

  for (unsigned long id : {vtkCommand::WindowMakeCurrentEvent, vtkCommand::WindowIsCurrentEvent,
                           vtkCommand::WindowFrameEvent, vtkCommand::StartEvent})
    window_observers_.push_back(window_->AddObserver(id, this, &VtkWidget::on_window_event));
  // The generic interactor has no timers of its own: without these, chart pans and animations never repaint.
  for (unsigned long id : {vtkCommand::CreateTimerEvent, vtkCommand::DestroyTimerEvent})
    interactor_observers_.push_back(interactor_->AddObserver(id, this, &VtkWidget::on_timer_event));
}

VtkWidget::~VtkWidget() {
  if (context_connection_) disconnect(context_connection_);
  makeCurrent();
  release_gl();
  doneCurrent();
  for (unsigned long id : window_observers_) window_->RemoveObserver(id);
  for (unsigned long id : interactor_observers_) interactor_->RemoveObserver(id);
  for (auto& [platform_id, timer] : timers_) timer->stop();
}

void VtkWidget::initializeGL() {
  auto* state = window_->GetState();
  state->Reset();
  window_->SetReadyForRendering(true);
  window_->SetOwnContext(0);
  window_->OpenGLInitContext();
  gl_ready_ = true;
  needs_render_ = true;
  update_size();
  // A widget moved to another top-level window gets a new context: release VTK's resources of the old one.
  if (context_connection_) disconnect(context_connection_);
  context_connection_ =
      connect(context(), &QOpenGLContext::aboutToBeDestroyed, this, [this] { release_gl(); }, Qt::DirectConnection);
}

void VtkWidget::release_gl() {
  if (!gl_ready_) return;
  window_->Finalize();  // releases VTK's GL objects; its MakeCurrent request lands in on_window_event
  window_->SetReadyForRendering(false);
  gl_ready_ = false;
}

void VtkWidget::resizeGL(int, int) { update_size(); }

void VtkWidget::update_size() {
  const double dpr = devicePixelRatioF();
  const int w = static_cast<int>(std::lround(width() * dpr));
  const int h = static_cast<int>(std::lround(height() * dpr));
  interactor_->UpdateSize(w, h);
  window_->SetSize(w, h);
  interactor_->InvokeEvent(vtkCommand::ConfigureEvent);
  if (const QScreen* s = screen())
    window_->SetScreenSize(static_cast<int>(s->size().width() * dpr), static_cast<int>(s->size().height() * dpr));
  window_->SetDPI(static_cast<int>(std::lround(72.0 * dpr)));  // text sizes are in points: keep them physical
  needs_render_ = true;
}

void VtkWidget::paintGL() {
  if (!gl_ready_) return;
  auto* state = window_->GetState();
  state->Reset();
  state->Push();
  state->vtkglDepthFunc(GL_LEQUAL);  // Qt leaves GL_LESS; VTK expects GL_LEQUAL
  if (needs_render_) {
    in_paint_ = true;
    window_->Render();
    in_paint_ = false;
    needs_render_ = false;
  }
  // Rendering may have made another context current (e.g. a progress bar repainting): bind ours and Qt's FBO.
  makeCurrent();
  blit_to_widget();
  state->Pop();
}

void VtkWidget::blit_to_widget() {
  QOpenGLExtraFunctions* f = context()->extraFunctions();
  f->glBindFramebuffer(GL_DRAW_FRAMEBUFFER, defaultFramebufferObject());
  const GLenum attachment = GL_COLOR_ATTACHMENT0;
  f->glDrawBuffers(1, &attachment);
  const bool scissor = f->glIsEnabled(GL_SCISSOR_TEST);
  if (scissor) {
    window_->GetState()->vtkglDisable(GL_SCISSOR_TEST);
    f->glDisable(GL_SCISSOR_TEST);  // the scissor box would crop the blit
  }
  const double dpr = devicePixelRatioF();
  const int w = static_cast<int>(std::lround(width() * dpr));
  const int h = static_cast<int>(std::lround(height() * dpr));
  const int* source = window_->GetRenderFramebuffer()->GetLastSize();
  window_->BlitDisplayFramebuffer(0, 0, 0, source[0], source[1], 0, 0, w, h, GL_COLOR_BUFFER_BIT, GL_LINEAR);

  // Opaque alpha: Mesa may leave alpha < 1, which Qt would composite with whatever is behind the widget.
  GLboolean mask[4];
  f->glGetBooleanv(GL_COLOR_WRITEMASK, mask);
  GLfloat clear[4];
  f->glGetFloatv(GL_COLOR_CLEAR_VALUE, clear);
  f->glColorMask(GL_FALSE, GL_FALSE, GL_FALSE, GL_TRUE);
  f->glClearColor(0.f, 0.f, 0.f, 1.f);
  f->glClear(GL_COLOR_BUFFER_BIT);
  f->glColorMask(mask[0], mask[1], mask[2], mask[3]);
  f->glClearColor(clear[0], clear[1], clear[2], clear[3]);
  if (scissor) {
    window_->GetState()->vtkglEnable(GL_SCISSOR_TEST);
    f->glEnable(GL_SCISSOR_TEST);
  }
}

void VtkWidget::on_window_event(vtkObject*, unsigned long event, void* call_data) {
  switch (event) {
    case vtkCommand::WindowMakeCurrentEvent:
      // Not QOpenGLWidget::makeCurrent(): that would rebind Qt's FBO behind VTK's back.
      if (context()) context()->makeCurrent(context()->surface());
      break;
    case vtkCommand::WindowIsCurrentEvent: {
      bool& current = *static_cast<bool*>(call_data);
      const QOpenGLContext* now = QOpenGLContext::currentContext();
      current = now && now == context() && now->surface() == context()->surface();
      break;
    }
    case vtkCommand::StartEvent:
      // Every render (also those outside paintGL: interaction, export) starts from the GL state it finds, and
      // Qt leaves GL_LESS: 2D overlays drawn at equal depth (legend text over its box) would then vanish.
      window_->GetState()->vtkglDepthFunc(GL_LEQUAL);
      break;
    case vtkCommand::WindowFrameEvent:
      // A render for an export (double buffered, not swapped) is not meant for the screen.
      if (window_->GetDoubleBuffer() && !window_->GetSwapBuffers()) break;
      // A render outside paintGL (an interactor style, a chart timer): show that frame without rendering again.
      needs_render_ = false;
      if (!in_paint_) update();
      break;
    default:
      break;
  }
}

void VtkWidget::on_timer_event(vtkObject*, unsigned long event, void* call_data) {
  if (event == vtkCommand::CreateTimerEvent) {
    const int vtk_id = interactor_->GetTimerEventId();
    const bool one_shot = interactor_->GetTimerEventType() == vtkRenderWindowInteractor::OneShotTimer;
    const int platform_id = next_timer_id_++;
    auto* timer = new QTimer(this);
    timer->setSingleShot(one_shot);
    timer->setInterval(static_cast<int>(interactor_->GetTimerEventDuration()));
    connect(timer, &QTimer::timeout, this, [this, vtk_id, one_shot] { fire_timer(vtk_id, one_shot); });
    timers_[platform_id] = timer;
    interactor_->SetTimerEventPlatformId(platform_id);
    timer->start();
  } else if (event == vtkCommand::DestroyTimerEvent) {
    const auto found = timers_.find(*static_cast<int*>(call_data));
    if (found == timers_.end()) return;
    found->second->stop();
    found->second->deleteLater();  // we may be inside its timeout
    timers_.erase(found);
  }
}

void VtkWidget::fire_timer(int vtk_timer_id, bool one_shot) {
  if (!interactor_->GetEnabled()) return;
  int id = vtk_timer_id;
  interactor_->InvokeEvent(vtkCommand::TimerEvent, &id);
  if (one_shot) interactor_->DestroyTimer(vtk_timer_id);  // lets VTK forget it; comes back as DestroyTimerEvent
}

bool VtkWidget::event(QEvent* event) {
  if (gl_ready_) forward_event_to_vtk(event, interactor_, devicePixelRatioF(), wheel_accumulator_);
  return QOpenGLWidget::event(event);
}

vtkGenericOpenGLRenderWindow* VtkWidget::render_window() const { return window_; }

vtkGenericRenderWindowInteractor* VtkWidget::interactor() const { return interactor_; }

void VtkWidget::render() {
  needs_render_ = true;
  update();
}

QImage VtkWidget::grab_frame() { return grabFramebuffer(); }

vtkRenderer* VtkWidget::main_renderer() const { return window_->GetRenderers()->GetFirstRenderer(); }

CameraState VtkWidget::camera() const {
  vtkRenderer* renderer = main_renderer();
  return renderer ? read_camera(renderer->GetActiveCamera()) : CameraState{};
}

void VtkWidget::set_camera(const CameraState& state) {
  vtkRenderer* renderer = main_renderer();
  if (!renderer) return;
  apply_camera(state, renderer->GetActiveCamera());
  renderer->ResetCameraClippingRange();
  render();
}

}  // namespace ms::views
