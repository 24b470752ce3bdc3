#include "core/cluster/mpi_analyse.h"

#include <mpi.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <mutex>
#include <optional>
#include <thread>

#include "core/pipeline/analyse_job.h"
#include "core/store/project_merge.h"

namespace fs = std::filesystem;

namespace ms::cluster {
namespace {

using pipeline::AnalyseOptions;
using pipeline::AnalyseSummary;

enum Tag : int { kRequest = 1, kAssign = 2, kFinished = 3 };
constexpr long kNoMore = -1;

// MPI for the length of one run; only the thread that started it calls MPI (MPI_THREAD_FUNNELED).
class MpiSession {
 public:
  MpiSession() {
    int provided = 0;
    started_ = MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided) == MPI_SUCCESS &&
               provided >= MPI_THREAD_FUNNELED;
    if (started_) MPI_Comm_rank(MPI_COMM_WORLD, &rank_), MPI_Comm_size(MPI_COMM_WORLD, &ranks_);
  }
  ~MpiSession() {
    if (started_) MPI_Finalize();
  }
  bool started() const { return started_; }
  int rank() const { return rank_; }
  int ranks() const { return ranks_; }

 private:
  bool started_ = false;
  int rank_ = 0, ranks_ = 1;
};

// sweep.msproj -> sweep.rank-3.msproj, beside it.
std::string part_path(const std::string& project, int rank) {
  fs::path path(project);
  return (path.parent_path() / (path.stem().string() + ".rank-" + std::to_string(rank) + ".msproj")).string();
}

// Parts a killed run left beside the project (any rank count).
std::vector<std::string> leftover_parts(const std::string& project) {
  fs::path path(project);
  const fs::path folder = path.parent_path().empty() ? fs::path(".") : path.parent_path();
  const std::string prefix = path.stem().string() + ".rank-";
  std::vector<std::string> parts;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(folder, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(prefix, 0) == 0 && entry.path().extension() == ".msproj") parts.push_back(entry.path().string());
  }
  std::sort(parts.begin(), parts.end());
  return parts;
}

void remove_part(const std::string& part) {
  std::error_code ec;
  fs::remove(part, ec);
  fs::remove(fs::path(part).replace_extension(".csv"), ec);
}

// OUT and `parts` (those that exist) merged into OUT and its CSV (default beside it); the parts removed once OUT
// holds them.
Status merge_into_project(const std::string& project, const std::vector<std::string>& parts,
                          const std::string& csv = {}) {
  std::vector<std::string> inputs;
  std::error_code ec;
  if (fs::exists(project, ec)) inputs.push_back(project);
  for (const std::string& part : parts)
    if (fs::exists(part, ec)) inputs.push_back(part);
  if (inputs.empty()) return make_error(project + ": no rank wrote a part project");
  if (auto merged = store::merge_project_files(inputs, project, csv); !merged) return make_error(merged.error());
  for (const std::string& part : parts) remove_part(part);
  return Ok{};
}

// The next checkpoint index to hand out; shared by rank 0's coordinator and its own analysis thread.
class Dispenser {
 public:
  long take(const CancelToken& cancel) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!count_ || cancel.cancelled() || next_ >= *count_) return kNoMore;
    return static_cast<long>(next_++);
  }
  void set_count(size_t count) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!count_) count_ = count;
  }
  size_t handed() {
    std::lock_guard<std::mutex> lock(mutex_);
    return next_;
  }
  std::optional<size_t> count() {
    std::lock_guard<std::mutex> lock(mutex_);
    return count_;
  }

 private:
  std::mutex mutex_;
  size_t next_ = 0;
  std::optional<size_t> count_;
};

// A claim hook for AnalyseOptions::claim: takes checkpoint `index` only when it is the one handed to this rank;
// `next` asks for the next one (indices are handed out in increasing order, the loop visits them in order).
template <typename Next>
std::function<bool(size_t, size_t)> claim_from(Next next) {
  auto assigned = std::make_shared<std::optional<long>>();
  return [assigned, next](size_t index, size_t count) mutable {
    if (!*assigned) *assigned = next(count);
    if (**assigned == kNoMore || static_cast<size_t>(**assigned) != index) return false;
    assigned->reset();
    return true;
  };
}

