#include "app/gui/project_tabs.h"

#include <algorithm>

namespace ms::gui {

bool ProjectTabs::set_project(const std::shared_ptr<const store::Project>& project) {
  const bool files = std::any_of(project->checkpoints.begin(), project->checkpoints.end(),
                                 [](const store::CheckpointEntry& c) { return !c.path.empty(); });
  const auto empty = std::make_shared<const store::Project>();
  for (const Entry& entry : entries_) {
    const bool shown = files || entry.needs == Needs::numbers;
    entry.set_project(shown ? project : empty);
    if (entry.needs == Needs::numbers) continue;
    const int tab = tabs_->indexOf(entry.panel);
    tabs_->setTabEnabled(tab, shown);
    tabs_->setTabToolTip(tab, shown ? QString() : QObject::tr("Needs checkpoint files: a results table has none"));
  }
  return files;
}

void ProjectTabs::save(QJsonObject& session) const {
  for (const Entry& entry : entries_)
    if (entry.save) session[entry.session_key] = entry.save();
}

void ProjectTabs::restore(const QJsonObject& session) const {
  for (const Entry& entry : entries_)
    if (entry.restore) entry.restore(session[entry.session_key].toObject());
}

}  // namespace ms::gui
