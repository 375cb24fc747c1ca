#include "io/pvd_collection.hpp"

#include <cstdio>
#include <ostream>

#include "io/atomic_file.hpp"

namespace mf {

void PvdCollection::add(double time, const std::string& file) {
  if (frames_.empty() && registry_) registry_->add(path_);
  frames_.emplace_back(time, file);
  // Atomic: a reader (ParaView during the run) sees the old or the new collection.
  write_file_atomically(path_, [&](std::ostream& out) {
    out << "<?xml version=\"1.0\"?>\n"
        << "<VTKFile type=\"Collection\" version=\"0.1\" byte_order=\"LittleEndian\">\n  <Collection>\n";
    char buf[32];
    for (const auto& [t, f] : frames_) {
      std::snprintf(buf, sizeof buf, "%.17g", t);
      out << "    <DataSet timestep=\"" << buf << "\" group=\"\" part=\"0\" file=\"" << f << "\"/>\n";
    }
    out << "  </Collection>\n</VTKFile>\n";
  });
}

}  // namespace mf
