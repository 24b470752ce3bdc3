// The layer-profile tab: choose a marker, see it versus depth for every checkpoint of the project, save the picture
// (PNG at a scale) or the numbers (CSV).
#pragma once

#include <QJsonObject>
#include <QWidget>
#include <memory>

#include "core/store/project.h"

class QComboBox;
class QSpinBox;

namespace ms::views {
class LayerProfileView;
}

namespace ms::gui {

class ProfilePanel : public QWidget {
  Q_OBJECT
 public:
  explicit ProfilePanel(QWidget* parent = nullptr);

  void set_project(std::shared_ptr<const store::Project> project);
  void select_marker(const QString& marker);
  // "" = all architectures.
  void select_architecture(const QString& architecture);
  QString marker() const;
  // The session: marker and architecture (restore after set_project; unknown names keep the current choice).
  QJsonObject save_state() const;
  void restore_state(const QJsonObject& state);
  views::LayerProfileView* view() const { return view_; }

 Q_SIGNALS:
  void message(const QString& text, bool error);

 private:
  void redraw();
  void save_image();
  void save_data();

  std::shared_ptr<const store::Project> project_;
  QComboBox* markers_;
  QComboBox* architectures_;
  QSpinBox* scale_;
  views::LayerProfileView* view_;
};

}  // namespace ms::gui
