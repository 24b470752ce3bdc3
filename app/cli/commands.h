// The run functions of all subcommands; each is defined in its own *_command.cpp.
#pragma once

#include <QStringList>

namespace ms::cli {

int run_datasets(const QStringList& arguments);
int run_demo(const QStringList& arguments);
int run_analyze(const QStringList& arguments);
int run_correlate(const QStringList& arguments);
int run_predict(const QStringList& arguments);
int run_layers(const QStringList& arguments);
int run_zoo(const QStringList& arguments);
int run_geometry(const QStringList& arguments);
int run_merge(const QStringList& arguments);
int run_figures(const QStringList& arguments);  // needs a QApplication (Command::display)

}  // namespace ms::cli
