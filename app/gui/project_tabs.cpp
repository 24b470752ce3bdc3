#include "app/gui/project_tabs.h"

#include <algorithm>

namespace ms::gui {

void ProjectTabs::add(ProjectTab* panel, const QString& title, const QString& session_key, Needs needs) {
  tabs_->addTab(panel, title);
  QObject::connect(panel, &ProjectTab::message, tabs_,
                   [log = log_](const QString& text, bool error) { log(text, error); });
  entries_.push_back({panel, session_key, needs});
}

bool ProjectTabs::set_project(const std::shared_ptr<const store::Project>& project) {
  const bool files = std::any_of(project->checkpoints.begin(), project->checkpoints.end(),
                                 [](const store::CheckpointEntry& c) { return !c.path.empty(); });
  const auto empty = std::make_shared<const store::Project>();
  for (const Entry& entry : entries_) {
    const bool shown = files || entry.needs == Needs::numbers;
    entry.panel->set_project(shown ? project : empty);
    if (entry.needs == Needs::numbers) continue;
    const int tab = tabs_->indexOf(entry.panel);
    tabs_->setTabEnabled(tab, shown);
    tabs_->setTabToolTip(tab, shown ? QString() : QObject::tr("Needs checkpoint files: a results table has none"));
  }
  return files;
}

void ProjectTabs::save(QJsonObject& session) const {
  for (const Entry& entry : entries_)
    if (!entry.session_key.isEmpty()) session[entry.session_key] = entry.panel->save_state();
}

void ProjectTabs::restore(const QJsonObject& session) const {
  for (const Entry& entry : entries_)
    if (!entry.session_key.isEmpty()) entry.panel->restore_state(session[entry.session_key].toObject());
}

}  // namespace ms::gui
