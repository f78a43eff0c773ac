# MPI world tests (included by tests/native/CMakeLists.txt): deeprc_dist_tests_mpi runs every
# DIST_TEST body on the MPI world under mpirun -np 1..4 (the plugin from DEEPRC_PLUGIN_DIR), the
# same binary under MPICH's launcher with the MPICH build of the plugin, a run with a tiny message
# size limit that forces every multi-chunk path, and mpi_wrap_test (a host program that owns MPI
# and hands DeepRC a split communicator through the C ABI; with --deeprc-initialises it checks
# that closing the last communicator finalizes the MPI DeepRC initialised).
if(NOT TARGET deeprc_mpi OR DRC_SANITIZE)
  return()
endif()
find_package(MPI COMPONENTS C)

add_executable(deeprc_dist_tests_mpi ${CMAKE_CURRENT_LIST_DIR}/mpi_runner.cpp)
target_link_libraries(deeprc_dist_tests_mpi PRIVATE deeprc_dist_test_bodies deeprc_core GTest::gtest drc_warnings)
add_dependencies(deeprc_dist_tests_mpi deeprc_mpi)

add_executable(deeprc_mpi_wrap_test ${CMAKE_CURRENT_LIST_DIR}/mpi_wrap_test.cpp)
target_link_libraries(deeprc_mpi_wrap_test PRIVATE deeprc MPI::MPI_C drc_warnings)
target_include_directories(deeprc_mpi_wrap_test PRIVATE ${PROJECT_SOURCE_DIR}/native/include)
add_dependencies(deeprc_mpi_wrap_test deeprc_mpi)

execute_process(COMMAND id -u OUTPUT_VARIABLE DRC_UID OUTPUT_STRIP_TRAILING_WHITESPACE)
find_program(DRC_OMPI_RUN NAMES mpirun.openmpi mpirun)
set(DRC_OMPI_FLAGS --oversubscribe --bind-to none --mca btl self,vader)
if(DRC_UID STREQUAL "0")
  list(APPEND DRC_OMPI_FLAGS --allow-run-as-root)
endif()
set(DRC_PLUGIN_LIB_DIR ${CMAKE_LIBRARY_OUTPUT_DIRECTORY})

foreach(np 1 2 3 4)
  add_test(NAME mpi_np${np}
           COMMAND ${DRC_OMPI_RUN} -np ${np} ${DRC_OMPI_FLAGS} $<TARGET_FILE:deeprc_dist_tests_mpi>)
  set_tests_properties(mpi_np${np} PROPERTIES TIMEOUT 300
                       ENVIRONMENT "DEEPRC_PLUGIN_DIR=${DRC_PLUGIN_LIB_DIR}")
endforeach()

# Every transfer in chunks of at most 1000 bytes (not a multiple of 8: allreduce rounds down).
add_test(NAME mpi_chunked_np3
         COMMAND ${DRC_OMPI_RUN} -np 3 ${DRC_OMPI_FLAGS} $<TARGET_FILE:deeprc_dist_tests_mpi>)
set_tests_properties(mpi_chunked_np3 PROPERTIES TIMEOUT 300
                     ENVIRONMENT "DEEPRC_PLUGIN_DIR=${DRC_PLUGIN_LIB_DIR};DEEPRC_MPI_MAX_MESSAGE_BYTES=1000")
# The blocking wait mode (MPI_Waitall) on the collectives.
add_test(NAME mpi_block_np2
         COMMAND ${DRC_OMPI_RUN} -np 2 ${DRC_OMPI_FLAGS} $<TARGET_FILE:deeprc_dist_tests_mpi>
                 --gtest_filter=CommCollectives.*)
set_tests_properties(mpi_block_np2 PROPERTIES TIMEOUT 300
                     ENVIRONMENT "DEEPRC_PLUGIN_DIR=${DRC_PLUGIN_LIB_DIR};DEEPRC_MPI_WAIT=block")

add_test(NAME mpi_wrap_np3 COMMAND ${DRC_OMPI_RUN} -np 3 ${DRC_OMPI_FLAGS} $<TARGET_FILE:deeprc_mpi_wrap_test>)
set_tests_properties(mpi_wrap_np3 PROPERTIES TIMEOUT 300 ENVIRONMENT "DEEPRC_PLUGIN_DIR=${DRC_PLUGIN_LIB_DIR}")
add_test(NAME mpi_world_finalize_np2
         COMMAND ${DRC_OMPI_RUN} -np 2 ${DRC_OMPI_FLAGS} $<TARGET_FILE:deeprc_mpi_wrap_test> --deeprc-initialises)
set_tests_properties(mpi_world_finalize_np2 PROPERTIES TIMEOUT 300
                     ENVIRONMENT "DEEPRC_PLUGIN_DIR=${DRC_PLUGIN_LIB_DIR}")

# Opt-in (about 2.2 GB per rank): messages beyond INT_MAX bytes with the default 1 GiB chunks.
option(DRC_HUGE_TESTS "Register mpi_huge_np2 (transfers > 2 GiB, ~5 GB of memory)" OFF)
if(DRC_HUGE_TESTS)
  add_test(NAME mpi_huge_np2
           COMMAND ${DRC_OMPI_RUN} -np 2 ${DRC_OMPI_FLAGS} $<TARGET_FILE:deeprc_dist_tests_mpi>
                   --gtest_filter=CommCollectives.HugeMessagesBeyondIntMax)
  set_tests_properties(mpi_huge_np2 PROPERTIES TIMEOUT 600
                       ENVIRONMENT "DEEPRC_PLUGIN_DIR=${DRC_PLUGIN_LIB_DIR};DEEPRC_TEST_HUGE_MESSAGES=1")
endif()

# The same test binary under MPICH: the core has no MPI dependency, the plugin brings libmpich.
find_program(DRC_MPICH_RUN NAMES mpiexec.mpich mpirun.mpich)
if(TARGET deeprc_mpi_mpich AND DRC_MPICH_RUN)
  foreach(np 2 3)
    add_test(NAME mpich_np${np} COMMAND ${DRC_MPICH_RUN} -n ${np} $<TARGET_FILE:deeprc_dist_tests_mpi>)
    set_tests_properties(mpich_np${np} PROPERTIES TIMEOUT 300
                         ENVIRONMENT "DEEPRC_PLUGIN_DIR=${DRC_PLUGIN_LIB_DIR}/mpich")
    add_dependencies(deeprc_dist_tests_mpi deeprc_mpi_mpich)
  endforeach()
endif()
