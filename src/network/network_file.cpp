#include "network/network_file.hpp"

#include "io/number_table.hpp"

namespace mf {

std::vector<std::string> network_columns(int d, bool bias) {
  std::vector<std::string> columns = {"a"};
  for (const std::string& c : numbered_columns("b", d)) columns.push_back(c);
  if (bias) columns.push_back("bias");
  return columns;
}

PlainNetwork read_network_csv(const std::string& path, int d, bool bias, Activation activation) {
  const std::string layout = "a, b1..b" + std::to_string(d) + (bias ? ", bias: d = " : ": d = ") + std::to_string(d) +
                             (bias ? " with a bias input" : " without a bias input");
  const Eigen::MatrixXd rows = read_number_table(path, network_columns(d, bias), layout);
  PlainNetwork net;
  net.activation = activation;
  net.bias = bias;
  net.a = rows.col(0);
  net.b = rows.rightCols(rows.cols() - 1).transpose();
  return net;
}

void write_network_csv(const PlainNetwork& net, const std::string& path) {
  Eigen::MatrixXd rows(net.width(), 1 + net.b.rows());
  rows << net.a, net.b.transpose();
  write_number_table(path, network_columns(net.input_dimension(), net.bias), rows);
}

}  // namespace mf
