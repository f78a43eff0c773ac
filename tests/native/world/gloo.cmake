# Gloo world tests (included by tests/native/CMakeLists.txt): deeprc_dist_tests_gloo runs every
# DIST_TEST body on a Gloo world under mpirun -np 1..4 (mpirun only starts the processes), with
# the job-unique file store and with a TCP store served by rank 0, plus a run with 1000-byte
# chunks that forces every multi-chunk path, and one under MPICH's mpiexec.hydra. Only when the
# plugin is built.
# Not in the sanitizer build either: CI builds only deeprc_tests there (whose Gloo tests then
# GTEST_SKIP), so registered world tests would have no binary.
if(NOT TARGET deeprc_gloo OR DRC_SANITIZE)
  return()
endif()

add_executable(deeprc_dist_tests_gloo ${CMAKE_CURRENT_LIST_DIR}/gloo_runner.cpp)
target_link_libraries(deeprc_dist_tests_gloo PRIVATE deeprc_dist_test_bodies deeprc_core GTest::gtest drc_warnings)
add_dependencies(deeprc_dist_tests_gloo deeprc_gloo)
if(TARGET deeprc_tests)
  # launcher_env_test / gloo_comm_test use the runner and the plugin when they exist.
  add_dependencies(deeprc_tests deeprc_dist_tests_gloo deeprc_gloo)
endif()

execute_process(COMMAND id -u OUTPUT_VARIABLE DRC_GLOO_UID OUTPUT_STRIP_TRAILING_WHITESPACE)
find_program(DRC_GLOO_MPIRUN NAMES mpirun.openmpi mpirun)
if(NOT DRC_GLOO_MPIRUN)
  message(STATUS "Gloo world tests: no mpirun, not registered")
  return()
endif()
set(DRC_GLOO_RUN_FLAGS --oversubscribe --bind-to none)
if(DRC_GLOO_UID STREQUAL "0")
  list(APPEND DRC_GLOO_RUN_FLAGS --allow-run-as-root)
endif()
set(DRC_GLOO_ENV "DEEPRC_PLUGIN_DIR=${CMAKE_LIBRARY_OUTPUT_DIRECTORY}")

foreach(np 1 2 3 4)
  add_test(NAME gloo_np${np}
           COMMAND ${DRC_GLOO_MPIRUN} -np ${np} ${DRC_GLOO_RUN_FLAGS} $<TARGET_FILE:deeprc_dist_tests_gloo>)
  set_tests_properties(gloo_np${np} PROPERTIES TIMEOUT 300 ENVIRONMENT "${DRC_GLOO_ENV}")
endforeach()
foreach(np 2 4)
  add_test(NAME gloo_tcp_np${np}
           COMMAND ${DRC_GLOO_MPIRUN} -np ${np} ${DRC_GLOO_RUN_FLAGS} $<TARGET_FILE:deeprc_dist_tests_gloo> --tcp-store)
  set_tests_properties(gloo_tcp_np${np} PROPERTIES TIMEOUT 300 ENVIRONMENT "${DRC_GLOO_ENV}")
endforeach()
# MPICH's launcher: the job id (and so the default store directory) comes from hydra's PMI kvs name.
find_program(DRC_GLOO_HYDRA NAMES mpiexec.hydra)
if(DRC_GLOO_HYDRA)
  add_test(NAME gloo_hydra_np3 COMMAND ${DRC_GLOO_HYDRA} -n 3 $<TARGET_FILE:deeprc_dist_tests_gloo>)
  set_tests_properties(gloo_hydra_np3 PROPERTIES TIMEOUT 300 ENVIRONMENT "${DRC_GLOO_ENV}")
endif()
add_test(NAME gloo_chunked_np3
         COMMAND ${DRC_GLOO_MPIRUN} -np 3 ${DRC_GLOO_RUN_FLAGS} $<TARGET_FILE:deeprc_dist_tests_gloo>)
set_tests_properties(gloo_chunked_np3 PROPERTIES TIMEOUT 300
                     ENVIRONMENT "${DRC_GLOO_ENV};DEEPRC_GLOO_CHUNK_BYTES=1000")
