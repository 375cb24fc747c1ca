#include "io/vtk_frame.hpp"

#include <vtkDataObject.h>
#include <vtkDoubleArray.h>
#include <vtkFieldData.h>
#include <vtkNew.h>
#include <vtkXMLWriter.h>

#include <cstdio>
#include <stdexcept>

namespace mf {

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
  writer.SetFileName((directory / file).string().c_str());
  writer.SetInputData(&data);
  writer.SetDataModeToAppended();
  writer.EncodeAppendedDataOff();
  writer.SetCompressorTypeToZLib();
  if (writer.Write() != 1) throw std::runtime_error((directory / file).string() + ": VTK could not write the frame");
  pvd.add(time, file);
}

}  // namespace mf
