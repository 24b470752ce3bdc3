#include "app/gui/combo_keys.h"

#include <QComboBox>
#include <QSignalBlocker>

#include "core/store/marker_catalogue.h"

namespace ms::gui {

void refill(QComboBox* combo, const ComboItems& items, const QString& fallback) {
  const QVariant previous = combo->currentData();
  QSignalBlocker block(combo);
  combo->clear();
  for (const auto& [text, key] : items) combo->addItem(text, key);
  int keep = previous.isValid() ? combo->findData(previous) : -1;
  if (keep < 0 && !fallback.isEmpty()) keep = combo->findData(fallback);
  combo->setCurrentIndex(keep >= 0 ? keep : 0);
}

void describe_markers(QComboBox* combo) {
  for (int i = 0; i < combo->count(); ++i) {
    const QVariant key = combo->itemData(i);
    const std::string name = (key.isValid() ? key.toString() : combo->itemText(i)).toStdString();
    const std::string description = store::marker_description(name);
    if (!description.empty()) combo->setItemData(i, QString::fromStdString(description), Qt::ToolTipRole);
  }
}

void select_key(QComboBox* combo, const QString& key) {
  const int index = combo->findData(key);
  if (index >= 0) combo->setCurrentIndex(index);
}

void select_keys(const QJsonObject& state, std::initializer_list<std::pair<const char*, QComboBox*>> fields) {
  for (const auto& [name, combo] : fields) {
    if (!state.contains(name)) continue;
    QSignalBlocker block(combo);
    select_key(combo, state.value(name).toString());
  }
}

}  // namespace ms::gui
