# Question generator tests (questions/): extractor, generator, the quizgen
# command, and the quality bar against the hand-annotated gold facts.
function(qd_qgen_test name)
  qd_cmocka_test(${name} ${ARGN})
  target_link_libraries(${name} PRIVATE qgen)
  target_compile_definitions(${name} PRIVATE
    QD_GOLD_DIR="${QD_TEST_DATA}/gold"
    QUIZGEN_EXE="$<TARGET_FILE:quizgen>")
endfunction()

qd_qgen_test(test_extract ${CMAKE_CURRENT_SOURCE_DIR}/test_extract.c)
qd_qgen_test(test_generate ${CMAKE_CURRENT_SOURCE_DIR}/test_generate.c)
qd_qgen_test(test_quizgen ${CMAKE_CURRENT_SOURCE_DIR}/test_quizgen.c)
qd_qgen_test(test_quizgen_gold ${CMAKE_CURRENT_SOURCE_DIR}/test_quizgen_gold.c)
add_dependencies(test_quizgen quizgen)

# libFuzzer target for the text and fact extractor (clang only).
if(QD_FUZZ)
  if(CMAKE_C_COMPILER_ID MATCHES "Clang")
    # the generator sources are compiled in so that they are instrumented
    get_target_property(QGEN_SOURCES qgen SOURCES)
    list(TRANSFORM QGEN_SOURCES PREPEND ${PROJECT_SOURCE_DIR}/questions/)
    add_executable(fuzz_extract ${CMAKE_CURRENT_SOURCE_DIR}/fuzz_extract.c
                   ${QGEN_SOURCES})
    target_compile_options(fuzz_extract PRIVATE -fsanitize=fuzzer,address,undefined
                           -fno-sanitize-recover=undefined)
    target_link_options(fuzz_extract PRIVATE -fsanitize=fuzzer,address,undefined)
    get_target_property(QGEN_INCLUDES qgen INCLUDE_DIRECTORIES)
    target_include_directories(fuzz_extract PRIVATE ${QGEN_INCLUDES})
    target_link_libraries(fuzz_extract PRIVATE qdcore PkgConfig::ICU
                          PkgConfig::UTF8PROC)
    if(QD_HAVE_GEONAMES)
      target_link_libraries(fuzz_extract PRIVATE PkgConfig::GEONAMES)
    else()
      target_compile_definitions(fuzz_extract PRIVATE QLEX_NO_GEONAMES=1)
    endif()
    # new inputs go to a scratch directory in the build tree; the project
    # corpus is only read
    set(QD_FUZZ_WORK ${CMAKE_CURRENT_BINARY_DIR}/fuzz_extract_corpus)
    file(MAKE_DIRECTORY ${QD_FUZZ_WORK})
    add_test(NAME fuzz_extract
             COMMAND fuzz_extract -max_total_time=20 -rss_limit_mb=1024
                     -max_len=65536 ${QD_FUZZ_WORK}
                     ${PROJECT_SOURCE_DIR}/questions/corpus)
    set_tests_properties(fuzz_extract PROPERTIES LABELS "fuzz;nosan" TIMEOUT 120)
  else()
    message(WARNING "QD_FUZZ needs clang; fuzz_extract is not built")
  endif()
endif()
