#include "app/gui/project_choices.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QObject>

#include "app/gui/ood_correlation.h"
#include "app/gui/project_profile.h"

namespace ms::gui {
namespace {

QString q(const std::string& text) { return QString::fromStdString(text); }

}  // namespace

ComboItems named_items(const std::vector<std::string>& names) {
  ComboItems items;
  for (const auto& name : names) items.emplace_back(q(name), q(name));
  return items;
}

ComboItems layer_items(const store::Project& project) {
  ComboItems items;
  for (const auto& name : marker_layers(project))
    items.emplace_back(name == kPenultimateLayer ? QObject::tr("penultimate") : q(name), q(name));
  return items;
}

ComboItems target_items(const store::Project& project) {
  ComboItems items;
  for (const auto& target : ood_targets(project)) items.emplace_back(q(target.label), q(target.key));
  return items;
}

ComboItems architecture_items(const store::Project& project) {
  ComboItems items = named_items(architectures(project));
  items.insert(items.begin(), {QObject::tr("All architectures"), QString()});
  return items;
}

void add_choice(QHBoxLayout* row, const QString& label, QComboBox* combo, int characters) {
  if (!label.isEmpty()) row->addWidget(new QLabel(label));
  row->addWidget(combo);
  combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  combo->setMinimumContentsLength(characters);
}

}  // namespace ms::gui
