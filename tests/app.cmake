# Tests of the study app: answer matching (pure core), the SDL screens
# headless, and the end-to-end run under Xvfb.
qd_cmocka_test(test_answer ${CMAKE_CURRENT_SOURCE_DIR}/test_answer.c)

# A database maker for the app's tests and benchmarks (through store.h).
add_executable(e2e_mkdb ${CMAKE_CURRENT_SOURCE_DIR}/e2e_mkdb.c)
target_link_libraries(e2e_mkdb PRIVATE qdcore)
