// bench_glue: speed and memory of the GLUE engine (core/geometry/glue.h) on synthetic class manifolds, and the
// ratios against the routes users have today, in the same run: a straightforward C++ reference that solves the same
// estimator in the ambient space R^N, and the Python route (numpy + scipy in Gram space, glue_python_route.py).
//
//   bench_glue                 all cases, one child process each (so peak memory is per case); a Markdown table
//   bench_glue --case I        one case
//   bench_glue --quick         skip both references
//   bench_glue --no-python     skip the Python route only
//   bench_glue --py-budget S   seconds of NNLS solves the Python route may spend per case (default 75)
//   bench_glue --py-keep       keep the Python route's input files (directory on stderr) to rerun the script
//   bench_glue --python PATH   the interpreter for it (default: /usr/bin/python3, else python3, if it imports scipy)
//
// Gram path: glue() as the app calls it (float input, n_t = 200, 2 threads): gathering + K = X X^T (dsyrk) is
// "gram", everything after it (Cholesky, 200 NNLS duals, measures) is "rest" (wall clock); "cpu s" is the CPU time
// of the whole call on both threads (getrusage), the number to compare when other jobs load the machine.
// Reference: per sample, t ~ N(0, I_N) drawn in R^N, G = diag(y) X formed and the dual matrix G G^T computed from
// it (m^2 N), the same NNLS solver, anchors materialised in R^N (P by N) and a_k = (S t)^T (S S^T)^+ (S t) from
// them; afterwards centers and axes in R^N for b_k, c_k. On the big cases it runs fewer samples and its time is
// scaled to n_t = 200 (column "ref samples"). Both paths are run on the same probes t for a few samples and their
// a_k compared (column "max |da|/a"): the check that the reference solves the same problem.
// Python route: n_t = 200 probes t drawn in R^N, H = X T and the dichotomies written as .npy files to a temporary
// directory; our glue_gram + glue_repeat (2 threads) and glue_python_route.py (run by a python3 that imports scipy)
// both solve them, timed separately; per-sample a_k compared on the samples the script did within its budget.
#include "core/geometry/glue.h"
#include "core/geometry/glue_anchors.h"
#include "core/geometry/glue_gram.h"
#include "core/geometry/glue_pinv_form.h"
#include "core/geometry/glue_repeat.h"
#include "core/geometry/glue_subsample.h"

#include <Eigen/Core>

#include <stdlib.h>  // mkdtemp
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "tests/bench/bench_clock.h"

using namespace ms::geometry;

namespace {

struct Case {
  int P, M, N;
  int ref_samples;  // ambient reference samples (scaled to n_t)
};

const Case kCases[] = {
    {10, 50, 512, 200}, {10, 50, 4096, 40}, {10, 50, 25088, 8}, {100, 50, 2048, 2}, {2, 200, 1000, 200},
};
constexpr int kNt = 200;
constexpr int kThreads = 2;

using ms::bench::cpu_seconds;
using ms::bench::now;

// VmHWM (peak resident set) in MB.
double peak_mb() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmHWM:", 0) == 0) return std::atof(line.c_str() + 6) / 1024.0;
  return 0;
}

// Class clouds: random centers (norm ~1) plus within-class variation on a decaying spectrum, like layer features.
void make_data(const Case& c, Eigen::MatrixXf* X, Eigen::VectorXi* labels) {
  std::mt19937_64 rng(1234 + c.P * 7 + c.N);
  std::normal_distribution<float> normal;
  const int n = c.P * c.M;
  X->resize(n, c.N);
  labels->resize(n);
  Eigen::MatrixXf centers(c.P, c.N);
  for (int j = 0; j < c.N; ++j)
    for (int p = 0; p < c.P; ++p) centers(p, j) = normal(rng) / std::sqrt(float(c.N));
  for (int j = 0; j < c.N; ++j) {
    const float scale = 1.2f * std::exp(-4.0f * j / c.N) / std::sqrt(float(c.N)) * 3.0f;
    for (int i = 0; i < n; ++i) (*X)(i, j) = centers(i / c.M, j) + scale * normal(rng);
  }
  for (int i = 0; i < n; ++i) (*labels)[i] = i / c.M;
}

