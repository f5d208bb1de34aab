# Study core benchmarks (lead): ./build/bench/store_bench [--cards N]
add_executable(store_bench ${CMAKE_CURRENT_SOURCE_DIR}/store_bench.c)
target_link_libraries(store_bench PRIVATE qdcore)
