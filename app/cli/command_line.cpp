#include "app/cli/command_line.h"

#include <QRegularExpression>

#include <cstdio>

namespace ms::cli {

int parse_or_exit(QCommandLineParser& parser, const QString& command, const QStringList& arguments) {
  const QCommandLineOption help({"h", "help"}, "Show this help.");
  parser.addOption(help);
  if (!parser.parse(QStringList{"manifoldscope " + command} + arguments)) {
    print_error(command + ": " + parser.errorText() + " (see `manifoldscope " + command + " --help`)");
    return 2;
  }
  if (parser.isSet(help)) {
    // helpText() names the program from argv[0]; say the full command instead.
    QString text = parser.helpText();
    text.replace(QRegularExpression("^Usage: \\S+"), "Usage: manifoldscope " + command);
    print_out(text);
    return 0;
  }
  return -1;
}

void print_out(const QString& text) {
  std::fputs(text.toUtf8().constData(), stdout);
  std::fputc('\n', stdout);
  std::fflush(stdout);
}

void print_error(const QString& text) {
  std::fputs(("manifoldscope: " + text).toUtf8().constData(), stderr);
  std::fputc('\n', stderr);
  std::fflush(stderr);
}

bool parse_count(const QCommandLineParser& parser, const QString& option, long long* out) {
  bool ok = false;
  long long value = parser.value(option).toLongLong(&ok);
  if (!ok || value < 0) {
    print_error("--" + option + " expects a non-negative integer, got '" + parser.value(option) + "'");
    return false;
  }
  *out = value;
  return true;
}

bool one_file_with(const QCommandLineParser& parser, const QString& command, const QString& what,
                   const QCommandLineOption& first, const QCommandLineOption& second, QString* file) {
  const QStringList positional = parser.positionalArguments();
  if (positional.size() != 1) {
    print_error(command + ": name exactly one " + what + " (see `manifoldscope " + command + " --help`)");
    return false;
  }
  if (!parser.isSet(first) || !parser.isSet(second)) {
    print_error(command + ": --" + first.names().first() + " and --" + second.names().first() + " are required");
    return false;
  }
  *file = positional.first();
  return true;
}

}  // namespace ms::cli
