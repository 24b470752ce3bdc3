// Runs core jobs on worker threads and turns their Progress reports into queued Qt signals, so the GUI thread never
// waits on computation. Each job has an id, a title, a CancelToken, and ends with finished(id, error or "").
#pragma once

#include <QObject>
#include <QString>
#include <functional>
#include <map>
#include <memory>

#include "core/common/progress.h"
#include "core/common/result.h"

namespace ms::gui {

class JobRunner : public QObject {
  Q_OBJECT
 public:
  using Work = std::function<Status(Progress&, CancelToken&)>;

  explicit JobRunner(QObject* parent = nullptr);
  ~JobRunner() override;  // cancels running jobs and waits for them

  // Starts `work` on the thread pool and returns its id at once.
  int start(const QString& title, Work work);
  void cancel(int id);
  bool running(int id) const;
  int running_count() const;
  // Cancels everything and blocks until all jobs have returned (for shutdown).
  void cancel_all_and_wait();

 Q_SIGNALS:
  void started(int id, const QString& title);
  void progressed(int id, double fraction, const QString& message);
  void noted(int id, const QString& message);  // Progress::note: a message for the log
  void finished(int id, const QString& error);  // error empty on success; kCancelled (result.h) when cancelled

 private:
  struct Job;
  std::map<int, std::shared_ptr<Job>> jobs_;
  int next_id_ = 1;
};

}  // namespace ms::gui
