// Result<T>: a value or an error message, the way every core/ boundary reports failure.
// Errors name what went wrong and where (file, layer, class) so the CLI and GUI can show them verbatim.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace ms {

struct Error {
  std::string message;
  bool cancelled = false;  // the work was stopped by its CancelToken: not a failure to report
};

inline Error make_error(std::string message) { return Error{std::move(message)}; }

// The message of cancelled work, so the CLI and GUI say the same thing.
inline const std::string kCancelled = "cancelled";

// Work stopped by a CancelToken (progress.h). `what` names it ("GLUE", "training of run-3"): "GLUE cancelled";
// without it the message is kCancelled. Callers tell it from a failure by Result::cancelled(), not by the text.
inline Error make_cancelled(const std::string& what = {}) {
  return Error{what.empty() ? kCancelled : what + " " + kCancelled, true};
}

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}  // NOLINT: implicit by design, `return value;`
  Result(Error error) : state_(std::move(error)) {}  // NOLINT: implicit by design, `return make_error(...);`

  bool ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return ok(); }

  const T& value() const& { return std::get<T>(state_); }
  T& value() & { return std::get<T>(state_); }
  // By value, so `for (x : *make_result())` does not iterate a destroyed temporary.
  T value() && { return std::get<T>(std::move(state_)); }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  T operator*() && { return std::move(*this).value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

  const std::string& error() const { return std::get<Error>(state_).message; }
  // True for an error made by make_cancelled. make_error(other.error()) passes the text on but not the kind:
  // `return other.failure();` passes both.
  bool cancelled() const { return !ok() && std::get<Error>(state_).cancelled; }
  const Error& failure() const { return std::get<Error>(state_); }

 private:
  std::variant<T, Error> state_;
};

// For operations that return nothing but may fail.
struct Ok {};
using Status = Result<Ok>;

}  // namespace ms
