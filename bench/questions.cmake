# quizgen throughput: `quizgen_bench [MAX_MB]` prints name value unit lines
# (1, 10 and 100 MB of concatenated articles generated in /tmp, and the
# built-in corpus).  `cmake --build . --target bench_quizgen` runs it.
add_executable(quizgen_bench ${CMAKE_CURRENT_SOURCE_DIR}/quizgen_bench.c)
target_link_libraries(quizgen_bench PRIVATE qgen)
add_custom_target(bench_quizgen COMMAND quizgen_bench DEPENDS quizgen_bench
                  USES_TERMINAL)
