# bench_import_csv: a 100,000-card CSV imported end to end (parse + commit).
add_executable(bench_import_csv ${CMAKE_CURRENT_SOURCE_DIR}/import_csv.c)
target_link_libraries(bench_import_csv PRIVATE qdimport qdcore)
