// The Qt 6 <-> VTK bridge in a real window (run under xvfb-run): the frame reaches the widget, input events arrive
// in VTK in device pixels with y up, VTK timers fire through QTimer, and the camera round-trips as numbers.
#include <gtest/gtest.h>

#include <QApplication>
#include <QTest>
#include <QWheelEvent>
#include <vtkActor.h>
#include <vtkCallbackCommand.h>
#include <vtkCamera.h>
#include <vtkCommand.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkGenericRenderWindowInteractor.h>
#include <vtkNew.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkRenderer.h>
#include <vtkSphereSource.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <vector>

#include "tests/gui/gui_test_support.h"
#include "views/vtk_widget.h"

namespace ms {
namespace {

// Calls `on_event` for one VTK event; removes its observer when destroyed.
class VtkEventRecorder {
 public:
  VtkEventRecorder(vtkObject* object, unsigned long event, std::function<void(void*)> on_event)
      : object_(object), on_event_(std::move(on_event)) {
    command_->SetClientData(this);
    command_->SetCallback([](vtkObject*, unsigned long, void* client, void* call) {
      static_cast<VtkEventRecorder*>(client)->on_event_(call);
    });
    id_ = object_->AddObserver(event, command_);
  }
  ~VtkEventRecorder() { object_->RemoveObserver(id_); }

 private:
  vtkObject* object_;
  std::function<void(void*)> on_event_;
  vtkNew<vtkCallbackCommand> command_;
  unsigned long id_ = 0;
};

struct SphereScene {
  vtkNew<vtkRenderer> renderer;
  vtkNew<vtkSphereSource> sphere;
  vtkNew<vtkPolyDataMapper> mapper;
  vtkNew<vtkActor> actor;
  explicit SphereScene(views::VtkWidget& widget) {
    renderer->SetBackground(0.2, 0.4, 0.6);
    sphere->SetThetaResolution(32);
    sphere->SetPhiResolution(32);
    mapper->SetInputConnection(sphere->GetOutputPort());
    actor->SetMapper(mapper);
    actor->GetProperty()->SetColor(1.0, 0.0, 0.0);
    actor->GetProperty()->LightingOff();
    renderer->AddActor(actor);
    renderer->ResetCamera();
    widget.render_window()->AddRenderer(renderer);
  }
};

bool near(QRgb pixel, int r, int g, int b, int tolerance) {
  return std::abs(qRed(pixel) - r) <= tolerance && std::abs(qGreen(pixel) - g) <= tolerance &&
         std::abs(qBlue(pixel) - b) <= tolerance;
}

TEST(VtkWidget, TheVtkFrameIsShownInTheWidget) {
  views::VtkWidget widget;
  SphereScene scene(widget);
  ASSERT_TRUE(test::show_exposed(widget, 320, 240));
  const QImage frame = widget.grab_frame();
  test::save_screenshot(frame, "vtk_widget_sphere");
  const double dpr = widget.devicePixelRatioF();
  ASSERT_EQ(frame.width(), std::lround(320 * dpr));
  ASSERT_EQ(frame.height(), std::lround(240 * dpr));
  // A flat red sphere in the middle of a blue-grey background, corners included (the blit covers the widget).
  EXPECT_TRUE(near(frame.pixel(frame.width() / 2, frame.height() / 2), 255, 0, 0, 8));
  for (QPoint corner : {QPoint(2, 2), QPoint(frame.width() - 3, frame.height() - 3)})
    EXPECT_TRUE(near(frame.pixel(corner), 51, 102, 153, 8)) << std::hex << frame.pixel(corner);
  EXPECT_EQ(qAlpha(frame.pixel(2, 2)), 255);
}

TEST(VtkWidget, InputEventsReachVtkInDevicePixelsWithYUp) {
  views::VtkWidget widget;
  SphereScene scene(widget);
  ASSERT_TRUE(test::show_exposed(widget, 300, 200));
  auto* iren = widget.interactor();
  const double dpr = widget.devicePixelRatioF();
  const int height = iren->GetSize()[1];
  ASSERT_EQ(height, std::lround(200 * dpr));
  auto expect_at = [&](const int* vtk, int x, int y) {
    EXPECT_EQ(vtk[0], static_cast<int>(x * dpr));
    EXPECT_EQ(vtk[1], height - static_cast<int>(y * dpr) - 1);
  };

  std::vector<std::array<int, 2>> presses, moves;
  VtkEventRecorder press(iren, vtkCommand::LeftButtonPressEvent, [&](void*) {
    presses.push_back({iren->GetEventPosition()[0], iren->GetEventPosition()[1]});
  });
  VtkEventRecorder move(iren, vtkCommand::MouseMoveEvent, [&](void*) {
    moves.push_back({iren->GetEventPosition()[0], iren->GetEventPosition()[1]});
  });
  QTest::mousePress(&widget, Qt::LeftButton, Qt::NoModifier, QPoint(30, 40));
  ASSERT_EQ(presses.size(), 1u);
  expect_at(presses[0].data(), 30, 40);
  // While the button is down the interactor style holds VTK's event focus: check the release by its position.
  QTest::mouseRelease(&widget, Qt::LeftButton, Qt::NoModifier, QPoint(60, 50));
  expect_at(iren->GetEventPosition(), 60, 50);

  test::hover(&widget, QPoint(120, 150));
  for (int wait = 0; wait < 100 && moves.empty(); ++wait) QTest::qWait(20);  // moves may arrive queued
  ASSERT_FALSE(moves.empty());
  expect_at(moves.back().data(), 120, 150);

  // Wheel: one VTK event per notch.
  int forward = 0, backward = 0;
  VtkEventRecorder f(iren, vtkCommand::MouseWheelForwardEvent, [&](void*) { ++forward; });
  VtkEventRecorder b(iren, vtkCommand::MouseWheelBackwardEvent, [&](void*) { ++backward; });
  auto wheel = [&](int delta) {
    const QPointF at(100, 100);
    QWheelEvent event(at, widget.mapToGlobal(at), QPoint(), QPoint(0, delta), Qt::NoButton, Qt::NoModifier,
                      Qt::NoScrollPhase, false);
    QApplication::sendEvent(&widget, &event);
  };
  wheel(120);
  wheel(60);  // half a notch (a touchpad): nothing yet
  EXPECT_EQ(forward, 1);
  wheel(60);  // completes the second notch
  wheel(-120);
  EXPECT_EQ(forward, 2);
  EXPECT_EQ(backward, 1);

  std::vector<std::string> syms;
  std::vector<char> codes;
  VtkEventRecorder key(iren, vtkCommand::KeyPressEvent, [&](void*) {
    syms.emplace_back(iren->GetKeySym() ? iren->GetKeySym() : "");
    codes.push_back(iren->GetKeyCode());
  });
  QTest::keyClick(&widget, Qt::Key_A);
  QTest::keyClick(&widget, Qt::Key_Left);
  ASSERT_EQ(syms.size(), 2u);
  EXPECT_EQ(syms[0], "a");
  EXPECT_EQ(codes[0], 'a');
  EXPECT_EQ(syms[1], "Left");
}

TEST(VtkWidget, VtkTimersFireThroughQtTimers) {
  views::VtkWidget widget;
  SphereScene scene(widget);
  widget.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&widget));
  auto* iren = widget.interactor();
  std::vector<int> fired;
  VtkEventRecorder timer(iren, vtkCommand::TimerEvent, [&](void* call) { fired.push_back(*static_cast<int*>(call)); });