// One rank's analysis into its own part project (a copy of OUT, so finished checkpoints are skipped).
Result<AnalyseSummary> analyse_part(AnalyseOptions options, int rank, std::function<bool(size_t, size_t)> claim,
                                    Progress& progress, CancelToken& cancel) {
  const std::string part = part_path(options.project_path, rank);
  std::error_code ec;
  if (fs::exists(options.project_path, ec)) fs::copy_file(options.project_path, part, fs::copy_options::overwrite_existing, ec);
  if (ec) return make_error(part + ": cannot create the part project (" + ec.message() + ")");
  options.project_path = part;
  options.csv_path = fs::path(part).replace_extension(".csv").string();
  options.claim = std::move(claim);
  return pipeline::run_analyse(options, progress, cancel);
}

// A summary (or error) as bytes for kFinished: fields separated by NUL.
std::string encode(const Result<AnalyseSummary>& result) {
  std::string out;
  auto field = [&out](const std::string& text) { out += text, out += '\0'; };
  field(result ? "" : result.error());
  const AnalyseSummary summary = result ? *result : AnalyseSummary{};
  for (int number : {summary.analysed, summary.skipped, summary.cache_hits, summary.cancelled ? 1 : 0})
    field(std::to_string(number));
  field(std::to_string(summary.failures.size()));
  for (const std::string& failure : summary.failures) field(failure);
  for (const std::string& warning : summary.warnings) field(warning);
  return out;
}

// Adds a rank's encoded summary to `total`; its error becomes a failure naming the rank.
void add_encoded(const std::string& bytes, int rank, AnalyseSummary& total) {
  std::vector<std::string> fields;
  for (size_t begin = 0; begin < bytes.size();) {
    size_t end = bytes.find('\0', begin);
    if (end == std::string::npos) end = bytes.size();
    fields.push_back(bytes.substr(begin, end - begin));
    begin = end + 1;
  }
  if (fields.size() < 6) return total.failures.push_back("rank " + std::to_string(rank) + ": garbled report");
  if (!fields[0].empty()) total.failures.push_back("rank " + std::to_string(rank) + ": " + fields[0]);
  total.analysed += std::stoi(fields[1]);
  total.skipped += std::stoi(fields[2]);
  total.cache_hits += std::stoi(fields[3]);
  total.cancelled = total.cancelled || fields[4] == "1";
  const size_t failures = std::stoul(fields[5]);
  for (size_t i = 6; i < fields.size(); ++i) (i < 6 + failures ? total.failures : total.warnings).push_back(fields[i]);
}

