#include "io/pvd_collection.hpp"

#include <cstdio>
#include <fstream>
#include <stdexcept>

namespace mf {

void PvdCollection::add(double time, const std::string& file) {
  frames_.emplace_back(time, file);
  const auto tmp = std::filesystem::path(path_.string() + ".tmp");
  {
    std::ofstream out(tmp);
    if (!out) throw std::runtime_error(tmp.string() + ": cannot write the .pvd collection");
    out << "<?xml version=\"1.0\"?>\n"
        << "<VTKFile type=\"Collection\" version=\"0.1\" byte_order=\"LittleEndian\">\n  <Collection>\n";
    char buf[32];
    for (const auto& [t, f] : frames_) {
      std::snprintf(buf, sizeof buf, "%.17g", t);
      out << "    <DataSet timestep=\"" << buf << "\" group=\"\" part=\"0\" file=\"" << f << "\"/>\n";
    }
    out << "  </Collection>\n</VTKFile>\n";
    if (!out.flush()) throw std::runtime_error(tmp.string() + ": write failed");
  }
  std::filesystem::rename(tmp, path_);  // atomic: a reader sees the old or the new collection
}

}  // namespace mf
