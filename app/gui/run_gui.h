#pragma once

namespace ms::gui {

// Creates the QApplication and the main window; returns the exit code of the event loop.
// Recognised arguments: --open DATASET (name or path; default: the embedded Fashion-MNIST test set),
// --project FILE.msproj (a project to show).
int run_gui(int argc, char** argv);

}  // namespace ms::gui
