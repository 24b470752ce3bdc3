#include "views/vtk_event_translation.h"

#include <QEnterEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QWheelEvent>
#include <vtkCommand.h>
#include <vtkRenderWindowInteractor.h>

#include <cmath>

namespace ms::views {
namespace {

// One notch of a mouse wheel in Qt's eighths of a degree.
constexpr int kWheelStep = 120;

void set_position(vtkRenderWindowInteractor* iren, const QPointF& position, Qt::KeyboardModifiers modifiers,
                  double dpr, bool repeat) {
  const int x = static_cast<int>(std::floor(position.x() * dpr + 1e-5));
  const int y = static_cast<int>(std::floor(position.y() * dpr + 1e-5));
  iren->SetEventInformationFlipY(x, y, (modifiers & Qt::ControlModifier) ? 1 : 0,
                                 (modifiers & Qt::ShiftModifier) ? 1 : 0, 0, repeat ? 1 : 0);
  iren->SetAltKey((modifiers & Qt::AltModifier) ? 1 : 0);
}

unsigned long button_event(QEvent::Type type, Qt::MouseButton button) {
  const int column = type == QEvent::MouseButtonPress ? 0 : type == QEvent::MouseButtonRelease ? 1 : 2;
  static const unsigned long left[3] = {vtkCommand::LeftButtonPressEvent, vtkCommand::LeftButtonReleaseEvent,
                                        vtkCommand::LeftButtonDoubleClickEvent};
  static const unsigned long middle[3] = {vtkCommand::MiddleButtonPressEvent, vtkCommand::MiddleButtonReleaseEvent,
                                          vtkCommand::MiddleButtonDoubleClickEvent};
  static const unsigned long right[3] = {vtkCommand::RightButtonPressEvent, vtkCommand::RightButtonReleaseEvent,
                                         vtkCommand::RightButtonDoubleClickEvent};
  switch (button) {
    case Qt::LeftButton: return left[column];
    case Qt::MiddleButton: return middle[column];
    case Qt::RightButton: return right[column];
    default: return vtkCommand::NoEvent;
  }
}

// X11 keysym names, which VTK's interactor styles compare against.
const char* key_sym(const QKeyEvent* key) {
  switch (key->key()) {
    case Qt::Key_Left: return "Left";
    case Qt::Key_Right: return "Right";
    case Qt::Key_Up: return "Up";
    case Qt::Key_Down: return "Down";
    case Qt::Key_Return: return "Return";
    case Qt::Key_Enter: return "KP_Enter";
    case Qt::Key_Escape: return "Escape";
    case Qt::Key_Tab: return "Tab";
    case Qt::Key_Backspace: return "BackSpace";
    case Qt::Key_Delete: return "Delete";
    case Qt::Key_Insert: return "Insert";
    case Qt::Key_Home: return "Home";
    case Qt::Key_End: return "End";
    case Qt::Key_PageUp: return "Prior";
    case Qt::Key_PageDown: return "Next";
    case Qt::Key_Shift: return "Shift_L";
    case Qt::Key_Control: return "Control_L";
    case Qt::Key_Alt: return "Alt_L";
    case Qt::Key_Space: return "space";
    case Qt::Key_Plus: return "plus";
    case Qt::Key_Minus: return "minus";
    case Qt::Key_Equal: return "equal";
    case Qt::Key_Comma: return "comma";
    case Qt::Key_Period: return "period";
    case Qt::Key_Slash: return "slash";
    default: break;
  }
  if (key->key() >= Qt::Key_F1 && key->key() <= Qt::Key_F12) {
    static const char* f[12] = {"F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9", "F10", "F11", "F12"};
    return f[key->key() - Qt::Key_F1];
  }
  return nullptr;
}

bool forward_key(QKeyEvent* key, vtkRenderWindowInteractor* iren) {
  const QString text = key->text();
  const char ascii = text.size() == 1 && text[0].unicode() < 128 ? static_cast<char>(text[0].unicode()) : 0;
  // Letters and digits are their own keysym; other keys use the X11 names above.
  char own_sym[2] = {ascii, 0};
  const bool alnum = (ascii >= 'a' && ascii <= 'z') || (ascii >= 'A' && ascii <= 'Z') || (ascii >= '0' && ascii <= '9');
  const char* sym = alnum ? own_sym : key_sym(key);
  iren->SetKeyEventInformation((key->modifiers() & Qt::ControlModifier) ? 1 : 0,
                               (key->modifiers() & Qt::ShiftModifier) ? 1 : 0, ascii, key->isAutoRepeat() ? 1 : 0,
                               sym ? sym : "None");
  iren->SetAltKey((key->modifiers() & Qt::AltModifier) ? 1 : 0);
  if (key->type() == QEvent::KeyPress) {
    iren->InvokeEvent(vtkCommand::KeyPressEvent, key);
    if (ascii) iren->InvokeEvent(vtkCommand::CharEvent, key);
  } else {
    iren->InvokeEvent(vtkCommand::KeyReleaseEvent, key);
  }
  return true;
}

}  // namespace

bool forward_event_to_vtk(QEvent* event, vtkRenderWindowInteractor* iren, double dpr, int& wheel_accumulator) {
  if (!event || !iren || !iren->GetEnabled()) return false;
  switch (event->type()) {
    case QEvent::MouseButtonPress:
    case QEvent::MouseButtonRelease:
    case QEvent::MouseButtonDblClick: {
      auto* mouse = static_cast<QMouseEvent*>(event);
      const unsigned long id = button_event(event->type(), mouse->button());
      if (id == vtkCommand::NoEvent) return false;
      set_position(iren, mouse->position(), mouse->modifiers(), dpr, event->type() == QEvent::MouseButtonDblClick);
      iren->InvokeEvent(id, mouse);
      return true;
    }
    case QEvent::MouseMove: {
      auto* mouse = static_cast<QMouseEvent*>(event);
      set_position(iren, mouse->position(), mouse->modifiers(), dpr, false);
      iren->InvokeEvent(vtkCommand::MouseMoveEvent, mouse);
      return true;
    }
    case QEvent::Wheel: {
      auto* wheel = static_cast<QWheelEvent*>(event);
      set_position(iren, wheel->position(), wheel->modifiers(), dpr, false);
      wheel_accumulator += wheel->angleDelta().y();
      // One VTK wheel event per full notch; partial touchpad deltas add up until they make one.
      while (wheel_accumulator >= kWheelStep) {
        iren->InvokeEvent(vtkCommand::MouseWheelForwardEvent, wheel);
        wheel_accumulator -= kWheelStep;
      }
      while (wheel_accumulator <= -kWheelStep) {
        iren->InvokeEvent(vtkCommand::MouseWheelBackwardEvent, wheel);
        wheel_accumulator += kWheelStep;
      }
      return true;
    }
    case QEvent::KeyPress:
    case QEvent::KeyRelease:
      return forward_key(static_cast<QKeyEvent*>(event), iren);
    case QEvent::Enter: {
      auto* enter = static_cast<QEnterEvent*>(event);
      set_position(iren, enter->position(), enter->modifiers(), dpr, false);
      iren->InvokeEvent(vtkCommand::EnterEvent, enter);
      return true;
    }
    case QEvent::Leave:
      iren->InvokeEvent(vtkCommand::LeaveEvent, event);
      return true;
    default:
      return false;
  }
}

}  // namespace ms::views