struct Reference {
  double seconds_per_sample = 0;
  double alpha = 0;      // over its samples
  double max_da = 0;     // |a_ref - a_gram| / a on shared probes
};

// The same estimator in R^N, sample by sample.
Reference ambient_reference(const Eigen::MatrixXd& Xs, const std::vector<int>& offsets, int samples) {
  const int P = static_cast<int>(offsets.size()) - 1;
  const Eigen::Index m = Xs.rows(), N = Xs.cols();
  std::mt19937_64 rng(77);
  std::normal_distribution<double> normal;
  Eigen::MatrixXd T(N, samples), Y(P, samples);
  for (int k = 0; k < samples; ++k) {
    for (Eigen::Index j = 0; j < N; ++j) T(j, k) = normal(rng);
    for (int mu = 0; mu < P; ++mu) Y(mu, k) = (rng() >> 63) ? 1.0 : -1.0;
  }
  Reference out;
  NnlsGramSolver solver;
  std::vector<Eigen::MatrixXd> anchors(samples);  // P by N each
  Eigen::VectorXd a(samples);
  Eigen::VectorXd ones = Eigen::VectorXd::Ones(m);
  const double start = now();
  for (int k = 0; k < samples; ++k) {
    Eigen::VectorXd s(m);
    for (int mu = 0; mu < P; ++mu) s.segment(offsets[mu], offsets[mu + 1] - offsets[mu]).setConstant(Y(mu, k));
    const Eigen::MatrixXd G = s.asDiagonal() * Xs;  // m by N
    const Eigen::MatrixXd Q = G * G.transpose();    // the per-sample dual matrix, from R^N
    const Eigen::VectorXd q = G * T.col(k);
    Eigen::VectorXd lambda(m);
    solver.solve(Q, ones, q, lambda);
    Eigen::MatrixXd S = Eigen::MatrixXd::Zero(P, N);
    for (int mu = 0; mu < P; ++mu) {
      const int b = offsets[mu], size = offsets[mu + 1] - b;
      const double total = lambda.segment(b, size).sum();
      if (total > kActiveEpsilon * std::max(1.0, lambda.sum()))
        S.row(mu) = lambda.segment(b, size).transpose() * Xs.middleRows(b, size) / total;
    }
    a[k] = glue_pinv_form(S * S.transpose(), S * T.col(k));
    anchors[k] = std::move(S);
  }
  // Centers and axes in R^N (policy A) for b_k and c_k.
  Eigen::MatrixXd S0 = Eigen::MatrixXd::Zero(P, N);
  for (const auto& S : anchors) S0 += S / samples;
  const Eigen::MatrixXd C0 = S0 * S0.transpose();
  double b = 0, c = 0;
  for (int k = 0; k < samples; ++k) {
    const Eigen::MatrixXd S1 = anchors[k] - S0;
    const Eigen::VectorXd v = S1 * T.col(k);
    const Eigen::MatrixXd G1 = S1 * S1.transpose();
    b += glue_pinv_form(G1, v);
    c += glue_pinv_form(C0 + G1, v);
  }
  out.seconds_per_sample = (now() - start) / samples;
  out.alpha = P / a.mean();
  (void)b, (void)c;

  // Same probes through the Gram path.
  const int shared = std::min(samples, 8);
  const Eigen::MatrixXd K = glue_gram(Xs);
  const GlueRepeat gram = glue_repeat(K, offsets, Xs * T.leftCols(shared), Y.leftCols(shared),
                                      InactivePolicy::zero_row, kThreads);
  for (int k = 0; k < shared; ++k)
    out.max_da = std::max(out.max_da, std::abs(gram.measures.a[k] - a[k]) / std::max(1e-12, a[k]));
  return out;
}

// ---- The Python route (glue_python_route.py) ----

