# Tests of the teachers' decks work: importers (CSV/TSV/Kahoot, Anki
# packages, deck files), export, the deck commands, and libFuzzer targets.
set(QD_IMPORT_DATA ${QD_TEST_DATA}/import)

function(qd_import_test name)
  qd_cmocka_test(${name} ${CMAKE_CURRENT_SOURCE_DIR}/${name}.c)
  target_link_libraries(${name} PRIVATE qdimport)
  target_compile_definitions(${name} PRIVATE QD_IMPORT_DATA="${QD_IMPORT_DATA}")
endfunction()

qd_import_test(test_import_fixtures)
qd_import_test(test_import_csv)
qd_import_test(test_import_apkg)
target_link_libraries(test_import_apkg PRIVATE PkgConfig::LIBZIP)
qd_import_test(test_import_store)
qd_import_test(test_export)
