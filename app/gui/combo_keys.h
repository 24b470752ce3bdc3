// Combo boxes whose items carry a key (item data) as well as a text: refilling them without losing the choice,
// choosing by key, and restoring several from a saved panel state.
#pragma once

#include <QJsonObject>
#include <QString>
#include <initializer_list>
#include <utility>
#include <vector>

class QComboBox;

namespace ms::gui {

// A combo box's items: (text shown, key).
using ComboItems = std::vector<std::pair<QString, QString>>;

// Refills `combo` with (text, key) items, keeping the current key when it is still offered, else `fallback`'s item,
// else the first. Emits no signal.
void refill(QComboBox* combo, const ComboItems& items, const QString& fallback = {});

// Gives every item whose key (or, without one, text) is a catalogued marker its description as a tooltip
// (store::marker_description: "D_eff: GLUE effective dimension: …").
void describe_markers(QComboBox* combo);

// Chooses the item with `key`; nothing happens when no item has it.
void select_key(QComboBox* combo, const QString& key);

// For each (name, combo) whose name `state` holds, chooses that key, without signals (the caller redraws once).
void select_keys(const QJsonObject& state, std::initializer_list<std::pair<const char*, QComboBox*>> fields);

}  // namespace ms::gui
