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

# The commands as a user runs them (needs the quizdeck binary).
if(TARGET quizdeck)
  qd_import_test(test_import_cli)
  target_compile_definitions(test_import_cli PRIVATE
                             QD_QUIZDECK_BIN="$<TARGET_FILE:quizdeck>")
  add_dependencies(test_import_cli quizdeck)
  # export --with-history and its import, through the command line too
  target_compile_definitions(test_export PRIVATE QD_QUIZDECK_BIN="$<TARGET_FILE:quizdeck>")
  add_dependencies(test_export quizdeck)
  if(TARGET qgen AND EXISTS ${PROJECT_SOURCE_DIR}/questions/corpus/000_4cad738b966eeb68.txt)
    target_compile_definitions(test_import_cli PRIVATE
      QD_TEST_ARTICLE="${PROJECT_SOURCE_DIR}/questions/corpus/000_4cad738b966eeb68.txt")
  endif()
endif()

# libFuzzer targets (configure with CC=clang -DQD_FUZZ=ON).  Each runs for
# a bounded time as a test; new inputs go to a corpus dir in the build
# tree, the committed seeds are only read.
if(QD_FUZZ)
  set(QD_FUZZ_FLAGS -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined)
  target_compile_options(qdimport PRIVATE -fsanitize=fuzzer-no-link,address,undefined
                                          -fno-omit-frame-pointer)
  # whatever links the instrumented library needs the sanitizer runtimes
  target_link_options(qdimport INTERFACE -fsanitize=address,undefined)
  set(QD_FUZZ_SEEDS_csv ${QD_IMPORT_DATA}/text ${QD_IMPORT_DATA}/seed/csv)
  set(QD_FUZZ_SEEDS_apkg ${QD_IMPORT_DATA}/seed/apkg ${QD_IMPORT_DATA}/apkg
      ${QD_IMPORT_DATA}/crafted)
  set(QD_FUZZ_SEEDS_deck ${QD_IMPORT_DATA}/seed/deck)
  foreach(kind csv apkg deck)
    set(t fuzz_import_${kind})
    add_executable(${t} ${CMAKE_CURRENT_SOURCE_DIR}/${t}.c)
    target_compile_options(${t} PRIVATE ${QD_FUZZ_FLAGS})
    target_link_options(${t} PRIVATE ${QD_FUZZ_FLAGS})
    target_link_libraries(${t} PRIVATE qdimport)
    set(work ${CMAKE_CURRENT_BINARY_DIR}/${t}_corpus)
    file(MAKE_DIRECTORY ${work})
    add_test(NAME ${t}
             COMMAND ${t} -max_total_time=15 -timeout=10 -rss_limit_mb=2048
                     -artifact_prefix=${CMAKE_CURRENT_BINARY_DIR}/${t}-
                     -max_len=200000 -print_final_stats=1 ${work} ${QD_FUZZ_SEEDS_${kind}})
    set_tests_properties(${t} PROPERTIES LABELS "fuzz;nosan" TIMEOUT 120
                         ENVIRONMENT "ASAN_OPTIONS=detect_leaks=1:abort_on_error=1")
  endforeach()
endif()
