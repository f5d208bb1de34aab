# Tests of the study app: answer matching (pure core), the SDL screens
# headless, and the end-to-end run under Xvfb.
qd_cmocka_test(test_answer ${CMAKE_CURRENT_SOURCE_DIR}/test_answer.c)
qd_cmocka_test(test_session ${CMAKE_CURRENT_SOURCE_DIR}/test_session.c)

# A database maker for the app's tests and benchmarks (through store.h).
add_executable(e2e_mkdb ${CMAKE_CURRENT_SOURCE_DIR}/e2e_mkdb.c)
target_link_libraries(e2e_mkdb PRIVATE qdcore)

# The screens, headless: SDL's dummy video driver (the offscreen one loads
# EGL, whose libraries leak at exit under LeakSanitizer), software renderer.
set(QD_APP_ARTIFACTS ${CMAKE_BINARY_DIR}/tests/artifacts)
file(MAKE_DIRECTORY ${QD_APP_ARTIFACTS})
add_executable(test_ui_screens ${CMAKE_CURRENT_SOURCE_DIR}/test_ui_screens.c
  ${CMAKE_CURRENT_SOURCE_DIR}/ui_shot.c)
target_link_libraries(test_ui_screens PRIVATE quizdeck_ui qdcore
                      PkgConfig::CMOCKA)
target_compile_definitions(test_ui_screens PRIVATE
  $<$<TARGET_EXISTS:qdimport>:QD_HAVE_IMPORT=1>)
add_test(NAME test_ui_screens COMMAND test_ui_screens ${QD_APP_ARTIFACTS})
set_tests_properties(test_ui_screens PROPERTIES TIMEOUT 240
  ENVIRONMENT "SDL_VIDEODRIVER=dummy;SDL_RENDER_DRIVER=software")

# The event-to-action table.
add_executable(test_ui_input ${CMAKE_CURRENT_SOURCE_DIR}/test_ui_input.c)
target_link_libraries(test_ui_input PRIVATE quizdeck_ui PkgConfig::CMOCKA)
add_test(NAME test_ui_input COMMAND test_ui_input)

# End to end: the real binary in an Xvfb window, driven by xdotool; checks
# the reviews in the database with the sqlite3 CLI.  Screenshots of every
# screen are kept in tests/artifacts/e2e.  Slow under sanitizers: nosan.
add_test(NAME e2e_study
  COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/e2e_study.sh
          $<TARGET_FILE:quizdeck> $<TARGET_FILE:e2e_mkdb>
          ${QD_APP_ARTIFACTS}/e2e)
set_tests_properties(e2e_study PROPERTIES TIMEOUT 180 LABELS nosan
  SKIP_RETURN_CODE 77)

# The deck browser (teachers: browse, search, edit, suspend, delete),
# headless like test_ui_screens; its frames go to the artifacts directory.
add_executable(test_ui_browse ${CMAKE_CURRENT_SOURCE_DIR}/test_ui_browse.c
  ${CMAKE_CURRENT_SOURCE_DIR}/ui_shot.c)
target_link_libraries(test_ui_browse PRIVATE quizdeck_ui qdcore
                      PkgConfig::CMOCKA)
target_compile_definitions(test_ui_browse PRIVATE
  $<$<TARGET_EXISTS:qdimport>:QD_HAVE_IMPORT=1>)
add_test(NAME test_ui_browse COMMAND test_ui_browse ${QD_APP_ARTIFACTS})
set_tests_properties(test_ui_browse PROPERTIES TIMEOUT 120
  ENVIRONMENT "SDL_VIDEODRIVER=dummy;SDL_RENDER_DRIVER=software")

# The deck browser end to end: real clicks, keys and typing in an Xvfb
# window; the edits, suspensions and deletions checked in the database.
add_test(NAME e2e_browse
  COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/e2e_browse.sh
          $<TARGET_FILE:quizdeck> $<TARGET_FILE:e2e_mkdb>
          ${QD_APP_ARTIFACTS}/e2e_browse)
set_tests_properties(e2e_browse PROPERTIES TIMEOUT 120 LABELS nosan
  SKIP_RETURN_CODE 77)
