// The job runner alone (app/gui/job_runner.cpp with Qt Core): jobs run on pool threads, their reports and endings
// arrive on the thread that owns the runner, cancellation and shutdown wait for the work. Small enough to be the
// ThreadSanitizer build's GUI-side subject (tests/sanitize/run.sh tsan).
#include "app/gui/job_runner.h"

#include <gtest/gtest.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QThread>
#include <QThreadPool>
#include <algorithm>
#include <atomic>
#include <map>
#include <stdexcept>
#include <thread>
#include <vector>

namespace ms::gui {
namespace {

// Runs the event loop until `done` or 60 s; false on timeout.
template <typename Done>
bool wait_until(Done done) {
  QElapsedTimer timer;
  timer.start();
  while (!done()) {
    if (timer.elapsed() > 60000) return false;
    QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
  }
  return true;
}

TEST(JobRunner, ManyJobsReportAndFinishOnTheOwningThread) {
  JobRunner runner;
  std::map<int, QString> errors;
  std::map<int, int> reports;
  bool every_signal_on_owner = true;
  QObject::connect(&runner, &JobRunner::progressed, [&](int id, double, const QString&) {
    every_signal_on_owner &= QThread::currentThread() == runner.thread();
    ++reports[id];
  });
  QObject::connect(&runner, &JobRunner::finished, [&](int id, const QString& error) {
    every_signal_on_owner &= QThread::currentThread() == runner.thread();
    errors[id] = error;
  });
  // Each job writes its own slice of a shared buffer; the owner reads it only after `finished`.
  constexpr int kJobs = 8, kSteps = 2000;
  std::vector<long> sums(kJobs, 0);
  std::vector<int> ids;
  for (int j = 0; j < kJobs; ++j)
    ids.push_back(runner.start(QString("job %1").arg(j), [&sums, j](Progress& progress, CancelToken&) {
      for (int step = 1; step <= kSteps; ++step) {
        sums[j] += step;
        progress.report(static_cast<double>(step) / kSteps, "step");
      }
      return Status(Ok{});
    }));
  ASSERT_TRUE(wait_until([&] { return errors.size() == kJobs; }));
  EXPECT_TRUE(every_signal_on_owner);
  EXPECT_EQ(runner.running_count(), 0);
  for (int j = 0; j < kJobs; ++j) {
    EXPECT_EQ(errors[ids[j]], "") << j;
    EXPECT_EQ(sums[j], long{kSteps} * (kSteps + 1) / 2) << j;
    EXPECT_GE(reports[ids[j]], 1) << "the final report (fraction 1) always arrives";
  }
}

TEST(JobRunner, CancelStopsAJobAndItEndsAsCancelled) {
  JobRunner runner;
  std::atomic<bool> running{false};
  QString error = "not finished";
  QObject::connect(&runner, &JobRunner::finished, [&](int, const QString& e) { error = e; });
  const int id = runner.start("endless", [&](Progress&, CancelToken& cancel) {
    running = true;
    while (!cancel.cancelled()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return Status(Ok{});
  });
  ASSERT_TRUE(wait_until([&] { return running.load(); }));
  EXPECT_TRUE(runner.running(id));
  runner.cancel(id);
  ASSERT_TRUE(wait_until([&] { return error != "not finished"; }));
  EXPECT_EQ(error, "cancelled");
  EXPECT_FALSE(runner.running(id));
}

TEST(JobRunner, AThrowingJobBecomesThatJobsError) {
  JobRunner runner;
  QString error;
  QObject::connect(&runner, &JobRunner::finished, [&](int, const QString& e) { error = e; });
  runner.start("throws", [](Progress&, CancelToken&) -> Status { throw std::runtime_error("disk on fire"); });
  ASSERT_TRUE(wait_until([&] { return !error.isEmpty(); }));
  EXPECT_EQ(error, "unexpected error: disk on fire");
}

TEST(JobRunner, DestroyingTheRunnerCancelsAndWaitsForEveryJob) {
  std::atomic<int> returned{0};
  {
    JobRunner runner;
    std::atomic<int> started{0};
    for (int j = 0; j < 3; ++j)
      runner.start("endless", [&](Progress& progress, CancelToken& cancel) {
        ++started;
        while (!cancel.cancelled()) progress.report(0.5, "waiting");
        ++returned;
        return Status(Ok{});
      });
    // The pool runs as many jobs at once as the machine has cores; the others wait their turn.
    const int at_once = std::min(3, QThreadPool::globalInstance()->maxThreadCount());
    ASSERT_TRUE(wait_until([&] { return started.load() == at_once; }));
  }
  EXPECT_EQ(returned.load(), 3);  // the destructor returned only after every job had, queued ones included
}

}  // namespace
}  // namespace ms::gui

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
