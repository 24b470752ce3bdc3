// The tabs that show the open project, each registered once (the main window's constructor) instead of being named
// in every place that hands a project around: a registered panel
//   - is added as a tab, and its message(text, error) signal goes to the window's log;
//   - gets every project the window shows (set_project);
//   - with a session key, owns that part of the saved session (save_state / restore_state, under the key);
//   - with Needs::checkpoint_files, computes from the checkpoint files: when the project has none (a results table)
//     it gets an empty project and its tab is disabled, its tooltip saying why.
// A panel: QWidget with set_project(std::shared_ptr<const store::Project>) and the message signal; session panels
// also QJsonObject save_state() const and restore_state(const QJsonObject&).
#pragma once

#include <QJsonObject>
#include <QString>
#include <QTabWidget>
#include <functional>
#include <memory>
#include <vector>

#include "core/store/project.h"

namespace ms::gui {

class ProjectTabs {
 public:
  enum class Needs { numbers, checkpoint_files };
  using Log = std::function<void(const QString& text, bool error)>;

  ProjectTabs(QTabWidget* tabs, Log log) : tabs_(tabs), log_(std::move(log)) {}

  // A tab with its part of the session under `session_key`.
  template <class Panel>
  void add(Panel* panel, const QString& title, const QString& session_key, Needs needs = Needs::numbers) {
    Entry& entry = add_tab(panel, title, needs);
    entry.session_key = session_key;
    entry.save = [panel] { return panel->save_state(); };
    entry.restore = [panel](const QJsonObject& state) { panel->restore_state(state); };
  }
  // A tab without session state.
  template <class Panel>
  void add(Panel* panel, const QString& title) {
    add_tab(panel, title, Needs::numbers);
  }

  // Every registered panel shows `project`; false when it has no checkpoint file (file panels are then disabled).
  bool set_project(const std::shared_ptr<const store::Project>& project);
  // Each session panel's state under its key in `session`; restore hands each its part (an absent key: {}).
  void save(QJsonObject& session) const;
  void restore(const QJsonObject& session) const;

 private:
  struct Entry {
    QWidget* panel;
    Needs needs;
    std::function<void(std::shared_ptr<const store::Project>)> set_project;
    QString session_key = {};
    std::function<QJsonObject()> save = {};
    std::function<void(const QJsonObject&)> restore = {};
  };

  template <class Panel>
  Entry& add_tab(Panel* panel, const QString& title, Needs needs) {
    tabs_->addTab(panel, title);
    QObject::connect(panel, &Panel::message, tabs_, [log = log_](const QString& text, bool error) { log(text, error); });
    entries_.push_back(
        {panel, needs, [panel](std::shared_ptr<const store::Project> project) { panel->set_project(std::move(project)); }});
    return entries_.back();
  }

  QTabWidget* tabs_;
  Log log_;
  std::vector<Entry> entries_;
};

}  // namespace ms::gui
