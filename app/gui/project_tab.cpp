#include "app/gui/project_tab.h"

#include <QHBoxLayout>
#include <QPushButton>
#include <QSpinBox>
#include <utility>

#include "views/figure_view.h"

namespace ms::gui {

ProjectTab::ProjectTab(QWidget* parent) : QWidget(parent) {}

void ProjectTab::set_project(std::shared_ptr<const store::Project> project) {
  project_ = std::move(project);
  fill_choices();
  if (std::optional<QJsonObject> restored = std::exchange(pending_state_, std::nullopt)) apply_state(*restored);
  else refresh();
}

QJsonObject ProjectTab::save_state() const {
  if (!project_) return pending_state_.value_or(QJsonObject{});
  return state();
}

void ProjectTab::restore_state(const QJsonObject& state) {
  if (!project_) {
    pending_state_ = state;
    return;
  }
  apply_state(state);
}

void ProjectTab::apply_state(const QJsonObject&) { refresh(); }

void ProjectTab::add_export_row(QHBoxLayout* row, std::function<QString()> file_name, views::FigureView* view) {
  scale_ = new QSpinBox;
  scale_->setRange(1, 8);
  scale_->setValue(2);
  scale_->setPrefix(tr("scale ×"));
  auto* save_image = new QPushButton(tr("Save Image…"));
  auto* save_data = new QPushButton(tr("Save Data…"));
  row->addWidget(scale_);
  row->addWidget(save_image);
  row->addWidget(save_data);
  connect(save_image, &QPushButton::clicked, this, [this, file_name, view] {
    // PNG, SVG or PDF; then its size: the window times a scale (the scale box's to start with) or a column width.
    const QString path = views::ask_image_path(this, file_name());
    if (path.isEmpty()) return;
    const std::optional<views::ExportSize> size = views::ask_export_size(this, path, scale_->value());
    if (!size) return;
    report_saved(path, view->save_figure(path.toStdString(), *size));
  });
  connect(save_data, &QPushButton::clicked, this, [this, file_name, view] {
    save_data_as(file_name(), [view](const std::string& path) { return view->save_csv(path); });
  });
}

void ProjectTab::save_data_as(const QString& file_name, const views::CsvSaver& csv) {
  const QString path = views::ask_csv_path(this, tr("Save data"), file_name);
  if (path.isEmpty()) return;
  report_saved(path, csv(path.toStdString()));
}

void ProjectTab::report_saved(const QString& path, const Status& saved) {
  Q_EMIT message(saved.ok() ? tr("Saved %1").arg(path) : QString::fromStdString(saved.error()), !saved.ok());
}

}  // namespace ms::gui