  const int one_shot = iren->CreateOneShotTimer(10);
  const int repeating = iren->CreateRepeatingTimer(10);
  ASSERT_GT(one_shot, 0);
  ASSERT_GT(repeating, 0);
  QTest::qWait(300);
  const auto count = [&](int id) { return std::count(fired.begin(), fired.end(), id); };
  EXPECT_EQ(count(one_shot), 1) << "a one-shot timer fires exactly once";
  EXPECT_GE(count(repeating), 3) << "a 10 ms repeating timer fires many times in 300 ms";
  EXPECT_EQ(iren->DestroyTimer(repeating), 1);
  const auto after_destroy = count(repeating);
  QTest::qWait(100);
  EXPECT_EQ(count(repeating), after_destroy) << "a destroyed timer stays quiet";
}

TEST(VtkWidget, CameraRoundTripsAsNumbers) {
  views::VtkWidget widget;
  SphereScene scene(widget);
  widget.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&widget));
  views::CameraState state;
  state.position = {3.0, -2.0, 5.0};
  state.focal_point = {0.5, 0.25, -1.0};
  state.view_up = {0.0, 0.0, 1.0};  // not orthogonal to the view direction: set_camera fixes it
  state.view_angle = 40.0;
  state.parallel_scale = 2.5;
  state.parallel = true;
  widget.set_camera(state);
  const views::CameraState read = widget.camera();
  for (int i = 0; i < 3; ++i) {
    EXPECT_NEAR(read.position[i], state.position[i], 1e-12);
    EXPECT_NEAR(read.focal_point[i], state.focal_point[i], 1e-12);
  }
  double direction[3];
  scene.renderer->GetActiveCamera()->GetDirectionOfProjection(direction);
  const double dot = direction[0] * read.view_up[0] + direction[1] * read.view_up[1] + direction[2] * read.view_up[2];
  EXPECT_NEAR(dot, 0.0, 1e-9) << "view up orthogonalised";
  EXPECT_DOUBLE_EQ(read.view_angle, 40.0);
  EXPECT_DOUBLE_EQ(read.parallel_scale, 2.5);
  EXPECT_TRUE(read.parallel);

  const std::vector<double> numbers = read.to_numbers();
  ASSERT_EQ(numbers.size(), 13u);
  const auto back = views::CameraState::from_numbers(numbers);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->to_numbers(), numbers);
  EXPECT_FALSE(views::CameraState::from_numbers({1.0, 2.0, 3.0}).has_value());
  std::vector<double> broken = numbers;
  broken[4] = std::nan("");
  EXPECT_FALSE(views::CameraState::from_numbers(broken).has_value());
}

}  // namespace
}  // namespace ms
