// `manifoldscope layers MODEL.pt [--input-shape 1x28x28] [--json]`: the tappable layers of a TorchScript checkpoint.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "app/cli/command_line.h"
#include "app/cli/commands.h"

#ifdef MS_HAVE_MODEL
#include "core/model/model.h"
#endif

namespace ms::cli {
namespace {

// "1x28x28" -> {1, 28, 28}; empty on malformed text.
std::vector<int64_t> parse_shape(const QString& text) {
  std::vector<int64_t> shape;
  for (const QString& part : text.split('x')) {
    bool ok = false;
    const long long extent = part.toLongLong(&ok);
    if (!ok || extent <= 0) return {};
    shape.push_back(extent);
  }
  return shape;
}

#ifdef MS_HAVE_MODEL
QJsonArray json_shape(const std::vector<int64_t>& shape) {
  QJsonArray array;
  for (int64_t extent : shape) array.append(static_cast<qint64>(extent));
  return array;
}

int list_layers(const QString& path, const std::vector<int64_t>& input_shape, const QString& shape_text, bool json) {
  Result<model::Model> loaded = model::load_model(path.toStdString());
  if (!loaded) {
    print_error(QString::fromStdString(loaded.error()));
    return 1;
  }
  Result<std::vector<model::LayerInfo>> layers = loaded->layers(input_shape);
  if (!layers) {
    print_error(QString::fromStdString(layers.error()));
    return 1;
  }
  if (json) {
    QJsonArray list;
    for (const model::LayerInfo& layer : *layers)
      list.append(QJsonObject{{"id", QString::fromStdString(layer.id)},
                              {"module", QString::fromStdString(layer.module_path)},
                              {"op", QString::fromStdString(layer.op)},
                              {"shape", json_shape(layer.shape)},
                              {"features", static_cast<qint64>(layer.size())}});
    QJsonObject root{{"model", path}, {"input_shape", json_shape(input_shape)}, {"layers", list}};
    print_out(QString::fromUtf8(QJsonDocument(root).toJson(QJsonDocument::Indented)).trimmed());
    return 0;
  }
  QString text = QString("%1  (input %2): %3 layers\n").arg(path, shape_text).arg(layers->size());
  for (const model::LayerInfo& layer : *layers)
    text += QString("  %1  %2\n").arg(QString::fromStdString(model::describe(layer)).leftJustified(48))
                .arg(layer.size());
  print_out(text.trimmed());
  return 0;
}
#endif

}  // namespace

int run_layers(const QStringList& arguments) {
  QCommandLineParser parser;
  parser.setApplicationDescription(
      "List the layers of a TorchScript checkpoint that can be analysed (id, op, output shape, feature count).\n"
      "Layers come from the inlined forward graph, so functional ops and residual adds are found too.");
  parser.addPositionalArgument("MODEL", "A TorchScript file (torch.jit.script or torch.jit.trace, saved).");
  const QCommandLineOption input_shape("input-shape", "Shape of one input item, CxHxW or D.", "SHAPE", "1x28x28");
  const QCommandLineOption json("json", "Print the layers as JSON.");
  parser.addOption(input_shape);
  parser.addOption(json);
  if (int code = parse_or_exit(parser, "layers", arguments); code >= 0) return code;

  if (parser.positionalArguments().size() != 1) {
    print_error("layers: name one model file (see `manifoldscope layers --help`)");
    return 2;
  }
  const std::vector<int64_t> shape = parse_shape(parser.value(input_shape));
  if (shape.empty()) {
    print_error("--input-shape expects positive extents like 1x28x28, got '" + parser.value(input_shape) + "'");
    return 2;
  }
#ifdef MS_HAVE_MODEL
  return list_layers(parser.positionalArguments().first(), shape, parser.value(input_shape), parser.isSet(json));
#else
  print_error("layers: this build has no model support (configure with -DMS_BUILD_TORCH=ON)");
  return 1;
#endif
}

}  // namespace ms::cli
