# Study app benchmarks (print "name value unit"; never assertions).
#   build/bench/app_bench build/app/quizdeck build/tests/e2e_mkdb /tmp/qd-bench
#   bash bench/app_idle.sh build/app/quizdeck build/tests/e2e_mkdb
add_executable(app_bench ${CMAKE_CURRENT_SOURCE_DIR}/app_bench.c)
target_link_libraries(app_bench PRIVATE quizdeck_ui qdcore)
add_custom_target(bench_app
  COMMAND app_bench $<TARGET_FILE:quizdeck> $<TARGET_FILE:e2e_mkdb>
          ${CMAKE_BINARY_DIR}/bench-data
  COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/app_idle.sh
          $<TARGET_FILE:quizdeck> $<TARGET_FILE:e2e_mkdb>
  DEPENDS app_bench quizdeck e2e_mkdb
  USES_TERMINAL)
