// The layer-profile tab: choose a marker, see it versus depth for every checkpoint of the project, save the picture
// (PNG at a scale) or the numbers (CSV).
// The session: marker and architecture (unknown names keep the current choice).
#pragma once

#include <QJsonObject>
#include <QString>

#include "app/gui/project_tab.h"

class QComboBox;

namespace ms::views {
class LayerProfileView;
}

namespace ms::gui {

// set_project, save_state, restore_state and message: ProjectTab's.
class ProfilePanel : public ProjectTab {
  Q_OBJECT
 public:
  explicit ProfilePanel(QWidget* parent = nullptr);

  void select_marker(const QString& marker);
  // "" = all architectures.
  void select_architecture(const QString& architecture);
  QString marker() const;
  views::LayerProfileView* view() const { return view_; }

 private:
  void fill_choices() override;
  QJsonObject state() const override;
  void apply_state(const QJsonObject& state) override;
  void refresh() override;

  QComboBox* markers_;
  QComboBox* architectures_;
  views::LayerProfileView* view_;
};

}  // namespace ms::gui
