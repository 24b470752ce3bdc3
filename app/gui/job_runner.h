// Runs core jobs on worker threads and turns their Progress reports into queued Qt signals, so the GUI thread never
// waits on computation. Each job has an id, a title, a CancelToken, and ends with finished(id, error or "").
//
// Threads: jobs run on QThreadPool::globalInstance() (as many at once as it allows; the others wait their turn).
// Reports travel back through a std::mutex-guarded queue that the owner thread drains, never as Qt event payloads,
// so every hand-off between threads is one ThreadSanitizer can see (tests/sanitize/run.sh tsan): Debian's Qt is not
// instrumented and its QMutex waits on a futex, invisible to the sanitizer.
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
  ~JobRunner() override;  // cancels running and queued jobs and waits for them

  // Starts `work` on the thread pool and returns its id at once.
  int start(const QString& title, Work work);
  void cancel(int id);
  bool running(int id) const;
  int running_count() const;
  // Cancels everything and blocks until all jobs have returned (for shutdown).
  void cancel_all_and_wait();

  struct Mailbox;  // what the workers hand to the owner thread (job_runner.cpp)

 Q_SIGNALS:
  void started(int id, const QString& title);
  void progressed(int id, double fraction, const QString& message);
  void noted(int id, const QString& message);  // Progress::note: a message for the log
  void finished(int id, const QString& error);  // error empty on success; kCancelled (result.h) when cancelled

 private:
  // Emits the signals for every report the workers have left (queued to the owner thread by the workers).
  Q_INVOKABLE void deliver_reports();

  std::map<int, std::shared_ptr<CancelToken>> jobs_;  // running or queued, by id
  std::unique_ptr<Mailbox> mailbox_;
  int next_id_ = 1;
};

}  // namespace ms::gui
