// `manifoldscope layers MODEL.pt [--input-shape 3x32x32] [--layers TERMS] [--json]`: the tappable layers of a
// TorchScript checkpoint, or those a selection picks.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "app/cli/command_line.h"
#include "app/cli/commands.h"

#ifdef MS_HAVE_MODEL
#include "core/data/dataset.h"
#include "core/model/layer_selection.h"
#include "core/model/model.h"
#include "core/pipeline/checkpoint_info.h"
#endif

namespace ms::cli {
namespace {

#ifdef MS_HAVE_MODEL
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

QJsonArray json_shape(const std::vector<int64_t>& shape) {
  QJsonArray array;
  for (int64_t extent : shape) array.append(static_cast<qint64>(extent));
  return array;
}

QString q(const std::string& text) { return QString::fromStdString(text); }

QJsonObject json_layer(const model::LayerInfo& layer) {
  QJsonArray outputs;
  for (const std::string& module : layer.module_outputs) outputs.append(q(module));
  return QJsonObject{{"id", q(layer.id)},           {"module", q(layer.module_path)},
                     {"op", q(layer.op)},           {"shape", json_shape(layer.shape)},
                     {"features", static_cast<qint64>(layer.size())},
                     {"output_of", outputs},        {"block", layer.block},
                     {"penultimate", layer.penultimate}};
}

// "  layer1.1.relu:relu#2 [64,8,8]   4096  = layer1, layer1.1  (block)"
QString text_layer(const model::LayerInfo& layer) {
  QString line = QString("  %1  %2").arg(q(model::describe(layer)).leftJustified(48)).arg(layer.size(), -9);
  QStringList outputs;
  for (const std::string& module : layer.module_outputs) outputs << q(module);
  if (!outputs.isEmpty()) line += "= " + outputs.join(", ");
  if (layer.block) line += "  (block)";
  if (layer.penultimate) line += "  (penultimate)";
  return line.trimmed().prepend("  ");
}

// The input shape: the flag, else the checkpoint's sidecar, else 1x28x28 (Fashion-MNIST). Empty on an error.
std::vector<int64_t> input_shape_for(const QString& path, const QCommandLineParser& parser,
                                     const QCommandLineOption& option, QString* source) {
  if (parser.isSet(option)) {
    *source = "--input-shape";
    const std::vector<int64_t> shape = parse_shape(parser.value(option));
    if (shape.empty()) print_error("--input-shape expects positive extents like 1x28x28, got '" + parser.value(option) + "'");
    return shape;
  }
  Result<pipeline::Sidecar> sidecar = pipeline::read_sidecar(path.toStdString());
  if (!sidecar) {
    print_error(q(sidecar.error()));
    return {};
  }
  if (!sidecar->input_shape.empty()) {
    *source = q(sidecar->file);
    return sidecar->input_shape;
  }
  *source = "default; give --input-shape or \"input_shape\" in the sidecar";
  return {1, 28, 28};
}

int list_layers(const QString& path, const std::vector<int64_t>& input_shape, const QString& source,
                const std::vector<std::string>& terms, bool json) {
  Result<model::Model> loaded = model::load_model(path.toStdString());
  if (!loaded) {
    print_error(q(loaded.error()));
    return 1;
  }
  Result<std::vector<model::LayerInfo>> layers = loaded->layers(input_shape);
  if (!layers) {
    print_error(q(layers.error()));
    return 1;
  }
  Result<std::vector<size_t>> chosen = model::select_layers(*layers, terms);
  if (!chosen) {
    print_error(path + ": " + q(chosen.error()));
    return 1;
  }
  const QString shape_text = q(data::shape_string(input_shape));
  if (json) {
    QJsonArray list;
    for (size_t i : *chosen) list.append(json_layer((*layers)[i]));
    QJsonObject root{{"model", path}, {"input_shape", json_shape(input_shape)}, {"layers", list}};
    print_out(QString::fromUtf8(QJsonDocument(root).toJson(QJsonDocument::Indented)).trimmed());
    return 0;
  }
  QString text = QString("%1  (input %2, %3): %4 layers\n").arg(path, shape_text, source).arg(chosen->size());
  for (size_t i : *chosen) text += text_layer((*layers)[i]) + "\n";
  print_out(text.trimmed());
  return 0;
}
#endif

}  // namespace

int run_layers(const QStringList& arguments) {
  QCommandLineParser parser;
  parser.setApplicationDescription(
      "List the layers of a TorchScript checkpoint that can be analysed (id, output shape, feature count, and the\n"
      "modules whose output each one is, as a PyTorch forward hook names them).\n"
      "Layers come from the inlined forward graph, so functional ops and residual adds are found too.");
  parser.addPositionalArgument("MODEL", "A TorchScript file (torch.jit.script or torch.jit.trace, saved).");
  const QCommandLineOption input_shape(
      "input-shape", "Shape of one input item, CxHxW or D (default: the sidecar's input_shape, else 1x28x28).", "SHAPE");
  const QCommandLineOption layers(
      "layers", "Only these: comma-separated module paths, ids, globs (layer*, features.*), blocks, penultimate.",
      "TERMS", "all");
  const QCommandLineOption json("json", "Print the layers as JSON.");
  parser.addOptions({input_shape, layers, json});
  if (int code = parse_or_exit(parser, "layers", arguments); code >= 0) return code;

  if (parser.positionalArguments().size() != 1) {
    print_error("layers: name one model file (see `manifoldscope layers --help`)");
    return 2;
  }
#ifdef MS_HAVE_MODEL
  const QString path = parser.positionalArguments().first();
  QString source;
  const std::vector<int64_t> shape = input_shape_for(path, parser, input_shape, &source);
  if (shape.empty()) return parser.isSet(input_shape) ? 2 : 1;
  return list_layers(path, shape, source, model::split_layer_terms(parser.value(layers).toStdString()),
                     parser.isSet(json));
#else
  print_error("layers: this build has no model support (configure with -DMS_BUILD_TORCH=ON)");
  return 1;
#endif
}

}  // namespace ms::cli
