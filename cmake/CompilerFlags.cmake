# Warnings and code-generation flags shared by every native target.
add_library(drc_warnings INTERFACE)
target_compile_options(drc_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow=local -Wno-missing-field-initializers
  # C++-only; gcc warns when it is passed to C sources such as the generated layout probe.
  $<$<COMPILE_LANGUAGE:CXX>:-Wnon-virtual-dtor>
  $<$<CONFIG:Release>:-O3>)
