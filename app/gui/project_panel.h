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
  // Highlights and reveals a checkpoint chosen elsewhere (no checkpoint_selected echo); kept across reloads.
  void select_checkpoint(const QString& id);

 Q_SIGNALS:
  void checkpoint_selected(const QString& id);

 private:
  QString selected_;
};

}  // namespace ms::gui
