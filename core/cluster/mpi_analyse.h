// `mpirun -n K manifoldscope analyze … --mpi`: one analysis spread over K MPI ranks (OpenMPI from Debian, optional
// at build time: MS_HAVE_MPI). The checkpoints are handed out one at a time by rank 0 — a rank that finishes asks
// for the next — so slow and fast checkpoints balance themselves.
//
// Every rank (rank 0 too, on a second thread; only rank 0's main thread calls MPI) runs the usual analysis
// (pipeline/analyse_job.h) on the checkpoints it is given, into its own part project beside the output
// (OUT.rank-R.msproj, on a filesystem every rank sees). At the end rank 0 merges the parts into OUT.msproj and its
// CSV (store/project_merge.h) and removes them; it alone reports progress. Results equal one process's, value for
// value: each checkpoint's analysis depends only on the options and its data.
//
// Resuming: finished checkpoints already in OUT are skipped, and parts left by a killed run are merged into OUT
// first, so re-running the same command continues where it stopped. Cancelling (SIGINT) stops every rank after its
// current checkpoint; the finished ones are merged.
#pragma once

#include "core/common/progress.h"
#include "core/common/result.h"
#include "core/pipeline/analyse_options.h"

namespace ms::cluster {

struct MpiAnalyseSummary {
  pipeline::AnalyseSummary summary;  // of the whole run on rank 0 (every rank's work), of the rank's own elsewhere
  int rank = 0;
  int ranks = 1;
};

// Initialises and finalises MPI itself. Errors: MPI could not start, or rank 0's setup or merge failed (other
// ranks return the same error where they share its cause).
Result<MpiAnalyseSummary> run_analyse_mpi(pipeline::AnalyseOptions options, Progress& progress, CancelToken& cancel);

}  // namespace ms::cluster
