// Shared helpers for subcommands: a QCommandLineParser set up the same way everywhere, and stdout/stderr writers.
#pragma once

#include <QCommandLineParser>
#include <QString>
#include <QStringList>

namespace ms::cli {

// Parses `arguments` (without the command name) with --help added. Returns:
//   -1 when parsing succeeded and the command should run,
//    0 after printing help, 2 after printing an error (the exit code to return).
int parse_or_exit(QCommandLineParser& parser, const QString& command, const QStringList& arguments);

void print_out(const QString& text);   // stdout, newline appended
void print_error(const QString& text); // stderr, "manifoldscope: " prefixed, newline appended

// Parses a non-negative integer option value; on failure prints an error naming the option and returns false.
bool parse_count(const QCommandLineParser& parser, const QString& option, long long* out);

// For a command that reads one file: checks that exactly one positional argument is given and that `first` and
// `second` are set. Returns true with the file in *file, or false after printing "<command>: name exactly one <what>
// (see `manifoldscope <command> --help`)" or "<command>: --<first> and --<second> are required".
bool one_file_with(const QCommandLineParser& parser, const QString& command, const QString& what,
                   const QCommandLineOption& first, const QCommandLineOption& second, QString* file);

}  // namespace ms::cli
