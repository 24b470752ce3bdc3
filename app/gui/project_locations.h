// Where the open project's checkpoints and datasets are now (store/locations.h), asking the user once per moved
// folder. An answer is a folder mapping (old folder -> new folder) kept for the session and announced by
// relocated(), so the main window saves it into the project: the next opening finds the files without asking, and
// other missing files under the same old folder follow the same mapping (one answer fixes a whole moved sweep).
// A cancelled question is not asked again for that folder until another project is opened.
#pragma once

#include <QObject>
#include <QString>
#include <memory>
#include <set>

#include "core/common/result.h"
#include "core/store/locations.h"
#include "core/store/project.h"

class QWidget;

namespace ms::gui {

class ProjectLocations : public QObject {
  Q_OBJECT
 public:
  explicit ProjectLocations(QObject* parent = nullptr);

  // The project and its file ("" when it has none: relative locations are then not tried). The project's stored
  // mappings join the session's.
  void set_project(std::shared_ptr<const store::Project> project, const QString& path);

  // A checkpoint's file, a dataset id's spec (its file part where it is now). With `parent`, a missing file is asked
  // for (views::ask_file); without, the error says what is missing.
  Result<std::string> checkpoint(const std::string& id, QWidget* parent);
  Result<std::string> dataset(const std::string& id, QWidget* parent);

  const store::Relocations& relocations() const { return relocations_; }

 Q_SIGNALS:
  void relocated(const QString& from, const QString& to);

 private:
  Result<std::string> resolve(const store::StoredLocation& stored, const QString& what, QWidget* parent);

  std::shared_ptr<const store::Project> project_;
  QString path_;
  std::string folder_;
  store::Relocations relocations_;
  std::set<std::string> refused_;  // old folders whose question was cancelled
};

// The project's ID dataset: the one the geometry was measured on, else the first unshifted one, else Fashion-MNIST.
std::string id_dataset(const store::Project& project);

}  // namespace ms::gui
