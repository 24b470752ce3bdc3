#pragma once

#include <QString>
#include <QStringList>

namespace ms::gui {

// Creates the QApplication and the main window; returns the exit code of the event loop.
// Recognised arguments: --open DATASET (name or path; default: the embedded Fashion-MNIST test set, not shown when
// a results table is opened), --project FILE.msproj|TABLE.csv or the file alone (a project or results table to show).
int run_gui(int argc, char** argv);

// Whether the arguments (without the program's name) are for the window rather than a headless command: none, the
// window's options, or a project or results table to open.
bool is_gui_invocation(const QStringList& arguments);

// The project or results table the arguments name (--project FILE, or FILE.msproj / TABLE.csv alone), or "".
QString file_to_open(const QStringList& arguments);

}  // namespace ms::gui
