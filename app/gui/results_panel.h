// The results tab: the project's tidy table (one row per checkpoint x layer), sortable, exportable as CSV. A value
// that is missing or approximate (store/marker_notes.h: a NaN marker, a layer with unconverged GLUE solves) has an
// amber ground and says why in its tooltip.
#pragma once

#include <QWidget>
#include <memory>

#include "core/store/project.h"

class QTableWidget;

namespace ms::gui {

class ResultsPanel : public QWidget {
  Q_OBJECT
 public:
  explicit ResultsPanel(QWidget* parent = nullptr);
  void set_project(std::shared_ptr<const store::Project> project);
  QTableWidget* table() const { return table_; }

 Q_SIGNALS:
  void message(const QString& text, bool error);

 private:
  std::shared_ptr<const store::Project> project_;
  QTableWidget* table_;
};

}  // namespace ms::gui
