# Warnings and code-generation flags shared by every native target.
add_library(drc_warnings INTERFACE)
target_compile_options(drc_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow=local -Wno-missing-field-initializers
  # GCC 12 reports false -Wrestrict positives inside libstdc++ string code (GCC bug 105329).
  $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict>
  # C++-only; gcc warns when it is passed to C sources such as the generated layout probe.
  $<$<COMPILE_LANGUAGE:CXX>:-Wnon-virtual-dtor>
  $<$<CONFIG:Release>:-O3>)