// Rank 0's main thread: answers requests until every other rank has finished, reporting progress.
void coordinate(const MpiSession& mpi, Dispenser& dispenser, AnalyseSummary& total, Progress& progress,
                CancelToken& cancel, const std::atomic<bool>& own_done) {
  int finished = 0;
  size_t reported = 0;
  while (finished < mpi.ranks() - 1 || !own_done) {
    int waiting = 0;
    MPI_Status status;
    MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &waiting, &status);
    if (!waiting) {
      if (const auto count = dispenser.count(); count && dispenser.handed() != reported) {
        reported = dispenser.handed();
        progress.report(static_cast<double>(reported) / std::max<size_t>(*count, 1),
                        "checkpoint " + std::to_string(reported) + " of " + std::to_string(*count) + " handed out");
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      continue;
    }
    if (status.MPI_TAG == kRequest) {
      unsigned long count = 0;
      MPI_Recv(&count, 1, MPI_UNSIGNED_LONG, status.MPI_SOURCE, kRequest, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
      dispenser.set_count(count);
      long index = dispenser.take(cancel);
      MPI_Send(&index, 1, MPI_LONG, status.MPI_SOURCE, kAssign, MPI_COMM_WORLD);
    } else {
      int size = 0;
      MPI_Get_count(&status, MPI_CHAR, &size);
      std::string bytes(static_cast<size_t>(size), '\0');
      MPI_Recv(bytes.data(), size, MPI_CHAR, status.MPI_SOURCE, kFinished, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
      add_encoded(bytes, status.MPI_SOURCE, total);
      ++finished;
    }
  }
}

Result<MpiAnalyseSummary> run_worker(const MpiSession& mpi, const AnalyseOptions& options, CancelToken& cancel) {
  auto ask_rank_zero = [](size_t count) {
    unsigned long n = count;
    long index = kNoMore;
    MPI_Send(&n, 1, MPI_UNSIGNED_LONG, 0, kRequest, MPI_COMM_WORLD);
    MPI_Recv(&index, 1, MPI_LONG, 0, kAssign, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    return index;
  };
  NullProgress quiet;  // rank 0 reports for everyone
  Result<AnalyseSummary> result = analyse_part(options, mpi.rank(), claim_from(ask_rank_zero), quiet, cancel);
  const std::string bytes = encode(result);
  MPI_Send(bytes.data(), static_cast<int>(bytes.size()), MPI_CHAR, 0, kFinished, MPI_COMM_WORLD);
  MPI_Barrier(MPI_COMM_WORLD);  // rank 0 has merged
  if (!result) return make_error(result.error());
  return MpiAnalyseSummary{*result, mpi.rank(), mpi.ranks()};
}

Result<MpiAnalyseSummary> run_coordinator(const MpiSession& mpi, const AnalyseOptions& options, Progress& progress,
                                          CancelToken& cancel) {
  Dispenser dispenser;
  std::atomic<bool> own_done{false};
  Result<AnalyseSummary> own = make_error("not run");
  std::thread own_analysis([&] {
    NullProgress quiet;
    auto take_locally = [&](size_t count) {
      dispenser.set_count(count);
      return dispenser.take(cancel);
    };
    own = analyse_part(options, 0, claim_from(take_locally), quiet, cancel);
    own_done = true;
  });
  AnalyseSummary total;
  coordinate(mpi, dispenser, total, progress, cancel, own_done);
  own_analysis.join();
  add_encoded(encode(own), 0, total);

  std::vector<std::string> parts;
  for (int rank = 0; rank < mpi.ranks(); ++rank) parts.push_back(part_path(options.project_path, rank));
  Status merged = merge_into_project(options.project_path, parts, options.csv_path);
  MPI_Barrier(MPI_COMM_WORLD);
  if (!merged.ok()) return make_error(merged.error());
  total.project_path = options.project_path;
  total.csv_path = options.csv_path.empty() ? fs::path(options.project_path).replace_extension(".csv").string()
                                            : options.csv_path;
  progress.report(1.0, total.cancelled ? "cancelled" : "done");
  return MpiAnalyseSummary{total, 0, mpi.ranks()};
}

}  // namespace

Result<MpiAnalyseSummary> run_analyse_mpi(pipeline::AnalyseOptions options, Progress& progress, CancelToken& cancel) {
  MpiSession mpi;
  if (!mpi.started()) return make_error("--mpi: MPI could not start (run under mpirun, or without --mpi)");
  // Parts a killed run left are folded into OUT before anyone copies it.
  Status resumed = Ok{};
  if (mpi.rank() == 0) {
    const std::vector<std::string> leftovers = leftover_parts(options.project_path);
    if (!leftovers.empty()) resumed = merge_into_project(options.project_path, leftovers);
  }
  int resumed_ok = resumed.ok() ? 1 : 0;
  MPI_Bcast(&resumed_ok, 1, MPI_INT, 0, MPI_COMM_WORLD);
  if (!resumed_ok) return make_error(mpi.rank() == 0 ? resumed.error() : "rank 0 could not merge earlier parts");
  return mpi.rank() == 0 ? run_coordinator(mpi, options, progress, cancel) : run_worker(mpi, options, cancel);
}

}  // namespace ms::cluster
