// The choices the marker panels (Marker vs OOD, Correlations, Model Selection, Layer Profile) offer from a project:
// their combo boxes' (text, key) items, with the keys of ood_correlation.h, and the labelled place of such a combo
// box in a panel's control row.
#pragma once

#include <QString>
#include <string>
#include <vector>

#include "app/gui/combo_keys.h"
#include "core/store/project.h"

class QComboBox;
class QHBoxLayout;

namespace ms::gui {

// Each name as both text and key.
ComboItems named_items(const std::vector<std::string>& names);
// The layers markers are read at (marker_layers): "penultimate" first, then every analysed layer.
ComboItems layer_items(const store::Project& project);
// The OOD targets (ood_targets): their labels, keyed "mean_ood_accuracy", "acc_fog:3", ...
ComboItems target_items(const store::Project& project);
// "All architectures" (key "") first, then each architecture.
ComboItems architecture_items(const store::Project& project);

// Adds `label` (none when empty) and `combo` to `row`; the combo box is sized by `characters`, not by its longest
// item, so the tab fits beside the docks.
void add_choice(QHBoxLayout* row, const QString& label, QComboBox* combo, int characters = 12);

}  // namespace ms::gui