struct Settings {
  bool reference = true;  // ambient reference and Python route
  std::string python;     // interpreter that imports scipy; empty: no Python route
  double py_budget = 75;  // seconds of NNLS solves the script may spend
  bool py_keep = false;   // keep the script's input files (path on stderr), to rerun it by hand
};

// The first of /usr/bin/python3 and python3 on PATH that imports scipy (a pyenv shim may lack it); empty if none.
std::string find_python() {
  for (const char* candidate : {"/usr/bin/python3", "python3"}) {
    const std::string command = std::string(candidate) + " -c 'import scipy' >/dev/null 2>&1";
    if (std::system(command.c_str()) == 0) return candidate;
  }
  return {};
}

// A float64 .npy file (format 1.0). Eigen is column-major, so the data go out as they are with fortran_order.
void write_npy(const std::filesystem::path& path, const double* data, Eigen::Index rows, Eigen::Index cols,
               bool vector) {
  std::string header = "{'descr': '<f8', 'fortran_order': True, 'shape': (" + std::to_string(rows) +
                       (vector ? ",), }" : ", " + std::to_string(cols) + "), }");
  header.append((64 - (10 + header.size() + 1) % 64) % 64, ' ');  // magic + version + length + header + '\n'
  header += '\n';
  const uint16_t length = static_cast<uint16_t>(header.size());
  std::ofstream out(path, std::ios::binary);
  out.write("\x93NUMPY\x01\x00", 8);
  const char length_bytes[2] = {char(length & 0xff), char(length >> 8)};  // little-endian
  out.write(length_bytes, 2);
  out << header;
  out.write(reinterpret_cast<const char*>(data), std::streamsize(sizeof(double) * rows * cols));
}

// "key": number in the script's JSON (json.dump's default separators); NaN when absent.
double json_number(const std::string& json, const std::string& key) {
  const std::string tag = "\"" + key + "\": ";
  const size_t at = json.find(tag);
  return at == std::string::npos ? std::numeric_limits<double>::quiet_NaN()
                                 : std::strtod(json.c_str() + at + tag.size(), nullptr);
}

// "key": [numbers] in the script's JSON.
std::vector<double> json_array(const std::string& json, const std::string& key) {
  std::vector<double> values;
  const std::string tag = "\"" + key + "\": [";
  const size_t at = json.find(tag);
  if (at == std::string::npos) return values;
  const char* p = json.c_str() + at + tag.size();
  while (*p && *p != ']') {
    char* end = nullptr;
    values.push_back(std::strtod(p, &end));
    if (end == p) break;
    for (p = end; *p == ',' || *p == ' ';) ++p;
  }
  return values;
}

// Runs a command and returns its stdout ("" on failure).
std::string capture(const std::string& command) {
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return {};
  std::string text;
  char buffer[4096];
  for (size_t n; (n = std::fread(buffer, 1, sizeof(buffer), pipe)) > 0;) text.append(buffer, n);
  return pclose(pipe) == 0 ? text : std::string();
}

struct PythonRoute {
  bool ok = false;
  double ours = 0;     // glue_gram + glue_repeat on the same probes, wall clock
  double python = 0;   // the script's seconds, scaled to n_t when it did fewer samples
  int samples = 0;     // samples the script did
  double max_da = 0;   // max_k |a_py - a_ours| / a_ours over those samples
  double max_dm = std::numeric_limits<double>::quiet_NaN();  // alpha, D_eff, Psi_eff, when it did all n_t
};

