// The project browser: checkpoints grouped by architecture (with their hyper-parameters and evaluations), the
// datasets with their shifts, and the analysed layers.
#pragma once

#include <QTreeWidget>
#include <memory>

#include "core/store/project.h"

namespace ms::gui {

class ProjectPanel : public QTreeWidget {
  Q_OBJECT
 public:
  explicit ProjectPanel(QWidget* parent = nullptr);
  void set_project(std::shared_ptr<const store::Project> project);
  int checkpoint_count() const;

 Q_SIGNALS:
  void checkpoint_selected(const QString& id);
};

}  // namespace ms::gui
