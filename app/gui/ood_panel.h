// The marker-versus-OOD tab: choose an ID marker, the layer it is read at (penultimate by default), an OOD target
// (mean OOD accuracy by default), what colours the points (a hyper-parameter or the architecture) and which
// architecture (all or one); see one point per checkpoint with the fit and r, p, rho, CI, n (ood_correlation.h);
// save the picture (PNG at a scale) or the numbers (CSV).
//
// Selection: clicking a point emits checkpoint_selected(id); select_checkpoint(id) rings that checkpoint's point
// (kept across redraws while it is shown). State: save_state()/restore_state() hold the combo choices as keys
// {"marker", "layer", "target", "colour_by", "architecture"}; choices the project does not offer are ignored.
#pragma once

#include <QJsonObject>
#include <QString>

#include "app/gui/project_tab.h"
#include "views/plot_data.h"

class QComboBox;

namespace ms::views {
class MarkerScatterView;
}

namespace ms::gui {

// set_project, save_state, restore_state and message: ProjectTab's.
class OodPanel : public ProjectTab {
  Q_OBJECT
 public:
  explicit OodPanel(QWidget* parent = nullptr);

  // "" or an id not shown: no highlight.
  void select_checkpoint(const QString& id);
  QString selected_checkpoint() const { return selected_; }

  // Setters by key (ood_correlation.h names); unknown keys change nothing.
  void select_marker(const QString& marker);
  void select_layer(const QString& layer);            // "penultimate" or a layer name
  void select_target(const QString& key);             // "mean_ood_accuracy", "acc_fog:3", ...
  void select_colour_by(const QString& key);          // "" = one colour, "architecture", a hyper-parameter key
  void select_architecture(const QString& architecture);  // "" = all
  QString marker() const;
  QString layer() const;
  QString target() const;
  QString colour_by() const;
  QString architecture() const;

  views::MarkerScatterView* view() const { return view_; }
  // What the view shows (points, statistics).
  const views::ScatterData& scatter() const;

 Q_SIGNALS:
  void checkpoint_selected(const QString& id);

 private:
  void fill_choices() override;
  QJsonObject state() const override;
  void apply_state(const QJsonObject& state) override;
  void refresh() override;

  QString selected_;
  QComboBox* markers_;
  QComboBox* layers_;
  QComboBox* targets_;
  QComboBox* colours_;
  QComboBox* architectures_;
  views::MarkerScatterView* view_;
};

}  // namespace ms::gui
