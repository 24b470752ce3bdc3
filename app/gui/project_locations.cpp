#include "app/gui/project_locations.h"

#include <QDir>
#include <QFileInfo>

#include "app/gui/project_profile.h"
#include "views/user_questions.h"

namespace ms::gui {

ProjectLocations::ProjectLocations(QObject* parent) : QObject(parent) {}

void ProjectLocations::set_project(std::shared_ptr<const store::Project> project, const QString& path) {
  if (path != path_) {
    relocations_.clear();
    refused_.clear();
  }
  project_ = std::move(project);
  path_ = path;
  folder_ = path.isEmpty() ? std::string() : QFileInfo(path).absoluteDir().absolutePath().toStdString();
  if (project_)
    for (const auto& [from, to] : project_->relocations) relocations_.emplace(from, to);  // the session's answers win
}

Result<std::string> ProjectLocations::checkpoint(const std::string& id, QWidget* parent) {
  if (!project_) return make_error("no project open");
  for (const auto& c : project_->checkpoints)
    if (c.id == id)
      return resolve({folder_.empty() ? std::string() : c.relative_path, c.path},
                     tr("checkpoint %1").arg(QString::fromStdString(id)), parent);
  return make_error("no checkpoint " + id + " in the project");
}

Result<std::string> ProjectLocations::dataset(const std::string& id, QWidget* parent) {
  if (!project_) return make_error("no project open");
  store::StoredLocation stored{std::string(), id};  // projects saved before locations: the id is the spec
  for (const auto& d : project_->datasets)
    if (d.id == id && !d.location.empty()) stored = {folder_.empty() ? std::string() : d.relative_location, d.location};
  return resolve(stored, tr("dataset %1").arg(QString::fromStdString(id)), parent);
}

Result<std::string> ProjectLocations::resolve(const store::StoredLocation& stored, const QString& what,
                                              QWidget* parent) {
  auto found = store::resolve_location(stored, folder_, relocations_);
  if (found || !parent) return found;
  const std::string absolute = store::absolute_location(stored.absolute.empty() ? stored.relative : stored.absolute,
                                                        folder_.empty() ? QDir::currentPath().toStdString() : folder_);
  const std::string missing = store::split_location(absolute).path;
  const std::string old_folder = store::relocation_for(missing, missing).first;
  if (refused_.count(old_folder))
    return make_error(found.error() + "; its new folder was not given");
  const QString name = QFileInfo(QString::fromStdString(missing)).fileName();
  const QString answer = views::ask_file(
      parent, {views::FileMode::Folder,
               tr("Where is %1 now? %2 is missing from %3: choose the folder that holds it now")
                   .arg(what, name, QString::fromStdString(old_folder)),
               QString::fromStdString(folder_), {}, {}});
  if (answer.isEmpty()) {
    refused_.insert(old_folder);
    return make_error(found.error() + "; the question for its new folder was cancelled");
  }
  const auto [from, to] = store::relocation_for(missing, answer.toStdString());
  store::Relocations tried = relocations_;
  tried[from] = to;
  auto again = store::resolve_location(stored, folder_, tried);
  if (!again) return make_error(found.error() + "; not in " + to + " either");
  relocations_ = std::move(tried);  // only a mapping that found the file is kept
  Q_EMIT relocated(QString::fromStdString(from), QString::fromStdString(to));
  return again;
}

std::string id_dataset(const store::Project& project) {
  std::string id = geometry_dataset(project);
  if (!id.empty()) return id;
  for (const auto& d : project.datasets)
    if (d.shift.empty()) return d.id;
  return "fashion-mnist:test";
}

}  // namespace ms::gui
