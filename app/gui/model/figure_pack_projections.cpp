// The figure pack's sections that run the checkpoints themselves: projections of chosen layers and the compare view
// of two checkpoints, drawn by the window's own panels (ProjectionPanel, ComparePanel) on a JobRunner, with every
// question for a moved file answered "cancelled" (nothing waits for a user; the error names the missing file).
#include <QEventLoop>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <memory>

#include "app/gui/figure_pack_sections.h"
#include "app/gui/job_runner.h"
#include "app/gui/model/compare_panel.h"
#include "app/gui/model/projection_panel.h"
#include "app/gui/ood_correlation.h"
#include "app/gui/project_locations.h"
#include "views/projection_view.h"
#include "views/user_questions.h"

namespace ms::gui::pack {
namespace {

// No one to ask: every question is cancelled, so a moved checkpoint is an error that names it.
class NoAnswers final : public views::QuestionAnswerer {
 public:
  QString file(const views::FileQuestion&) override { return {}; }
  std::optional<int> number(const views::NumberQuestion&) override { return std::nullopt; }
  void warning(const QString&, const QString&) override {}
  std::optional<QStringList> choices(const views::ChoiceListQuestion&) override { return std::nullopt; }
};

// Runs the event loop until none of `panels` has a request due or running; the last error any of them reported.
Status settle(const std::vector<ProjectionPanel*>& panels) {
  std::string error;
  std::vector<QMetaObject::Connection> connections;
  for (ProjectionPanel* panel : panels)
    connections.push_back(QObject::connect(panel, &ProjectionPanel::message, [&error](const QString& text, bool bad) {
      if (bad) error = text.toStdString();
    }));
  QEventLoop loop;
  QTimer poll;
  QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
    if (std::none_of(panels.begin(), panels.end(), [](ProjectionPanel* p) { return p->busy(); })) loop.quit();
  });
  poll.start(50);
  loop.exec();
  for (const auto& connection : connections) QObject::disconnect(connection);
  if (!error.empty()) return make_error(error);
  for (ProjectionPanel* panel : panels)
    if (!panel->result()) return make_error("checkpoint " + panel->checkpoint().toStdString() + ": no projection");
  return Ok{};
}

std::string layer_name(const ProjectionPanel& panel) {
  const int index = panel.layer();
  return index >= 0 && index < static_cast<int>(panel.layers().size()) ? panel.layers()[static_cast<size_t>(index)].id
                                                                        : std::string("layer");
}

std::string projection_caption(const ProjectionPanel& panel, const std::string& layout) {
  const auto& result = *panel.result();
  std::string text = "Checkpoint " + panel.checkpoint().toStdString() + ", layer " + layer_name(panel) + " (" +
                     std::to_string(panel.layer() + 1) + " of " + std::to_string(panel.layers().size()) + "): " +
                     std::to_string(result.points.rows()) + " ID samples (" +
                     std::to_string(result.class_names.size()) + " classes) " + layout +
                     ", class means as larger balls.";
  return result.note.empty() ? text : text + " " + result.note;
}

// The panels shared by both sections: one JobRunner, the project's file locations, no dialogs.
struct ModelViews {
  JobRunner jobs;
  ProjectLocations locations;
  NoAnswers no_answers;
  views::ScopedAnswerer answerer{&no_answers};
};

void configure(ProjectionPanel& panel, const FigurePackOptions& options, pipeline::ProjectionBasis basis) {
  panel.set_basis(basis);
  panel.set_dimensions(options.dimensions);
  panel.set_embedding_options(options.embedding);
  panel.set_centers(ProjectionPanel::Centers::class_means);
  panel.set_anchors_shown(false);
}

Status write_checkpoint_projections(ProjectionPanel& panel, const std::string& checkpoint, const PackPlan& plan,
                                    Writer& writer) {
  panel.select_checkpoint(QString::fromStdString(checkpoint));
  if (Status ready = settle({&panel}); !ready.ok()) return ready;
  panel.set_layer_filter(QString::fromStdString(writer.options.projection_layers));
  const std::vector<int> layers = panel.slider_layers();
  writer.total += static_cast<int>(layers.size()) - 1;  // one figure was counted per checkpoint
  for (int layer : layers) {
    panel.select_layer(layer);
    if (Status ready = settle({&panel}); !ready.ok()) return ready;
    const std::string stem = "projection_" + file_stem(checkpoint) + "_" + file_stem(layer_name(panel));
    writer.next(stem);
    if (Status ok = writer.write(panel.view(), stem, projection_caption(panel, plan.layout)); !ok.ok()) return ok;
  }
  return Ok{};
}

}  // namespace

Status write_projections(const store::Project& project, const std::string& source, const PackPlan& plan,
                         Writer& writer) {
  if (plan.checkpoints.empty()) return Ok{};
  auto shared = std::make_shared<const store::Project>(project);
  ModelViews views;
  views.locations.set_project(shared, QString::fromStdString(source));
  pipeline::ProjectionBasis basis = pipeline::ProjectionBasis::points_pca;
  pipeline::parse_projection_basis(writer.options.basis, &basis);
  {
    ProjectionPanel panel(&views.jobs);
    panel.set_locations(&views.locations);
    panel.set_project(shared);
    configure(panel, writer.options, basis);
    show_for_export(&panel, 1000, 760);
    for (const std::string& checkpoint : plan.checkpoints)
      if (Status ok = write_checkpoint_projections(panel, checkpoint, plan, writer); !ok.ok()) return ok;
  }
  if (plan.checkpoints.size() < 2) return Ok{};
  ComparePanel compare(&views.jobs);
  compare.set_locations(&views.locations);
  compare.set_project(shared);
  const QString a = QString::fromStdString(plan.checkpoints[0]), b = QString::fromStdString(plan.checkpoints[1]);
  compare.set_checkpoints(a, b);
  for (ProjectionPanel* side : {compare.panel_a(), compare.panel_b()}) configure(*side, writer.options, basis);
  compare.set_embedding_options(writer.options.embedding);
  compare.set_basis(basis);
  compare.set_dimensions(writer.options.dimensions);
  show_for_export(&compare, 1600, 760);
  if (Status ready = settle({compare.panel_a(), compare.panel_b()}); !ready.ok()) return ready;
  const std::string stem = "compare_" + file_stem(plan.checkpoints[0]) + "_vs_" + file_stem(plan.checkpoints[1]);
  writer.next(stem);
  // Two projections side by side: at a column width, the double column (a single one leaves them too small to read).
  views::ExportSize size = writer.options.size;
  if (size.physical() && size.width_mm < views::kDoubleColumnMm) {
    size.width_mm = views::kDoubleColumnMm;
    size.height_mm = 0;
  }
  return writer.write(
      stem,
      "Checkpoints " + plan.checkpoints[0] + " (A) and " + plan.checkpoints[1] + " (B) side by side at layer " +
          layer_name(*compare.panel_a()) + " (each " + plan.layout + "); " + plan.compare_reason +
          " The CSV holds both checkpoints' markers at that layer and their difference B - A.",
      [&compare, size](const std::string& path) { return compare.save_figure(path, size); },
      [&compare](const std::string& path) { return compare.save_csv(path); });
}

}  // namespace ms::gui::pack
