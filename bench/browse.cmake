# The deck browser on a 100,000-note deck (prints "name value unit"):
#   build/bench/browse_bench build/tests/e2e_mkdb /tmp/qd-bench
add_executable(browse_bench ${CMAKE_CURRENT_SOURCE_DIR}/browse_bench.c)
target_link_libraries(browse_bench PRIVATE quizdeck_ui qdcore)
add_custom_target(bench_browse
  COMMAND browse_bench $<TARGET_FILE:e2e_mkdb> ${CMAKE_BINARY_DIR}/bench-data
  DEPENDS browse_bench e2e_mkdb
  USES_TERMINAL)
