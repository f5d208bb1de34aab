# Study core: store and queue (lead).
qd_cmocka_test(test_store ${CMAKE_CURRENT_SOURCE_DIR}/test_store.c)
qd_cmocka_test(test_queue ${CMAKE_CURRENT_SOURCE_DIR}/test_queue.c)
add_test(NAME test_cli COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/test_cli.sh
         $<TARGET_FILE:quizdeck> ${QD_TEST_DATA})
qd_cmocka_test(test_cloze ${CMAKE_CURRENT_SOURCE_DIR}/test_cloze.c)
