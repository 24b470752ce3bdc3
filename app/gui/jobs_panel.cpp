#include "app/gui/jobs_panel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

#include "app/gui/job_runner.h"

namespace ms::gui {

JobsPanel::JobsPanel(JobRunner* runner, QWidget* parent) : QWidget(parent), runner_(runner) {
  rows_layout_ = new QVBoxLayout(this);
  idle_ = new QLabel(tr("No jobs running."));
  idle_->setEnabled(false);
  rows_layout_->addWidget(idle_);
  rows_layout_->addStretch(1);
  connect(runner, &JobRunner::started, this, &JobsPanel::add_row);
  connect(runner, &JobRunner::progressed, this, &JobsPanel::update_row);
  connect(runner, &JobRunner::finished, this, [this](int id, const QString&) { remove_row(id); });
}

void JobsPanel::add_row(int id, const QString& title) {
  auto* widget = new QWidget;
  auto* layout = new QVBoxLayout(widget);
  layout->setContentsMargins(0, 0, 0, 0);
  auto* top = new QHBoxLayout;
  auto* name = new QLabel("<b>" + title.toHtmlEscaped() + "</b>");
  auto* bar = new QProgressBar;
  bar->setRange(0, 1000);
  bar->setTextVisible(true);
  bar->setFormat("%p%");
  auto* cancel = new QPushButton(tr("Cancel"));
  top->addWidget(name);
  top->addWidget(bar, 1);
  top->addWidget(cancel);
  auto* message = new QLabel;
  message->setTextInteractionFlags(Qt::TextSelectableByMouse);
  layout->addLayout(top);
  layout->addWidget(message);
  connect(cancel, &QPushButton::clicked, this, [this, id, cancel, message] {
    runner_->cancel(id);
    cancel->setEnabled(false);
    message->setText(tr("Cancelling…"));
  });
  rows_layout_->insertWidget(rows_layout_->count() - 1, widget);
  rows_[id] = {widget, bar, message, cancel};
  idle_->hide();
}

void JobsPanel::update_row(int id, double fraction, const QString& message) {
  auto it = rows_.find(id);
  if (it == rows_.end()) return;
  it->second.bar->setValue(static_cast<int>(fraction * 1000));
  if (it->second.cancel->isEnabled()) it->second.message->setText(message);
}

void JobsPanel::remove_row(int id) {
  auto it = rows_.find(id);
  if (it == rows_.end()) return;
  it->second.widget->deleteLater();
  rows_.erase(it);
  idle_->setVisible(rows_.empty());
}

QPushButton* JobsPanel::cancel_button(int id) const {
  auto it = rows_.find(id);
  return it == rows_.end() ? nullptr : it->second.cancel;
}

QProgressBar* JobsPanel::progress_bar(int id) const {
  auto it = rows_.find(id);
  return it == rows_.end() ? nullptr : it->second.bar;
}

}  // namespace ms::gui
