# FSRS-6 memory model and scheduler: unit tests and reference vectors.
pkg_check_modules(QD_FSRS_JANSSON REQUIRED IMPORTED_TARGET jansson)

qd_cmocka_test(test_sched ${CMAKE_CURRENT_SOURCE_DIR}/test_sched.c)

# Vector test: CASES_JSON EXPECTED_CSV model|scheduler (ts-fsrs 5.4.2 oracle).
add_executable(test_fsrs_vectors ${CMAKE_CURRENT_SOURCE_DIR}/test_fsrs_vectors.c)
target_link_libraries(test_fsrs_vectors PRIVATE qdcore PkgConfig::QD_FSRS_JANSSON)
target_compile_definitions(test_fsrs_vectors PRIVATE
  QD_FSRS_DATA="${QD_TEST_DATA}/fsrs")
add_test(NAME fsrs_vectors_model
  COMMAND test_fsrs_vectors ${QD_TEST_DATA}/fsrs/cases.json
          ${QD_TEST_DATA}/fsrs/expected_model.csv model)
add_test(NAME fsrs_vectors_scheduler
  COMMAND test_fsrs_vectors ${QD_TEST_DATA}/fsrs/cases.json
          ${QD_TEST_DATA}/fsrs/expected_scheduler.csv scheduler)
