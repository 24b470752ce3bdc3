// PlotView<Data>: a FigureView (views/figure_view.h) that shows one Data (views/plot_data.h, views/view_data.h).
//
// set_data(data)  refuses data that data_problem finds inconsistent (the error says what does not match; nothing
//                 changes); else keeps it and redraws the view from it (show_data)
// data()          the data shown
#pragma once

#include <string>
#include <utility>

#include "core/common/result.h"
#include "views/figure_view.h"

namespace ms::views {

template <class Data>
class PlotView : public FigureView {
 public:
  ms::Status set_data(Data data) {
    if (const std::string problem = data_problem(data); !problem.empty()) return ms::make_error(problem);
    data_ = std::move(data);
    show_data();
    return ms::Ok{};
  }
  const Data& data() const { return data_; }

 protected:
  using FigureView::FigureView;
  // What makes `data` unfit to show, as the whole error message (naming the view); empty when it fits.
  virtual std::string data_problem(const Data& data) const = 0;
  // Rebuilds what the view draws from data_.
  virtual void show_data() = 0;

  Data data_;
};

}  // namespace ms::views
