#pragma once
// One VTK XML file written whole, and one frame of a ParaView time series: stamps FieldData TIME, writes
// directory/basename_NNNNNN.<extension> (binary appended, zlib) with the given VTK XML writer,
// and adds it to the .pvd collection. Shared by the grid (.vtu) and particle (.vtp) writers.

#include <filesystem>
#include <string>

#include "io/pvd_collection.hpp"

class vtkDataObject;
class vtkXMLWriter;

namespace mf {

/// Writes `data` to `path` (binary appended, zlib) under a temporary name and renames it,
/// announced first to `registry` (may be null). Throws WriteError naming the file.
void write_vtk_file(vtkXMLWriter& writer, vtkDataObject& data, const std::filesystem::path& path,
                    FileRegistry* registry);

/// Writes the frame under a temporary name and renames it (io/atomic_file.hpp); registers it
/// with the collection's registry. Throws WriteError naming the file when VTK cannot write it.
void write_vtk_frame(vtkXMLWriter& writer, vtkDataObject& data, double time, const std::filesystem::path& directory,
                     const std::string& basename, const std::string& extension, PvdCollection& pvd);

}  // namespace mf