// Writes the inputs of the Python route to a temporary directory, runs the script on them, returns its JSON.
std::string run_script(const Eigen::MatrixXd& Xs, const Eigen::MatrixXd& H, const Eigen::MatrixXd& Y,
                       const std::vector<int>& offsets, const Settings& settings) {
  std::string pattern = (std::filesystem::temp_directory_path() / "bench_glue.XXXXXX").string();
  if (!mkdtemp(pattern.data())) return {};
  const std::filesystem::path dir = pattern;
  const Eigen::VectorXd offsets_d =
      Eigen::Map<const Eigen::VectorXi>(offsets.data(), Eigen::Index(offsets.size())).cast<double>();
  write_npy(dir / "X.npy", Xs.data(), Xs.rows(), Xs.cols(), false);
  write_npy(dir / "H.npy", H.data(), H.rows(), H.cols(), false);
  write_npy(dir / "Y.npy", Y.data(), Y.rows(), Y.cols(), false);
  write_npy(dir / "offsets.npy", offsets_d.data(), offsets_d.size(), 1, true);
  const std::string json = capture(settings.python + " " + MS_GLUE_PYTHON_ROUTE + " " + dir.string() + " --budget " +
                                   std::to_string(settings.py_budget));
  if (settings.py_keep)
    std::fprintf(stderr, "bench_glue: Python route inputs kept in %s\n", dir.c_str());
  else
    std::filesystem::remove_all(dir);
  return json;
}

double relative(double x, double reference) { return std::abs(x - reference) / std::max(1e-300, std::abs(reference)); }

// The same n_t probes t ~ N(0, I_N) and dichotomies through our Gram path and through the Python script.
PythonRoute python_route(const Eigen::MatrixXd& Xs, const std::vector<int>& offsets, const Settings& settings) {
  const int P = static_cast<int>(offsets.size()) - 1;
  std::mt19937_64 rng(99);
  std::normal_distribution<double> normal;
  Eigen::MatrixXd T(Xs.cols(), kNt), Y(P, kNt);
  for (int k = 0; k < kNt; ++k) {
    for (Eigen::Index j = 0; j < Xs.cols(); ++j) T(j, k) = normal(rng);
    for (int mu = 0; mu < P; ++mu) Y(mu, k) = (rng() >> 63) ? 1.0 : -1.0;
  }
  const Eigen::MatrixXd H = Xs * T;  // exact projections, shared by both routes (not timed)
  T.resize(0, 0);

  PythonRoute out;
  const double start = now();
  const Eigen::MatrixXd K = glue_gram(Xs);
  const GlueRepeat ours = glue_repeat(K, offsets, H, Y, InactivePolicy::zero_row, kThreads);
  out.ours = now() - start;

  const std::string json = run_script(Xs, H, Y, offsets, settings);
  const std::vector<double> a = json_array(json, "a");
  out.samples = static_cast<int>(a.size());
  out.python = json_number(json, "seconds_at_n_t");
  out.ok = out.samples > 0 && out.samples <= kNt;
  if (!out.ok) return out;
  for (int k = 0; k < out.samples; ++k) out.max_da = std::max(out.max_da, relative(a[k], ours.measures.a[k]));
  if (out.samples == kNt) {
    const GlueMeasures& m = ours.measures.measures;
    out.max_dm = std::max({relative(json_number(json, "alpha"), m.capacity),
                           relative(json_number(json, "d_eff"), m.dimension),
                           relative(json_number(json, "psi_eff"), m.utility)});
  }
  return out;
}

// The reference columns of the table ("-" when not run).
std::string reference_columns(const Case& c, const Reference* ref, double total) {
  if (!ref) return "| - | - | - | - | - ";
  const double ref_total = ref->seconds_per_sample * kNt;
  char text[256];
  std::snprintf(text, sizeof(text), "| %.2f | %.0fx | %d | %.3f | %.1e ", ref_total, ref_total / total,
                c.ref_samples, ref->alpha, ref->max_da);
  return text;
}

std::string python_columns(const PythonRoute* py) {
  if (!py) return "| - | - | - | - | - | - |";
  if (!py->ok) return "| failed | - | - | - | - | - |";
  char text[256];
  std::snprintf(text, sizeof(text), "| %.3f | %.2f | %d | %.0fx | %.1e | ", py->ours, py->python, py->samples,
                py->python / py->ours, py->max_da);
  std::string out = text;
  if (std::isnan(py->max_dm)) return out + "- |";
  std::snprintf(text, sizeof(text), "%.1e |", py->max_dm);
  return out + text;
}

