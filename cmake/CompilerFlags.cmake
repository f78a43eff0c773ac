# Warnings and code-generation flags shared by every native target.
add_library(drc_warnings INTERFACE)
target_compile_options(drc_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow=local -Wnon-virtual-dtor -Wno-missing-field-initializers
  $<$<CONFIG:Release>:-O3>)
