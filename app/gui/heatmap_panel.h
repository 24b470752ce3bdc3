// The correlation heat-map tab (the paper's Figure 3): Pearson r of ID markers (rows: the paper's markers, or all)
// read at a layer (penultimate by default) against every OOD target (columns; all checkpoints pooled or one
// architecture), or, in "by architecture" mode, against one target with one column per architecture. Save the
// picture (PNG at a scale) or the numbers (CSV).
//
// Clicking a cell changes nothing here; it emits cell_activated(marker, target, architecture) with the keys of
// ood_correlation.h (architecture "" = all) so the window can show that scatter. State: save_state()/restore_state()
// hold {"mode": "targets"|"architectures", "rows": "paper"|"all", "layer", "architecture", "target"}.
#pragma once

#include <QJsonObject>
#include <QString>

#include "app/gui/ood_correlation.h"
#include "app/gui/project_tab.h"

class QComboBox;

namespace ms::views {
class CorrelationHeatmapView;
}

namespace ms::gui {

// set_project, save_state, restore_state and message: ProjectTab's.
class HeatmapPanel : public ProjectTab {
  Q_OBJECT
 public:
  explicit HeatmapPanel(QWidget* parent = nullptr);

  // Setters by key; unknown keys change nothing.
  void select_by_architecture(bool by_architecture);
  void select_all_markers(bool all);  // false = the paper's markers
  void select_layer(const QString& layer);
  void select_architecture(const QString& architecture);  // pooled mode; "" = all
  void select_target(const QString& key);                 // by-architecture mode
  bool by_architecture() const;
  bool all_markers() const;
  QString layer() const;
  QString architecture() const;
  QString target() const;

  views::CorrelationHeatmapView* view() const { return view_; }
  // What the view shows and the keys behind its rows and columns.
  const OodHeatmap& heatmap() const { return heatmap_; }

 Q_SIGNALS:
  void cell_activated(const QString& marker, const QString& target, const QString& architecture);

 private:
  void fill_choices() override;
  QJsonObject state() const override;
  void apply_state(const QJsonObject& state) override;
  void refresh() override;

  OodHeatmap heatmap_;
  QComboBox* modes_;
  QComboBox* rows_;
  QComboBox* layers_;
  QComboBox* architectures_;
  QComboBox* targets_;
  views::CorrelationHeatmapView* view_;
};

}  // namespace ms::gui
