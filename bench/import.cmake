# bench_import_csv: a 100,000-card CSV imported end to end (parse + commit).
add_executable(bench_import_csv ${CMAKE_CURRENT_SOURCE_DIR}/import_csv.c)
target_link_libraries(bench_import_csv PRIVATE qdimport qdcore)

# bench_import_apkg: parse time of the real Anki packages (no database).
add_executable(bench_import_apkg ${CMAKE_CURRENT_SOURCE_DIR}/import_apkg.c)
target_link_libraries(bench_import_apkg PRIVATE qdimport)
target_compile_definitions(bench_import_apkg PRIVATE
                           QD_IMPORT_DATA="${PROJECT_SOURCE_DIR}/tests/data/import")
