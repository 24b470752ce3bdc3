// The tabs that show the open project, each registered once (the main window's constructor) instead of being named
// in every place that hands a project around: a registered panel
//   - is added as a tab, and its message(text, error) signal goes to the window's log;
//   - gets every project the window shows (set_project);
//   - with a session key, owns that part of the saved session (save_state / restore_state, under the key);
//   - with Needs::checkpoint_files, computes from the checkpoint files: when the project has none (a results table)
//     it gets an empty project and its tab is disabled, its tooltip saying why.
// A panel is a ProjectTab (project_tab.h).
#pragma once

#include <QJsonObject>
#include <QString>
#include <QTabWidget>
#include <functional>
#include <memory>
#include <vector>

#include "app/gui/project_tab.h"
#include "core/store/project.h"

namespace ms::gui {

class ProjectTabs {
 public:
  enum class Needs { numbers, checkpoint_files };
  using Log = std::function<void(const QString& text, bool error)>;

  ProjectTabs(QTabWidget* tabs, Log log) : tabs_(tabs), log_(std::move(log)) {}

  // A tab; with a `session_key`, its part of the session is saved and restored under that key ("": none).
  void add(ProjectTab* panel, const QString& title, const QString& session_key = {}, Needs needs = Needs::numbers);

  // Every registered panel shows `project`; false when it has no checkpoint file (file panels are then disabled).
  bool set_project(const std::shared_ptr<const store::Project>& project);
  // Each session panel's state under its key in `session`; restore hands each its part (an absent key: {}).
  void save(QJsonObject& session) const;
  void restore(const QJsonObject& session) const;

 private:
  struct Entry {
    ProjectTab* panel;
    QString session_key;
    Needs needs;
  };

  QTabWidget* tabs_;
  Log log_;
  std::vector<Entry> entries_;
};

}  // namespace ms::gui
