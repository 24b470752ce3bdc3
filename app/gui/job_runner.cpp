#include "app/gui/job_runner.h"

#include <QFuture>
#include <QMetaObject>
#include <QPointer>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>
#include <chrono>
#include <mutex>
#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace ms::gui {

struct JobRunner::Job {
  QString title;
  CancelToken cancel;
  QFuture<void> future;
};

namespace {

// Forwards reports to the GUI thread, at most 4 per second (a job may report per batch or per sample; each shown
// report repaints the window, which software OpenGL composes in full).
class SignalProgress final : public Progress {
 public:
  SignalProgress(JobRunner* runner, int id) : runner_(runner), id_(id) {}
  void report(double fraction, const std::string& message) override {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(250) && fraction < 1.0) return;
    last_ = now;
    QMetaObject::invokeMethod(runner_, "progressed", Qt::QueuedConnection, Q_ARG(int, id_), Q_ARG(double, fraction),
                              Q_ARG(QString, QString::fromStdString(message)));
  }
  void note(const std::string& message) override {
    QMetaObject::invokeMethod(runner_, "noted", Qt::QueuedConnection, Q_ARG(int, id_),
                              Q_ARG(QString, QString::fromStdString(message)));
  }

 private:
  JobRunner* runner_;
  int id_;
  std::mutex mutex_;
  std::chrono::steady_clock::time_point last_{};
};

// Computation yields to the GUI on a busy machine: each pool thread lowers its own scheduling priority once (on Linux
// niceness is per thread, and threads a job starts — GLUE workers, LibTorch's pool — inherit it).
void lower_this_thread_priority() {
#ifdef __linux__
  thread_local bool lowered = false;
  if (lowered) return;
  lowered = true;
  setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), 10);
#endif
}

}  // namespace

JobRunner::JobRunner(QObject* parent) : QObject(parent) {}

JobRunner::~JobRunner() { cancel_all_and_wait(); }

int JobRunner::start(const QString& title, Work work) {
  const int id = next_id_++;
  auto job = std::make_shared<Job>();
  job->title = title;
  jobs_[id] = job;
  Q_EMIT started(id, title);
  job->future = QtConcurrent::run([this, id, job, work = std::move(work)] {
    lower_this_thread_priority();
    SignalProgress progress(this, id);
    QString error;
    try {
      Status status = work(progress, job->cancel);
      if (job->cancel.cancelled() || status.cancelled()) error = QString::fromStdString(kCancelled);
      else if (!status.ok()) error = QString::fromStdString(status.error());
    } catch (const std::exception& e) {  // a library threw: report it as this job's error, never crash
      error = QString("unexpected error: ") + e.what();
    }
    QMetaObject::invokeMethod(this, [this, id, error] {
      jobs_.erase(id);
      Q_EMIT finished(id, error);
    }, Qt::QueuedConnection);
  });
  return id;
}

void JobRunner::cancel(int id) {
  if (auto it = jobs_.find(id); it != jobs_.end()) it->second->cancel.cancel();
}

bool JobRunner::running(int id) const { return jobs_.count(id) > 0; }

int JobRunner::running_count() const { return static_cast<int>(jobs_.size()); }

void JobRunner::cancel_all_and_wait() {
  for (auto& [id, job] : jobs_) job->cancel.cancel();
  for (auto& [id, job] : jobs_) job->future.waitForFinished();
}

}  // namespace ms::gui
