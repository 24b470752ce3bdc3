#include "app/cli/cli_progress.h"

#include <unistd.h>

#include <csignal>
#include <cstdio>

namespace ms::cli {
namespace {

std::string duration(double seconds) {
  char text[32];
  const int s = static_cast<int>(seconds + 0.5);
  if (s >= 3600) std::snprintf(text, sizeof text, "%dh%02dm", s / 3600, s / 60 % 60);
  else if (s >= 60) std::snprintf(text, sizeof text, "%dm%02ds", s / 60, s % 60);
  else std::snprintf(text, sizeof text, "%ds", s);
  return text;
}

CancelToken* interrupt_token = nullptr;

extern "C" void on_interrupt(int signal) {
  if (interrupt_token) interrupt_token->cancel();  // an atomic store: safe in a signal handler
  std::signal(signal, SIG_DFL);                     // a second Ctrl-C ends the process the usual way
  const char note[] = "\nmanifoldscope: cancelling after the current step (Ctrl-C again to kill)\n";
  [[maybe_unused]] auto written = write(STDERR_FILENO, note, sizeof note - 1);
}

}  // namespace

StderrProgress::StderrProgress()
    : start_(std::chrono::steady_clock::now()), last_(start_ - std::chrono::hours(1)), terminal_(isatty(STDERR_FILENO)) {}

StderrProgress::~StderrProgress() {
  if (dirty_line_) std::fputc('\n', stderr);
}

void StderrProgress::report(double fraction, const std::string& message) {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto now = std::chrono::steady_clock::now();
  const double since_last = std::chrono::duration<double>(now - last_).count();
  if (since_last < (terminal_ ? 0.5 : 2.0) && fraction < 1.0) return;
  last_ = now;
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  std::string eta = fraction > 0.01 && fraction < 1.0 ? "  ETA " + duration(elapsed * (1 - fraction) / fraction) : "";
  char head[16];
  std::snprintf(head, sizeof head, "[%3d%%] ", static_cast<int>(fraction * 100));
  std::string line = head + message + eta;
  if (terminal_) {
    if (line.size() > 118) line = line.substr(0, 115) + "...";
    std::fprintf(stderr, "\r%-118s", line.c_str());
    dirty_line_ = true;
  } else {
    std::fprintf(stderr, "%s\n", line.c_str());
  }
  std::fflush(stderr);
}

void StderrProgress::note(const std::string& message) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (dirty_line_) std::fputc('\n', stderr);
  dirty_line_ = false;
  std::fprintf(stderr, "%s\n", message.c_str());
  std::fflush(stderr);
}

CancelOnInterrupt::CancelOnInterrupt(CancelToken& token) {
  interrupt_token = &token;
  std::signal(SIGINT, on_interrupt);
  std::signal(SIGTERM, on_interrupt);
}

CancelOnInterrupt::~CancelOnInterrupt() {
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
  interrupt_token = nullptr;
}

}  // namespace ms::cli
