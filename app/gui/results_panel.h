// The results tab: the project's tidy table (one row per checkpoint x layer), sortable, exportable as CSV. A value
// that is missing or approximate (store/marker_notes.h: a NaN marker, a layer with unconverged GLUE solves) has an
// amber ground and says why in its tooltip.
#pragma once

#include "app/gui/project_tab.h"

class QTableWidget;

namespace ms::gui {

// set_project and message: ProjectTab's (no session state).
class ResultsPanel : public ProjectTab {
  Q_OBJECT
 public:
  explicit ResultsPanel(QWidget* parent = nullptr);
  QTableWidget* table() const { return table_; }

 private:
  void refresh() override;

  QTableWidget* table_;
};

}  // namespace ms::gui
