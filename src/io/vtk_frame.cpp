#include "io/vtk_frame.hpp"

#include <vtkDataObject.h>
#include <vtkDoubleArray.h>
#include <vtkFieldData.h>
#include <vtkNew.h>
#include <vtkObject.h>
#include <vtkXMLWriter.h>

#include <cstdio>
#include <stdexcept>

#include "io/atomic_file.hpp"

namespace mf {

void write_vtk_file(vtkXMLWriter& writer, vtkDataObject& data, const std::filesystem::path& path,
                    FileRegistry* registry) {
  const std::filesystem::path tmp = temporary_path(path);
  if (registry) registry->add(path);
  writer.SetFileName(tmp.string().c_str());
  writer.SetInputData(&data);
  writer.SetDataModeToAppended();
  writer.EncodeAppendedDataOff();
  writer.SetCompressorTypeToZLib();
  // VTK prints its own report of a failed write; the WriteError below says it once, plainly.
  const int warnings = vtkObject::GetGlobalWarningDisplay();
  vtkObject::GlobalWarningDisplayOff();
  const int written = writer.Write();
  vtkObject::SetGlobalWarningDisplay(warnings);
  if (written != 1 || writer.GetErrorCode() != 0) {
    std::error_code ignored;
    std::filesystem::remove(tmp, ignored);
    throw WriteError(path.string() + ": VTK could not write the file; is the disk full?");
  }
  commit_temporary(tmp, path);  // the file appears whole or not at all
}

void write_vtk_frame(vtkXMLWriter& writer, vtkDataObject& data, double time, const std::filesystem::path& directory,
                     const std::string& basename, const std::string& extension, PvdCollection& pvd) {
  vtkNew<vtkDoubleArray> t;
  t->SetName("TIME");
  t->SetNumberOfTuples(1);
  t->SetValue(0, time);
  vtkNew<vtkFieldData> fd;
  fd->AddArray(t);
  data.SetFieldData(fd);

  char name[64];
  std::snprintf(name, sizeof name, "_%06d.%s", pvd.size(), extension.c_str());
  const std::string file = basename + name;
  write_vtk_file(writer, data, directory / file, pvd.registry());
  pvd.add(time, file);
}

}  // namespace mf
