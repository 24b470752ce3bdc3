#include "app/gui/job_runner.h"

#include <QMetaObject>
#include <QRunnable>
#include <QThreadPool>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <utility>
#include <vector>
#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#if defined(__SANITIZE_THREAD__)
#define MS_THREAD_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define MS_THREAD_SANITIZER 1
#endif
#endif
#ifdef MS_THREAD_SANITIZER
#include <sanitizer/tsan_interface.h>
#endif

namespace ms::gui {

namespace {

// The task object crosses to a pool thread inside QThreadPool, whose locking the sanitizer cannot see: these mark
// that one hand-off (no-ops in other builds).
void hand_over(void* object) {
#ifdef MS_THREAD_SANITIZER
  __tsan_release(object);
#else
  (void)object;
#endif
}
void take_over(void* object) {
#ifdef MS_THREAD_SANITIZER
  __tsan_acquire(object);
#else
  (void)object;
#endif
}

struct Report {
  enum class Kind { progress, note, finished } kind;
  int id;
  double fraction;
  std::string text;  // the message, or the error ("" = success)
};

}  // namespace

struct JobRunner::Mailbox {
  // Queues a report and, when none is waiting yet, asks the owner thread to deliver (one queued call per batch).
  void post(JobRunner* runner, Report report) {
    bool wake = false;
    {
      std::lock_guard<std::mutex> lock(mutex);
      reports.push_back(std::move(report));
      wake = !wake_posted;
      wake_posted = true;
    }
    // No payload in the event: the reports stay in `reports`, handed over under `mutex`.
    if (wake) QMetaObject::invokeMethod(runner, "deliver_reports", Qt::QueuedConnection);
  }
  std::vector<Report> take() {
    std::lock_guard<std::mutex> lock(mutex);
    wake_posted = false;
    return std::exchange(reports, {});
  }
  void task_started() {
    std::lock_guard<std::mutex> lock(mutex);
    ++active;
  }
  void task_returned() {
    std::lock_guard<std::mutex> lock(mutex);
    if (--active == 0) idle.notify_all();
  }
  void wait_until_idle() {
    std::unique_lock<std::mutex> lock(mutex);
    idle.wait(lock, [this] { return active == 0; });
  }

  std::mutex mutex;
  std::condition_variable idle;
  int active = 0;  // tasks handed to the pool that have not returned yet (queued ones included)
  std::vector<Report> reports;
  bool wake_posted = false;
};

namespace {

// Forwards reports to the owner thread, at most 4 per second (a job may report per batch or per sample; each shown
// report repaints the window, which software OpenGL composes in full).
class MailboxProgress final : public Progress {
 public:
  MailboxProgress(JobRunner* runner, JobRunner::Mailbox* mailbox, int id)
      : runner_(runner), mailbox_(mailbox), id_(id) {}
  void report(double fraction, const std::string& message) override {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      const auto now = std::chrono::steady_clock::now();
      if (now - last_ < std::chrono::milliseconds(250) && fraction < 1.0) return;
      last_ = now;
    }
    mailbox_->post(runner_, {Report::Kind::progress, id_, fraction, message});
  }
  void note(const std::string& message) override { mailbox_->post(runner_, {Report::Kind::note, id_, 0.0, message}); }

 private:
  JobRunner* runner_;
  JobRunner::Mailbox* mailbox_;
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

// Runs the work and returns its ending as the finished signal carries it: "", kCancelled or the error.
std::string run_work(const JobRunner::Work& work, Progress& progress, CancelToken& cancel) {
  try {
    Status status = work(progress, cancel);
    if (cancel.cancelled() || status.cancelled()) return kCancelled;
    return status.ok() ? std::string() : status.error();
  } catch (const std::exception& e) {  // a library threw: report it as this job's error, never crash
    return std::string("unexpected error: ") + e.what();
  }
}

class JobTask final : public QRunnable {
 public:
  JobTask(JobRunner* runner, JobRunner::Mailbox* mailbox, int id, std::shared_ptr<CancelToken> cancel,
          JobRunner::Work work)
      : runner_(runner), mailbox_(mailbox), id_(id), cancel_(std::move(cancel)), work_(std::move(work)) {}

  void run() override {
    take_over(this);
    lower_this_thread_priority();
    MailboxProgress progress(runner_, mailbox_, id_);
    std::string ending = run_work(work_, progress, *cancel_);
    mailbox_->post(runner_, {Report::Kind::finished, id_, 1.0, std::move(ending)});
    mailbox_->task_returned();  // the last touch of the runner: it may be destroyed from here on
  }

 private:
  JobRunner* runner_;
  JobRunner::Mailbox* mailbox_;
  int id_;
  std::shared_ptr<CancelToken> cancel_;
  JobRunner::Work work_;
};

}  // namespace

JobRunner::JobRunner(QObject* parent) : QObject(parent), mailbox_(std::make_unique<Mailbox>()) {}

JobRunner::~JobRunner() { cancel_all_and_wait(); }

int JobRunner::start(const QString& title, Work work) {
  const int id = next_id_++;
  auto cancel = std::make_shared<CancelToken>();
  jobs_[id] = cancel;
  Q_EMIT started(id, title);
  auto* task = new JobTask(this, mailbox_.get(), id, std::move(cancel), std::move(work));  // the pool deletes it
  mailbox_->task_started();
  hand_over(task);
  QThreadPool::globalInstance()->start(task);
  return id;
}

void JobRunner::deliver_reports() {
  for (Report& report : mailbox_->take()) {
    const QString text = QString::fromStdString(report.text);
    switch (report.kind) {
      case Report::Kind::progress: Q_EMIT progressed(report.id, report.fraction, text); break;
      case Report::Kind::note: Q_EMIT noted(report.id, text); break;
      case Report::Kind::finished:
        jobs_.erase(report.id);
        Q_EMIT finished(report.id, text);
        break;
    }
  }
}

void JobRunner::cancel(int id) {
  if (auto it = jobs_.find(id); it != jobs_.end()) it->second->cancel();
}

bool JobRunner::running(int id) const { return jobs_.count(id) > 0; }

int JobRunner::running_count() const { return static_cast<int>(jobs_.size()); }

void JobRunner::cancel_all_and_wait() {
  for (auto& [id, cancel] : jobs_) cancel->cancel();
  mailbox_->wait_until_idle();
}

}  // namespace ms::gui