int run_case(int index, const Settings& settings) {
  const Case& c = kCases[index];
  Eigen::MatrixXf X;
  Eigen::VectorXi labels;
  make_data(c, &X, &labels);
  GlueOptions options;
  options.n_t = kNt;
  options.points_per_manifold = c.M;
  options.threads = kThreads;
  options.seed = 1;
  // Warm up OpenBLAS's thread pool and the allocator on a tiny problem so the timing is of the work.
  (void)glue(Eigen::MatrixXf(X.topRows(2 * c.M)), Eigen::VectorXi(labels.head(2 * c.M)), options);

  const double before = peak_mb();
  const double start = now(), cpu_start = cpu_seconds();
  const auto result = glue(X, labels, options);
  const double total = now() - start, cpu = cpu_seconds() - cpu_start;
  const double peak = peak_mb() - before;
  if (!result.ok()) {
    std::printf("case %d failed: %s\n", index, result.error().c_str());
    return 1;
  }
  const GlueDiagnostics& d = result->diagnostics;

  Reference ref;
  PythonRoute py;
  if (settings.reference) {
    const auto sub = glue_subsample(labels, c.M, 1, 0);
    Eigen::MatrixXd Xs(sub->points.size(), c.N);
    for (size_t i = 0; i < sub->points.size(); ++i) Xs.row(i) = X.row(sub->points[i]).cast<double>();
    ref = ambient_reference(Xs, sub->class_offsets, c.ref_samples);
    if (!settings.python.empty()) py = python_route(Xs, sub->class_offsets, settings);
  }
  const bool with_python = settings.reference && !settings.python.empty();
  std::printf("| %d | %d | %d | %.3f | %.3f | %.3f | %.3f | %.0f | %.3f | %d %s%s\n", c.P, c.M, c.N, total, cpu,
              d.gram_seconds, d.solve_seconds, peak, result->mean.capacity, d.max_support,
              reference_columns(c, settings.reference ? &ref : nullptr, total).c_str(),
              python_columns(with_python ? &py : nullptr).c_str());
  std::fflush(stdout);
  return 0;
}

// Flags for the child processes, so they skip what the parent skips and reuse its interpreter.
std::string child_flags(const Settings& settings) {
  if (!settings.reference) return " --quick";
  if (settings.python.empty()) return " --no-python";
  return " --python " + settings.python + " --py-budget " + std::to_string(settings.py_budget) +
         (settings.py_keep ? " --py-keep" : "");
}

}  // namespace

int main(int argc, char** argv) {
  Settings settings;
  bool python = true, python_given = false;
  int only = -1;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--quick") settings.reference = false;
    if (arg == "--no-python") python = false;
    if (arg == "--case" && i + 1 < argc) only = std::atoi(argv[++i]);
    if (arg == "--py-budget" && i + 1 < argc) settings.py_budget = std::atof(argv[++i]);
    if (arg == "--python" && i + 1 < argc) settings.python = argv[++i], python_given = true;
    if (arg == "--py-keep") settings.py_keep = true;
  }
  if (settings.reference && python && !python_given) {
    settings.python = find_python();
    if (settings.python.empty()) std::fprintf(stderr, "bench_glue: no python3 imports scipy, no Python route\n");
  }
  if (!python) settings.python.clear();
  if (only >= 0) return run_case(only, settings);
  std::printf("| P | M | N | total s | cpu s | gram s | rest s | peak MB | alpha | max support | ref s (n_t=200) | "
              "speed-up | ref samples | ref alpha | max \\|da\\|/a | ours s (same probes) | py s (n_t=200) | "
              "py samples | py/ours | py max \\|da\\|/a | py max \\|dm\\|/m |\n");
  std::printf("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
  std::fflush(stdout);
  int failures = 0;
  for (int i = 0; i < static_cast<int>(sizeof(kCases) / sizeof(kCases[0])); ++i) {
    const std::string command = std::string(argv[0]) + " --case " + std::to_string(i) + child_flags(settings);
    failures += std::system(command.c_str()) != 0;
  }
  return failures ? 1 : 0;
}
