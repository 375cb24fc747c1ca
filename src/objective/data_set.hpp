#pragma once
// Inputs and data sets. Inputs are drawn from x ~ N(0, I_d) ("gaussian") or x uniform on
// S^{d−1} ("sphere"); a data set labels them with a teacher network (plus optional Gaussian
// label noise; for the logistic loss the label is the sign), or is read from a CSV file.
//
// CSV format (what write_data_csv writes and read_data_csv reads): a header line
// `x1,x2,…,xd,y`, then one sample per line, numbers in C notation.

#include <Eigen/Core>
#include <functional>
#include <string>
#include <vector>

#include "base/index_range.hpp"
#include "base/name_table.hpp"
#include "objective/loss.hpp"
#include "objective/measure.hpp"

namespace mf {

enum class InputDistribution { gaussian, sphere };
const NameTable<InputDistribution>& name_table(InputDistribution);

struct DataSet {
  Eigen::MatrixXd X;  ///< d × n inputs
  Eigen::VectorXd y;  ///< n labels
  int dimension() const { return static_cast<int>(X.rows()); }
  int size() const { return static_cast<int>(X.cols()); }
};

/// n inputs in dimension d from a seed.
Eigen::MatrixXd sample_inputs(InputDistribution dist, int d, int n, unsigned long seed);

/// Labels y = f*(x) + noise·N(0, 1) (square loss) or sign(f*(x) + noise·N(0, 1)) (logistic).
DataSet teacher_data(const Measure& teacher, Loss loss, InputDistribution dist, int n, double noise,
                     unsigned long seed);
/// Samples share.begin … share.end − 1 of that data set, the same numbers, drawn without
/// storing the others (a rank's share of a run split over MPI ranks).
DataSet teacher_data(const Measure& teacher, Loss loss, InputDistribution dist, int n, double noise,
                     unsigned long seed, IndexRange share);
/// The same for any teacher function f (f(X, y): y = f at the columns of X, d × n), e.g. a sigmoid
/// network: the inputs, noise and binary labels of teacher_data, from the same streams.
DataSet labelled_data(const std::function<void(const Eigen::MatrixXd&, Eigen::VectorXd&)>& f, int d, Loss loss,
                      InputDistribution dist, int n, double noise, unsigned long seed, IndexRange share);

/// Throws InputError (io/input_error.hpp) naming file, line and column for bad content (wrong
/// column count, non-numbers, a header that is not x1..xd,y) or a file it cannot read.
/// std::invalid_argument naming the first sample whose label the loss cannot take (±1 for
/// classification losses).
/// first_sample: the number of the data set's first sample in the whole set (a rank's share).
void check_labels(const DataSet& data, Loss loss, long first_sample = 0);
DataSet read_data_csv(const std::string& path, int d);
/// Part `part` of `parts` of a data file, reading only its bytes (io/number_table.hpp's
/// read_number_table_part); the parts in order are read_data_csv's samples. May be empty.
DataSet read_data_csv_part(const std::string& path, int d, int part, int parts);
void write_data_csv(const DataSet& data, const std::string& path);
/// The columns of a data file in dimension d: x1 … xd, y.
std::vector<std::string> data_columns(int d);

}  // namespace mf
