// The GLUE options of every command that measures geometry (`geometry`, `analyze`), declared and read back in one
// place so their names, help and checks cannot drift apart: --points-per-manifold, --n-t, --dichotomies,
// --inactive, --preprocess, --repeats, --seed, --threads. Defaults are GlueOptions' (glue_options.h) except the
// thread count, which each command states (analyze's also sizes LibTorch's pool, where 0 would mean one thread).
#pragma once

#include <QCommandLineParser>
#include <QString>

#include "core/geometry/glue_options.h"

namespace ms::cli {

// Declares the options on `parser`. `seed_help` says what the seed also seeds; `threads_default` is the default
// --threads value ("0" = all cores).
void add_glue_options(QCommandLineParser& parser, const QString& seed_help, const QString& threads_default);

// Reads the options back into `options` (geometry::validate checks them). Returns -1 to go on, or 2 after printing
// an error that names `command` and the option.
int read_glue_options(const QCommandLineParser& parser, const QString& command, geometry::GlueOptions& options);

}  // namespace ms::cli
